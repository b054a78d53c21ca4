/**
 * P3: the welcome e-mail — a one-time sign-in link where the person sets their password.
 * Every value is text that React escapes. The link is the only secret in it.
 */
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Text } from "@react-email/components";
import { render } from "@react-email/render";
import { oneLine } from "./content-notification";

export interface WelcomeProps {
  name: string;
  /** Absolute when the public address (AUTH_URL) is known, else a path on the site. */
  url: string;
  /** When the link stops working, already formatted for the reader. */
  expiresText: string;
}

export const WELCOME_SUBJECT = "Welcome to Portico: set your password";
const text = { fontSize: "16px", lineHeight: "24px", color: "#1f2937" };

export function WelcomeEmail(p: WelcomeProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Set your password to start using Portico</Preview>
      <Body style={{ backgroundColor: "#f3f4f6", fontFamily: "Arial, Helvetica, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "600px" }}>
          <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", color: "#111827" }}>
            Welcome to Portico, {oneLine(p.name, 100)}
          </Heading>
          <Text style={text}>An account has been set up for you. To start, open the link below and choose your password.</Text>
          <Text style={text}>
            <Link href={p.url} style={{ color: "#1d4ed8", textDecoration: "underline" }}>
              Set your password
            </Link>
          </Text>
          <Text style={text}>Or copy this address into your browser: {p.url}</Text>
          <Text style={text}>
            The link works once, until {p.expiresText}. If it has expired, or a newer welcome e-mail has been sent to you, ask your Portico administrator for a new one.
          </Text>
          <Hr style={{ borderColor: "#d1d5db" }} />
          <Text style={{ ...text, fontSize: "14px", color: "#374151" }}>
            If you did not expect this e-mail, you can ignore it: nothing happens until the link is used.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

const PLAIN_TEXT = { selectors: [{ selector: "h1", options: { uppercase: false } }] };

/** The message as queued: subject, HTML and its plain-text part, from the same element. */
export async function renderWelcome(p: WelcomeProps): Promise<{ subject: string; html: string; text: string }> {
  const element = <WelcomeEmail {...p} />;
  const [html, plain] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions: PLAIN_TEXT })]);
  return { subject: WELCOME_SUBJECT, html, text: plain };
}
