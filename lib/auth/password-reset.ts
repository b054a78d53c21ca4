import "server-only";
/**
 * P7: one-time links to set a new password — asked for on "Forgot your password?", or
 * sent by an import that changed someone's address (M6). Tokens are made and hashed as
 * the welcome links' are (lib/people/welcome-token.ts): only their SHA-256 is stored.
 * Every function runs in the caller's transaction; the caller audits (M8) and never
 * sees or logs a token.
 */
import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { passwordResets, people } from "@/db/schema";
import { endOtherSessions } from "@/lib/security/mutations";
import { linkExpiryText } from "@/lib/mail/link-expiry";
import { publicOrigin as siteOrigin } from "@/lib/site-url";
import { enqueueMails, isSingleAddress, type QueuedMail, queueMail } from "@/lib/mail/outbox";
import { renderEmailChanged } from "@/lib/mail/templates/email-changed";
import { renderPasswordReset, renderPasswordResetSso } from "@/lib/mail/templates/password-reset";
import { type WelcomeLinkState, oneTimeLinkState } from "@/lib/people/link-states";
import { LINK_TOKEN } from "@/lib/people/schemas";
import { hashLinkToken, newLinkToken } from "@/lib/people/welcome-token";
import { ssoConfig } from "./sso";

export const FORGOT_PASSWORD_PATH = "/forgot-password";
export const PASSWORD_RESET_PATH = "/reset-password";

/** A link someone asked for is short-lived: they are at the sign-in page, waiting for it. */
export const PASSWORD_RESET_LINK_MINUTES = 60;
/**
 * An import's link (M6) goes to someone who did not ask and may read it days later; it
 * lasts as a welcome link does. Once it expires they can ask for a new one themselves.
 */
export const IMPORT_RESET_LINK_DAYS = 7;

const MINUTE_MS = 60_000;

/** The rate-limit buckets of "Forgot your password?": their own, so asking never locks anyone out of signing in. */
export function passwordResetBuckets(email: string, address: string | null): [string, string] {
  return [`password-reset:account:${email.trim().toLowerCase()}`, `password-reset:address:${address ?? "unknown"}`];
}

export const resetLinkUrl = (token: string) => `${siteOrigin()}${PASSWORD_RESET_PATH}/${token}`;

/** The same states as a welcome link's (P3). */
export type PasswordResetLinkState = WelcomeLinkState;

/**
 * What a link is now, by its token's hash (read-only: mail scanners open links). It is
 * superseded by a newer link, and also once the account's address is no longer the one it
 * went to, or a welcome e-mail was sent after it (P3: that makes the account wait for the
 * welcome link).
 */
export async function passwordResetLinkState(
  db: Db,
  tokenHash: string,
  now: Date = new Date(),
): Promise<{ state: PasswordResetLinkState; personId?: string; email?: string }> {
  const [link] = await db
    .select({
      personId: passwordResets.personId,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
      supersededAt: passwordResets.supersededAt,
      outdated: sql<boolean>`(lower("people"."email") <> lower("password_resets"."email") or coalesce("people"."welcome_sent_at" > "password_resets"."created_at", false))`,
      blocked: people.blocked,
      email: people.email,
    })
    .from(passwordResets)
    .innerJoin(people, eq(people.id, passwordResets.personId))
    .where(eq(passwordResets.tokenHash, tokenHash))
    .limit(1);
  if (!link) return { state: "unknown" };
  // A link is also replaced once the address changed or a welcome e-mail was sent after it.
  const state = oneTimeLinkState({ ...link, supersededAt: link.outdated ? (link.supersededAt ?? now) : link.supersededAt }, now);
  return { state, personId: link.personId, email: link.email };
}

/** The reset page's read of its link (P7): a token of the wrong shape is unknown without asking the database. */
export async function passwordResetLinkFor(token: string): Promise<{ state: PasswordResetLinkState; email?: string }> {
  if (!LINK_TOKEN.test(token)) return { state: "unknown" };
  const { state, email } = await passwordResetLinkState(await getDb(), hashLinkToken(token));
  return state === "usable" ? { state, email } : { state };
}

/** Marks every usable link of these people superseded (one statement, whatever their number). */
async function supersedeLinks(tx: Db, personIds: string[], now: Date): Promise<void> {
  if (!personIds.length) return;
  await tx.execute(sql`
    update password_resets set superseded_at = ${now.toISOString()}::timestamptz
    where used_at is null and superseded_at is null
      and person_id in (select x::uuid from json_array_elements_text(${JSON.stringify(personIds)}::json) as x)`);
}

/** What became of a request, for the audit log (M8) only: the person asking is told the same whatever it is. */
export type PasswordResetOutcome = "sent" | "sso" | "unknown" | "blocked" | "unauthorised" | "unusable-address";

/**
 * P7: "Forgot your password?" for `email`. Only an account that can sign in gets
 * anything: authorised (or waiting for a password after an import changed its address,
 * M6) and not blocked. Its older links are superseded and a new one is queued to its
 * address; an account that signs in only through single sign-on (M5: no password, SSO
 * sessions, SSO configured) is told by e-mail to sign in that way instead.
 */
export async function requestPasswordReset(tx: Db, email: string, now: Date = new Date()): Promise<{ outcome: PasswordResetOutcome; personId?: string }> {
  const [person] = await tx
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      blocked: people.blocked,
      canSignIn: sql<boolean>`("people"."authorised_at" is not null or exists (
        select 1 from password_resets r where r.person_id = "people"."id" and r.reason = 'import'
          and lower(r.email) = lower("people"."email") and r.created_at >= coalesce("people"."welcome_sent_at", '-infinity')))`,
      hasPassword: sql<boolean>`${people.passwordHash} is not null`,
      usesSso: sql<boolean>`exists (select 1 from sessions s where s.person_id = "people"."id" and s.via = 'sso')`,
    })
    .from(people)
    .where(sql`lower(${people.email}) = ${email.trim().toLowerCase()}`)
    .limit(1)
    .for("update");
  if (!person) return { outcome: "unknown" };
  if (person.blocked) return { outcome: "blocked", personId: person.id };
  if (!person.canSignIn) return { outcome: "unauthorised", personId: person.id };
  if (!isSingleAddress(person.email)) return { outcome: "unusable-address", personId: person.id };

  const sso = ssoConfig();
  if (sso && !person.hasPassword && person.usesSso) {
    const mail = await renderPasswordResetSso({ name: person.name, ssoName: sso.name, signInUrl: `${siteOrigin()}/login` });
    await queueMail(tx, { idempotencyKey: `password-reset-sso:${person.id}:${randomUUID()}`, recipientId: person.id, to: person.email, ...mail });
    return { outcome: "sso", personId: person.id };
  }

  await supersedeLinks(tx, [person.id], now);
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LINK_MINUTES * MINUTE_MS);
  await tx.insert(passwordResets).values({ tokenHash, personId: person.id, email: person.email, reason: "request", createdAt: now, expiresAt });
  const mail = await renderPasswordReset({ name: person.name, url: resetLinkUrl(token), expiresText: linkExpiryText(expiresAt) });
  await queueMail(tx, { idempotencyKey: `password-reset:${person.id}:${tokenHash.slice(0, 32)}`, recipientId: person.id, to: person.email, ...mail });
  return { outcome: "sent", personId: person.id };
}

// A stand-in of a token's shape, replaced by each person's token in the one rendering of an import's mail.
const TOKEN_SLOT = "PORTICO0RESET0LINK0TOKEN0SLOT0000000000000";

/**
 * M6, P7: an import changed these people's addresses (and wiped their passwords): each
 * gets a new link, their older ones superseded, and the mail to their new address is
 * queued in the import's transaction. Set-based, and the mail is rendered once, so an
 * import that changes thousands of addresses stays quick.
 */
export async function queueImportResetLinks(tx: Db, uploadId: string, changed: { id: string; email: string }[], now: Date = new Date()): Promise<void> {
  if (!changed.length) return;
  const expiresAt = new Date(now.getTime() + IMPORT_RESET_LINK_DAYS * 24 * 60 * MINUTE_MS);
  const links = changed.map((p) => ({ ...p, ...newLinkToken() }));
  await supersedeLinks(
    tx,
    changed.map((p) => p.id),
    now,
  );
  const rows = links.map((l) => ({ token_hash: l.tokenHash, person_id: l.id, email: l.email }));
  await tx.execute(sql`
    insert into password_resets (token_hash, person_id, email, reason, created_at, expires_at)
    select x.token_hash, x.person_id, x.email, 'import', ${now.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(token_hash text, person_id uuid, email text)`);
  const message = await renderEmailChanged({ resetUrl: resetLinkUrl(TOKEN_SLOT), expiresText: linkExpiryText(expiresAt), forgotUrl: `${siteOrigin()}${FORGOT_PASSWORD_PATH}` });
  const withToken = (text: string, token: string) => text.replaceAll(TOKEN_SLOT, token);
  const mails: QueuedMail[] = links.map((l) => ({
    idempotencyKey: `import-email-changed:${uploadId}:${l.id}`,
    recipientId: l.id,
    to: l.email,
    subject: message.subject,
    html: withToken(message.html, l.token),
    text: withToken(message.text, l.token),
  }));
  await enqueueMails(tx, mails);
}

/**
 * P7: uses a link — the new password (argon2id, hashed before this is called), the link
 * marked used, and every session of the account ended (the JWTs by sessions_valid_from,
 * the session rows too). An import's link also authorises the account again (M6). The
 * link row is locked, so two submissions of one link cannot both succeed. The person then
 * signs in as anyone does, second factor included (M4).
 */
export async function completePasswordReset(
  tx: Db,
  token: string,
  passwordHash: string,
  now: Date = new Date(),
): Promise<{ ok: true; personId: string; email: string; endedSessions: number } | { ok: false; state: Exclude<PasswordResetLinkState, "usable">; personId?: string }> {
  const tokenHash = hashLinkToken(token);
  await tx.select({ h: passwordResets.tokenHash }).from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)).for("update");
  const link = await passwordResetLinkState(tx, tokenHash, now);
  if (link.state !== "usable") return { ok: false, state: link.state, personId: link.personId };
  const personId = link.personId!;
  await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt)));
  await tx
    .update(people)
    .set({ passwordHash, authorisedAt: sql`coalesce(${people.authorisedAt}, ${now.toISOString()}::timestamptz)`, sessionsValidFrom: now, updatedAt: now })
    .where(eq(people.id, personId));
  const endedSessions = await endOtherSessions(tx, personId, null, now);
  return { ok: true, personId, email: link.email!, endedSessions };
}

export const PASSWORD_RESET_LINK_MESSAGES: Record<Exclude<PasswordResetLinkState, "usable">, string> = {
  used: "This link has already been used to set a new password. Sign in with your e-mail address and that password. If you have forgotten it again, ask for a new link.",
  superseded: "A newer link has been sent to you, or your account has changed since this one was sent, so it no longer works. Use the link in the most recent e-mail, or ask for a new one.",
  expired: "This link has expired. Ask for a new one: it is sent to your e-mail address straight away.",
  unknown: "This link is not valid. Check that you copied the whole address from the e-mail, or ask for a new link.",
  blocked: "This account is blocked, so its password cannot be changed. Contact your Portico administrator.",
};
