/**
 * The M6 message: an import changed the person's e-mail address. Sent to the NEW address
 * only; it names no one and carries no personal data beyond what the recipient already
 * has, so one rendering serves every recipient.
 */
import { Text } from "@react-email/components";
import { MailLayout, MailLink, mailSmallText, mailText as text, renderMail } from "./layout";

export interface EmailChangedProps {
  /** Absolute when the public address is known, else a path on the site. */
  signInUrl: string;
}

export const EMAIL_CHANGED_SUBJECT = "Your Portico sign-in details have changed";

export function EmailChanged({ signInUrl }: EmailChangedProps) {
  return (
    <MailLayout preview="Your details changed: sign in with this address and create a new password" heading="Your sign-in details have changed">
      <Text style={text}>Your organisation updated your details in Portico, and your account now uses this e-mail address.</Text>
      <Text style={text}>
        From now on, sign in with this address. Your old password no longer works and you have been signed out everywhere: you need to create a new password.
      </Text>
      <Text style={text}>
        <MailLink href={signInUrl}>Go to the sign-in page</MailLink>
      </Text>
      <Text style={mailSmallText}>If you did not expect this, contact your organisation’s IT support.</Text>
    </MailLayout>
  );
}

export function renderEmailChanged(p: EmailChangedProps): Promise<{ subject: string; html: string; text: string }> {
  return renderMail(EMAIL_CHANGED_SUBJECT, <EmailChanged {...p} />);
}
