/**
 * The M6 message: an import changed the person's e-mail address. Sent to the NEW address
 * only, with a one-time link to create a new password (P7: the old one was wiped). It
 * names no one and carries no personal data beyond what the recipient already has, so one
 * rendering serves every recipient of an import, each with their own link put in.
 */
import { Text } from "@react-email/components";
import { MailLayout, MailLink, mailSmallText, mailText as text, renderMail } from "./layout";

export interface EmailChangedProps {
  /** The one-time link where the person creates their new password (absolute when the public address is known). */
  resetUrl: string;
  /** When the link stops working, already formatted for the reader. */
  expiresText: string;
  /** Where to ask for a new link once this one has expired. */
  forgotUrl: string;
}

export const EMAIL_CHANGED_SUBJECT = "Your Portico sign-in details have changed";

export function EmailChanged({ resetUrl, expiresText, forgotUrl }: EmailChangedProps) {
  return (
    <MailLayout preview="Your details changed: sign in with this address and create a new password" heading="Your sign-in details have changed">
      <Text style={text}>Your organisation updated your details in Portico, and your account now uses this e-mail address.</Text>
      <Text style={text}>
        From now on, sign in with this address. Your old password no longer works and you have been signed out everywhere: you need to create a new password.
      </Text>
      <Text style={text}>
        <MailLink href={resetUrl}>Create your new password</MailLink>
      </Text>
      <Text style={text}>Or copy this address into your browser: {resetUrl}</Text>
      <Text style={text}>
        The link works once, until {expiresText}. After that, ask for a new one on the sign-in page (“Forgot your password?”): <MailLink href={forgotUrl}>{forgotUrl}</MailLink>
      </Text>
      <Text style={mailSmallText}>If you did not expect this, contact your organisation’s IT support.</Text>
    </MailLayout>
  );
}

export function renderEmailChanged(p: EmailChangedProps): Promise<{ subject: string; html: string; text: string }> {
  return renderMail(EMAIL_CHANGED_SUBJECT, <EmailChanged {...p} />);
}
