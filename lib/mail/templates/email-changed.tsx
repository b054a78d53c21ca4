/**
 * The M6 message: an import changed the person's e-mail address. Sent to the NEW address
 * only; it names no one and carries no personal data beyond what the recipient already
 * has, so one rendering serves every recipient.
 */
import { Body, Container, Head, Heading, Html, Link, Preview, Text } from "@react-email/components";
import { render } from "@react-email/render";

export interface EmailChangedProps {
  /** Absolute when the public address is known, else a path on the site. */
  signInUrl: string;
}

export const EMAIL_CHANGED_SUBJECT = "Your Portico sign-in details have changed";

const text = { fontSize: "16px", lineHeight: "24px", color: "#1f2937" };

export function EmailChanged({ signInUrl }: EmailChangedProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Your details changed: sign in with this address and create a new password</Preview>
      <Body style={{ backgroundColor: "#f3f4f6", fontFamily: "Arial, Helvetica, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "600px" }}>
          <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", color: "#111827" }}>
            Your sign-in details have changed
          </Heading>
          <Text style={text}>
            Your organisation updated your details in Portico, and your account now uses this e-mail address.
          </Text>
          <Text style={text}>
            From now on, sign in with this address. Your old password no longer works and you have been signed out
            everywhere: you need to create a new password.
          </Text>
          <Text style={text}>
            <Link href={signInUrl} style={{ color: "#1d4ed8", textDecoration: "underline" }}>
              Go to the sign-in page
            </Link>
          </Text>
          <Text style={{ ...text, fontSize: "14px", color: "#374151" }}>
            If you did not expect this, contact your organisation’s IT support.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

const PLAIN_TEXT = { selectors: [{ selector: "h1", options: { uppercase: false } }] };

export async function renderEmailChanged(p: EmailChangedProps): Promise<{ subject: string; html: string; text: string }> {
  const element = <EmailChanged {...p} />;
  const [html, plain] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions: PLAIN_TEXT })]);
  return { subject: EMAIL_CHANGED_SUBJECT, html, text: plain };
}
