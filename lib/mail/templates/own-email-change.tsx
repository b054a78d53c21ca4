/**
 * A person's own e-mail change. The confirmation goes to the NEW address (its
 * link is the only secret in it); once the change is made, the notice goes to the OLD
 * address, so that the owner hears of a change they did not make. Every value is text
 * that React escapes.
 */
import { Hr, Text } from "@react-email/components";
import { oneLine } from "./content-notification";
import { MailLayout, MailLink, mailSmallText, mailText as text, renderMail } from "./layout";

export const CONFIRM_EMAIL_SUBJECT = "Confirm your new e-mail address for Portico";
export const EMAIL_NOW_CHANGED_SUBJECT = "Your Portico e-mail address has been changed";

export function ConfirmEmailChange(p: { name: string; url: string; expiresText: string }) {
  return (
    <MailLayout preview="Confirm this address to use it for Portico" heading={`Confirm your new e-mail address, ${oneLine(p.name, 100)}`}>
      <Text style={text}>You asked to use this e-mail address for your Portico account. Nothing changes until you open the link below and confirm.</Text>
      <Text style={text}>
        <MailLink href={p.url}>Confirm my new e-mail address</MailLink>
      </Text>
      <Text style={text}>Or copy this address into your browser: {p.url}</Text>
      <Text style={text}>
        You will be asked to sign in with your current e-mail address first, if you are not signed in. The link works once, until {p.expiresText}; a newer request replaces it.
      </Text>
      <Hr style={{ borderColor: "#d1d5db" }} />
      <Text style={mailSmallText}>If you did not ask for this, you can ignore this e-mail: your account stays as it is.</Text>
    </MailLayout>
  );
}

export function renderConfirmEmailChange(p: { name: string; url: string; expiresText: string }) {
  return renderMail(CONFIRM_EMAIL_SUBJECT, <ConfirmEmailChange {...p} />);
}

export function EmailNowChanged(p: { newEmail: string; signInUrl: string }) {
  return (
    <MailLayout preview="Your account now uses another e-mail address" heading="Your e-mail address has been changed">
      <Text style={text}>
        Your Portico account now uses the e-mail address {p.newEmail}. This address no longer signs in, and you have been signed out on your other devices and browsers.
      </Text>
      <Text style={text}>
        <MailLink href={p.signInUrl}>Go to the sign-in page</MailLink>
      </Text>
      <Text style={mailSmallText}>If you did not make this change, contact your organisation’s IT support at once.</Text>
    </MailLayout>
  );
}

export function renderEmailNowChanged(p: { newEmail: string; signInUrl: string }) {
  return renderMail(EMAIL_NOW_CHANGED_SUBJECT, <EmailNowChanged {...p} />);
}
