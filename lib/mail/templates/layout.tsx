/**
 * What the account e-mails share (welcome, e-mail changes): the page around the message,
 * its text style, and rendering one element to HTML and to its plain-text part.
 */
import type { ReactElement, ReactNode } from "react";
import { Body, Container, Head, Heading, Html, Link, Preview } from "@react-email/components";
import { render } from "@react-email/render";
import { stripBidiControls } from "@/lib/validation/text";

export const mailText = { fontSize: "16px", lineHeight: "24px", color: "#1f2937" };
export const mailSmallText = { ...mailText, fontSize: "14px", color: "#374151" };

export function MailLayout({ preview, heading, children }: { preview: string; heading: ReactNode; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f3f4f6", fontFamily: "Arial, Helvetica, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "600px" }}>
          <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", color: "#111827" }}>
            {heading}
          </Heading>
          {children}
        </Container>
      </Body>
    </Html>
  );
}

export function MailLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} style={{ color: "#1d4ed8", textDecoration: "underline" }}>
      {children}
    </Link>
  );
}

const PLAIN_TEXT = { selectors: [{ selector: "h1", options: { uppercase: false } }] };

/**
 * The message as queued: subject, HTML and its plain-text part, from the same element.
 * The subject loses any bidi override a name in it still holds (stored before names were
 * checked, lib/validation/text.ts): a mail client shows it reversed, disguised.
 */
export async function renderMail(subject: string, element: ReactElement): Promise<{ subject: string; html: string; text: string }> {
  const [html, plain] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions: PLAIN_TEXT })]);
  return { subject: stripBidiControls(subject), html, text: plain };
}
