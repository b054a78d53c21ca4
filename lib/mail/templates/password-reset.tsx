/**
 * P7: "Forgot your password?". To an account that can use a password: a one-time link
 * where the person sets a new one (the link is the only secret in it). To an account that
 * signs in only through single sign-on: no link, but how to sign in instead. Every value
 * is text that React escapes.
 */
import { Hr, Text } from "@react-email/components";
import { oneLine } from "./content-notification";
import { MailLayout, MailLink, mailSmallText, mailText as text, renderMail } from "./layout";

export const PASSWORD_RESET_SUBJECT = "Set a new password for Portico";
export const PASSWORD_RESET_SSO_SUBJECT = "How to sign in to Portico";

export interface PasswordResetProps {
  name: string;
  /** Absolute when the public address (AUTH_URL) is known, else a path on the site. */
  url: string;
  /** When the link stops working, already formatted for the reader. */
  expiresText: string;
}

export function PasswordResetEmail(p: PasswordResetProps) {
  return (
    <MailLayout preview="Open the link to choose a new password" heading={`Set a new password, ${oneLine(p.name, 100)}`}>
      <Text style={text}>Someone asked to set a new password for the Portico account that uses this e-mail address. To choose one, open the link below.</Text>
      <Text style={text}>
        <MailLink href={p.url}>Set a new password</MailLink>
      </Text>
      <Text style={text}>Or copy this address into your browser: {p.url}</Text>
      <Text style={text}>
        The link works once, until {p.expiresText}; asking again replaces it. Setting a new password signs your account out everywhere else.
      </Text>
      <Hr style={{ borderColor: "#d1d5db" }} />
      <Text style={mailSmallText}>If you did not ask for this, you can ignore this e-mail: your password stays as it is.</Text>
    </MailLayout>
  );
}

export function renderPasswordReset(p: PasswordResetProps): Promise<{ subject: string; html: string; text: string }> {
  return renderMail(PASSWORD_RESET_SUBJECT, <PasswordResetEmail {...p} />);
}

export interface PasswordResetSsoProps {
  name: string;
  /** The single sign-on service's name, as the sign-in page shows it. */
  ssoName: string;
  signInUrl: string;
}

export function PasswordResetSsoEmail(p: PasswordResetSsoProps) {
  return (
    <MailLayout preview={`Sign in with ${p.ssoName}: your account has no Portico password`} heading={`You sign in with ${oneLine(p.ssoName, 100)}, ${oneLine(p.name, 100)}`}>
      <Text style={text}>
        Someone asked to set a new password for the Portico account that uses this e-mail address. This account signs in through your organisation’s single sign-on, so it has no Portico password to
        reset.
      </Text>
      <Text style={text}>
        On the sign-in page, choose “Sign in with {p.ssoName}”. If you cannot sign in there, your organisation’s IT support can help.
      </Text>
      <Text style={text}>
        <MailLink href={p.signInUrl}>Go to the sign-in page</MailLink>
      </Text>
      <Hr style={{ borderColor: "#d1d5db" }} />
      <Text style={mailSmallText}>If you did not ask for this, you can ignore this e-mail: nothing has changed.</Text>
    </MailLayout>
  );
}

export function renderPasswordResetSso(p: PasswordResetSsoProps): Promise<{ subject: string; html: string; text: string }> {
  return renderMail(PASSWORD_RESET_SSO_SUBJECT, <PasswordResetSsoEmail {...p} />);
}
