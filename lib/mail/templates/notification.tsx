/**
 * K5: one notification by e-mail (at once), and the daily digest of several. Every value
 * is text that React escapes; comment excerpts are plain text. Only notifications that
 * passed the recipient's access check at sending are ever rendered (lib/notifications).
 */
import { Hr, Section, Text } from "@react-email/components";
import { oneLine } from "./content-notification";
import { MailLayout, MailLink, mailSmallText, mailText as text, renderMail } from "./layout";

export interface NotificationMailLine {
  summary: string;
  /** Absolute when the public address is known, else a path on the site. */
  url: string;
  excerpt: string | null;
}

export interface NotificationMailProps extends NotificationMailLine {
  reason: string;
  preferencesUrl: string;
}

export function NotificationEmail(p: NotificationMailProps) {
  return (
    <MailLayout preview={oneLine(p.summary)} heading={oneLine(p.summary, 200)}>
      {p.excerpt ? <Text style={{ ...text, whiteSpace: "pre-line", borderLeft: "4px solid #d1d5db", paddingLeft: "12px" }}>{p.excerpt}</Text> : null}
      <Text style={text}>
        <MailLink href={p.url}>Open it in Portico</MailLink>
      </Text>
      <Hr style={{ borderColor: "#d1d5db" }} />
      <Text style={mailSmallText}>
        {p.reason} <MailLink href={p.preferencesUrl}>Choose which e-mails you receive</MailLink>
      </Text>
    </MailLayout>
  );
}

export function renderNotificationMail(p: NotificationMailProps) {
  return renderMail(oneLine(p.summary), <NotificationEmail {...p} />);
}

export interface DigestMailProps {
  lines: NotificationMailLine[];
  day: string;
  notificationsUrl: string;
  preferencesUrl: string;
}

export const digestSubject = (count: number) => (count === 1 ? "Your Portico digest: 1 notification" : `Your Portico digest: ${count} notifications`);

export function DigestEmail(p: DigestMailProps) {
  return (
    <MailLayout preview={digestSubject(p.lines.length)} heading="Your daily digest">
      <Text style={text}>What happened since your last digest ({p.day}):</Text>
      {p.lines.map((line, i) => (
        <Section key={i} style={{ borderLeft: "4px solid #d1d5db", paddingLeft: "12px", marginBottom: "12px" }}>
          <Text style={{ ...text, margin: 0 }}>
            <MailLink href={line.url}>{oneLine(line.summary, 200)}</MailLink>
          </Text>
          {line.excerpt ? <Text style={{ ...mailSmallText, margin: 0 }}>{oneLine(line.excerpt, 200)}</Text> : null}
        </Section>
      ))}
      <Text style={text}>
        <MailLink href={p.notificationsUrl}>All your notifications</MailLink>
      </Text>
      <Hr style={{ borderColor: "#d1d5db" }} />
      <Text style={mailSmallText}>
        <MailLink href={p.preferencesUrl}>Choose which e-mails you receive</MailLink>
      </Text>
    </MailLayout>
  );
}

export function renderDigestMail(p: DigestMailProps) {
  return renderMail(digestSubject(p.lines.length), <DigestEmail {...p} />);
}
