/**
 * P3, P7, M6: one-time links in e-mail — the welcome link (which sets a password and so
 * signs the person in), the password-reset link and the e-mail-change confirmation. Each
 * is as good as the account while it lives, so nobody but its recipient may read it: the
 * outbox (the list, the message page, and any export or API of it) shows them masked. A
 * webmaster could otherwise send someone a welcome e-mail, read the link and take the
 * account over.
 *
 * Where no mail service is configured (the demo, a trial install) the outbox is the only
 * place a message arrives, so a webmaster may reveal a link there — an explicit action,
 * re-checked and audited (lib/mail/reveal-action.ts), that the person's admin page shows.
 *
 * Plain functions on text, usable anywhere; the paths are checked against the routes'
 * own constants in one-time-links.test.ts.
 */

/** The paths whose next segment is a one-time token (43 base64url characters, lib/people/welcome-token.ts). */
export const ONE_TIME_LINK_PATHS = {
  welcome: "/welcome",
  "password-reset": "/reset-password",
  "email-change": "/me/security/email",
} as const;

export type OneTimeLinkKind = keyof typeof ONE_TIME_LINK_PATHS;

export const REVEAL_WITH_MAIL_SERVICE_MESSAGE =
  "E-mail is sent through a mail service here, so one-time links are never shown: the person uses the link in their e-mail.";
export const REVEAL_NO_LINK_MESSAGE = "This message holds no one-time link.";

/** What a masked token reads as, in both parts of a message. */
export const MASKED_TOKEN = "[hidden]";

const escape = (path: string) => path.replace(/[/.]/g, (c) => `\\${c}`);
const PATHS = Object.values(ONE_TIME_LINK_PATHS).map(escape).join("|");
// The path, then a token that no other token character continues.
const TOKEN_IN_PATH = new RegExp(`(${PATHS})\\/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`, "g");
// A whole link as mails write it: the site's origin (when one is configured), the path, the token.
const FULL_LINK = new RegExp(`(?:https?:\\/\\/[A-Za-z0-9.:\\[\\]-]+)?(?:${PATHS})\\/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`, "g");

/** `text` with every one-time link's token replaced by MASKED_TOKEN (the path stays, so a reader sees what kind of link it was). */
export function maskOneTimeLinks(text: string): string {
  return text.replace(TOKEN_IN_PATH, (_link, path: string) => `${path}/${MASKED_TOKEN}`);
}

/** How many different one-time links `text` holds (a mail may repeat its link). */
export function countOneTimeLinks(text: string): number {
  return new Set(text.match(TOKEN_IN_PATH)).size;
}

/** The one-time links in `text`, in order, each once, with their kind. */
export function oneTimeLinksIn(text: string): { kind: OneTimeLinkKind; url: string }[] {
  const seen = new Set<string>();
  const links: { kind: OneTimeLinkKind; url: string }[] = [];
  for (const url of text.match(FULL_LINK) ?? []) {
    if (seen.has(url)) continue;
    seen.add(url);
    const kind = (Object.keys(ONE_TIME_LINK_PATHS) as OneTimeLinkKind[]).find((k) => url.includes(`${ONE_TIME_LINK_PATHS[k]}/`))!;
    links.push({ kind, url });
  }
  return links;
}
