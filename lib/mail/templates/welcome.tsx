/**
 * P3: the welcome e-mail — a one-time sign-in link where the person sets their password.
 * Every value is text that React escapes. The link is the only secret in it.
 */
import { Hr, Text } from "@react-email/components";
import { oneLine } from "./content-notification";
import { MailLayout, MailLink, mailSmallText, mailText as text, renderMail } from "./layout";

export interface WelcomeProps {
  name: string;
  /** Absolute when the public address (AUTH_URL) is known, else a path on the site. */
  url: string;
  /** When the link stops working, already formatted for the reader. */
  expiresText: string;
}

export const WELCOME_SUBJECT = "Welcome to Portico: set your password";

export function WelcomeEmail(p: WelcomeProps) {
  return (
    <MailLayout preview="Set your password to start using Portico" heading={`Welcome to Portico, ${oneLine(p.name, 100)}`}>
      <Text style={text}>An account has been set up for you. To start, open the link below and choose your password.</Text>
      <Text style={text}>
        <MailLink href={p.url}>Set your password</MailLink>
      </Text>
      <Text style={text}>Or copy this address into your browser: {p.url}</Text>
      <Text style={text}>
        The link works once, until {p.expiresText}. If it has expired, or a newer welcome e-mail has been sent to you, ask your Portico administrator for a new one.
      </Text>
      <Hr style={{ borderColor: "#d1d5db" }} />
      <Text style={mailSmallText}>If you did not expect this e-mail, you can ignore it: nothing happens until the link is used.</Text>
    </MailLayout>
  );
}

export function renderWelcome(p: WelcomeProps): Promise<{ subject: string; html: string; text: string }> {
  return renderMail(WELCOME_SUBJECT, <WelcomeEmail {...p} />);
}
