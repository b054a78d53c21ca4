/**
 * The S7 notification: content was created, updated or published in a section where the
 * recipient holds a role. Every value is text that React escapes; no HTML from the item
 * reaches the mail, only a plain-text excerpt.
 */
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { render } from "@react-email/render";
import { stripBidiControls } from "@/lib/validation/text";

export type ContentEvent = "created" | "updated" | "published";
export type SectionRoleName = "manager" | "editor" | "author";

export interface ContentNotificationProps {
  event: ContentEvent;
  title: string;
  /** The item's section the recipient's role covers (its home, or one it is shared into). */
  sectionTitle: string;
  actorName: string;
  /** Absolute when the public address is known, else a path on the site. */
  url: string;
  excerpt: string;
  isDraft: boolean;
  role: SectionRoleName;
  /** Where the role is held: the section itself or one above it (S7 cascade). */
  roleSectionTitle: string;
}

const VERB: Record<ContentEvent, string> = { created: "created", updated: "updated", published: "published" };
const SUBJECT_PREFIX: Record<ContentEvent, string> = { created: "New", updated: "Updated", published: "Published" };
const ARTICLE: Record<SectionRoleName, string> = { manager: "a manager", editor: "an editor", author: "an author" };

/** One line, no control characters, bounded: titles and names go into a header. */
export function oneLine(value: string, max = 150): string {
  const line = value.replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

export function contentNotificationSubject(p: Pick<ContentNotificationProps, "event" | "title" | "sectionTitle" | "isDraft">): string {
  const prefix = p.event === "created" && p.isDraft ? "New draft" : SUBJECT_PREFIX[p.event];
  // No bidi overrides: a title stored before titles were checked could disguise the subject (lib/validation/text.ts).
  return stripBidiControls(`${prefix} in ${oneLine(p.sectionTitle, 80)}: ${oneLine(p.title)}`);
}

export function reasonLine(p: Pick<ContentNotificationProps, "role" | "roleSectionTitle" | "sectionTitle">): string {
  const where =
    p.roleSectionTitle === p.sectionTitle
      ? `of ${p.sectionTitle}`
      : `of ${p.roleSectionTitle}, and roles there apply to ${p.sectionTitle} below it`;
  return `You are receiving this because you are ${ARTICLE[p.role]} ${where}.`;
}

const text = { fontSize: "16px", lineHeight: "24px", color: "#1f2937" };

export function ContentNotification(p: ContentNotificationProps) {
  const verb = VERB[p.event];
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${p.actorName} ${verb} “${oneLine(p.title)}” in ${p.sectionTitle}`}</Preview>
      <Body style={{ backgroundColor: "#f3f4f6", fontFamily: "Arial, Helvetica, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "600px" }}>
          <Text style={{ ...text, fontSize: "14px", color: "#374151", margin: 0 }}>Portico · {p.sectionTitle}</Text>
          <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", color: "#111827" }}>
            {p.title}
          </Heading>
          <Text style={text}>
            {p.actorName} {verb} “{p.title}” in {p.sectionTitle}.
            {p.isDraft ? " It is a draft: only its author and the section’s editors and managers can see it." : ""}
          </Text>
          {p.excerpt ? (
            <Section style={{ borderLeft: "4px solid #d1d5db", paddingLeft: "12px" }}>
              <Text style={{ ...text, color: "#374151" }}>{p.excerpt}</Text>
            </Section>
          ) : null}
          <Text style={text}>
            <Link href={p.url} style={{ color: "#1d4ed8", textDecoration: "underline" }}>
              Open “{oneLine(p.title, 80)}”
            </Link>
          </Text>
          <Hr style={{ borderColor: "#d1d5db" }} />
          <Text style={{ ...text, fontSize: "14px", color: "#374151" }}>{reasonLine(p)}</Text>
        </Container>
      </Body>
    </Html>
  );
}

// The title keeps its own letters in the plain-text part (html-to-text capitalises headings).
const PLAIN_TEXT = { selectors: [{ selector: "h1", options: { uppercase: false } }] };

/** The message as queued: subject, HTML and its plain-text part, from the same element. */
export async function renderContentNotification(p: ContentNotificationProps): Promise<{ subject: string; html: string; text: string }> {
  const element = <ContentNotification {...p} />;
  const [html, plain] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions: PLAIN_TEXT })]);
  return { subject: contentNotificationSubject(p), html, text: plain };
}
