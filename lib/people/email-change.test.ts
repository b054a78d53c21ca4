/**
 * Own e-mail change (M8, P3): a person changes their own e-mail address. Asked for with
 * the current password (a wrong one counts toward the sign-in rate limits); the link goes
 * to the new address only; following it, signed in as that person, is the only thing that
 * changes the address — then the other sessions end, a notice goes to the old address,
 * and the change is audited. Every refusal changes nothing.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { auditEvents, emailChanges, outboxMessages, people, sessions, signInAttempts } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/second-factor";
import { type Harness, createHarness, signInAs } from "@/lib/testing/harness";
import type { Viewer } from "@/lib/access/types";

// The viewer signInAs read, for calling mutations directly with it.
let currentViewer: Viewer | null = null;

const { requestEmailChangeAction, confirmEmailChangeAction } = await import("./email-change-actions");
const m = await import("./mutations");
const { emailChangeLinkState } = await import("./link-states");
const { SIGN_IN_LIMITS } = await import("@/lib/auth/sign-in");

const PASSWORD = "the-right-password";
let harness: Harness;
let conn: Connection;
let hash: string;
let serial = 0;

async function makePerson(fields: Partial<typeof people.$inferInsert> = {}) {
  serial++;
  const [row] = await conn.db
    .insert(people)
    .values({ email: `Ec.Person${serial}.${randomUUID().slice(0, 6)}@example.org`, name: `Person ${serial}`, audience: "organisational", passwordHash: hash, authorisedAt: new Date(), ...fields })
    .returning();
  return row!;
}

async function signedIn(person: { id: string; email: string; name: string }, via: "password" | "sso" = "password") {
  currentViewer = await signInAs(person.email, { via });
  return currentViewer!.sessionId!;
}

const emailOf = async (id: string) => (await conn.db.select({ email: people.email }).from(people).where(eq(people.id, id)))[0]!.email;
const requestsOf = (id: string) => conn.db.select().from(emailChanges).where(eq(emailChanges.personId, id));
const mailTo = (to: string) => conn.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, to));
const auditOf = (id: string, action: string) => conn.db.select().from(auditEvents).where(and(eq(auditEvents.actorId, id), eq(auditEvents.action, action)));
const liveSessions = async (id: string) => (await conn.db.select().from(sessions).where(eq(sessions.personId, id))).filter((s) => !s.endedAt).map((s) => s.id);
const tokenIn = (text: string) => /\/me\/security\/email\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
const newAddress = () => `new.${randomUUID().slice(0, 8)}@example.net`;

/** Asks for `to` as the current viewer and answers the link's token from the queued mail. */
async function requestTo(to: string): Promise<string> {
  const result = await requestEmailChangeAction({ newEmail: to, currentPassword: PASSWORD });
  expect(result.ok, JSON.stringify(result)).toBe(true);
  const [mail] = await mailTo(to);
  return tokenIn(mail!.text)!;
}

beforeAll(async () => {
  harness = await createHarness();
  conn = harness.conn;
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => harness?.close());
beforeEach(() => {
  currentViewer = null;
});

describe("own e-mail change: asking to change one's own e-mail address (M8)", () => {
  it("sends a one-time link to the NEW address only, stores only its hash, and changes nothing yet", async () => {
    const p = await makePerson();
    await signedIn(p);
    const to = newAddress();
    const result = await requestEmailChangeAction({ newEmail: `  ${to} `, currentPassword: PASSWORD });
    expect(result).toMatchObject({ ok: true, data: { sentTo: to } });

    expect(await emailOf(p.id)).toBe(p.email);
    const mails = await mailTo(to);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Confirm your new e-mail address for Portico");
    expect(await mailTo(p.email)).toHaveLength(0);
    const token = tokenIn(mails[0]!.text)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] = await requestsOf(p.id);
    expect(stored).toMatchObject({ oldEmail: p.email, newEmail: to, usedAt: null, supersededAt: null });
    expect(stored!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(24 * 3600_000);
    // M8: audited, never with the password or the token.
    const [audit] = await auditOf(p.id, "auth.email-change.request");
    expect(audit!.details).toEqual({ newEmail: to });
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("refuses a wrong password beside its field, changes nothing, and counts it as a failed sign-in", async () => {
    const p = await makePerson();
    await signedIn(p);
    const to = newAddress();
    const result = await requestEmailChangeAction({ newEmail: to, currentPassword: "not-it" });
    expect(result).toEqual({ ok: false, fieldErrors: { currentPassword: m.EMAIL_CHANGE_WRONG_PASSWORD_MESSAGE } });
    expect(await requestsOf(p.id)).toHaveLength(0);
    expect(await mailTo(to)).toHaveLength(0);
    const attempts = await conn.db.select().from(signInAttempts).where(like(signInAttempts.bucket, `%${p.email.toLowerCase()}`));
    expect(attempts.map((a) => a.bucket)).toEqual([`account:${p.email.toLowerCase()}`]);
    expect(await conn.db.select().from(signInAttempts).where(eq(signInAttempts.bucket, "address:203.0.113.9"))).not.toHaveLength(0);
    expect(await auditOf(p.id, "auth.password-recheck.failed")).toHaveLength(1);
    expect(await auditOf(p.id, "auth.email-change.request")).toHaveLength(0);
  });

  it("after too many wrong passwords, even the right one is refused for a while", async () => {
    const p = await makePerson();
    await signedIn(p);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) await requestEmailChangeAction({ newEmail: newAddress(), currentPassword: `wrong-${i}` });
    // The last wrong one ended the session (lib/auth/recheck.test.ts); a new one is refused too.
    await signedIn(p);
    const to = newAddress();
    const result = await requestEmailChangeAction({ newEmail: to, currentPassword: PASSWORD });
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/^Too many wrong passwords\. Wait \d+ minutes?/) });
    expect(await requestsOf(p.id)).toHaveLength(0);
    expect(await mailTo(to)).toHaveLength(0);
  });

  it("refuses its own address (any case), someone else's (any case), lists, display names and quoted local parts", async () => {
    const p = await makePerson();
    const other = await makePerson();
    await signedIn(p);
    const cases: [string, string][] = [
      [p.email.toUpperCase(), m.EMAIL_CHANGE_SAME_MESSAGE],
      [other.email.toLowerCase(), m.DUPLICATE_EMAIL_MESSAGE],
    ];
    for (const [newEmail, message] of cases) {
      expect(await requestEmailChangeAction({ newEmail, currentPassword: PASSWORD })).toEqual({ ok: false, fieldErrors: { newEmail: message } });
    }
    for (const newEmail of ["a@example.org, b@example.org", "a@example.org;b@example.org", '"a b"@example.org', "Ann <a@example.org>", "a@example.org\nBcc: c@example.org", "", "not-an-address"]) {
      const result = await requestEmailChangeAction({ newEmail, currentPassword: PASSWORD });
      expect(result.ok, newEmail).toBe(false);
      expect(result.ok ? null : result.fieldErrors?.newEmail, newEmail).toMatch(/Enter (one|an) e-mail address/);
    }
    expect(await requestsOf(p.id)).toHaveLength(0);
    expect(await conn.db.select().from(outboxMessages).where(eq(outboxMessages.recipientId, p.id))).toHaveLength(0);
    expect(await emailOf(p.id)).toBe(p.email);
  });

  it("people without a password, and people who sign in through SSO, are told to ask their administrator", async () => {
    const ssoOnly = await makePerson({ passwordHash: null });
    await signedIn(ssoOnly, "sso");
    expect(await requestEmailChangeAction({ newEmail: newAddress(), currentPassword: "anything" })).toEqual({ ok: false, formError: m.EMAIL_CHANGE_NO_PASSWORD_MESSAGE });
    const both = await makePerson();
    await signedIn(both, "sso");
    expect(await requestEmailChangeAction({ newEmail: newAddress(), currentPassword: PASSWORD })).toEqual({ ok: false, formError: m.EMAIL_CHANGE_SSO_MESSAGE });
    expect([...(await requestsOf(ssoOnly.id)), ...(await requestsOf(both.id))]).toHaveLength(0);
  });
});

describe("own e-mail change: following the link (M8, P3)", () => {
  it("changes the address, ends the other sessions (this one stays), notifies the OLD address and audits", async () => {
    const p = await makePerson();
    const phone = await createSession(conn.db, p.id, "password");
    const mine = await signedIn(p);
    const to = newAddress();
    const token = await requestTo(to);

    const result = await confirmEmailChangeAction({ token });
    expect(result).toEqual({ ok: true, data: { personId: p.id, oldEmail: p.email, newEmail: to, endedSessions: 1 } });
    expect(await emailOf(p.id)).toBe(to);
    expect(await liveSessions(p.id)).toEqual([mine]);
    expect((await conn.db.select().from(sessions).where(eq(sessions.id, phone)))[0]!.endedAt).not.toBeNull();
    const notices = await mailTo(p.email);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toBe("Your Portico e-mail address has been changed");
    expect(notices[0]!.text).toContain(to);
    expect(tokenIn(notices[0]!.text)).toBeUndefined();
    const [audit] = await auditOf(p.id, "auth.email-change.confirm");
    expect(audit).toMatchObject({ targetType: "person", targetId: p.id, details: { from: p.email, to, endedSessions: 1 } });
    expect(JSON.stringify(audit)).not.toContain(token);

    // Once only.
    expect(await confirmEmailChangeAction({ token })).toEqual({ ok: false, formError: m.EMAIL_CHANGE_LINK_MESSAGES.used });
    expect(await mailTo(p.email)).toHaveLength(1);
  });

  it("a newer request replaces the older link; an unknown or malformed one is refused; nothing changes", async () => {
    const p = await makePerson();
    await signedIn(p);
    const first = await requestTo(newAddress());
    const secondAddress = newAddress();
    const second = await requestTo(secondAddress);
    expect(await confirmEmailChangeAction({ token: first })).toEqual({ ok: false, formError: m.EMAIL_CHANGE_LINK_MESSAGES.superseded });
    expect(await confirmEmailChangeAction({ token: "A".repeat(43) })).toEqual({ ok: false, formError: m.EMAIL_CHANGE_LINK_MESSAGES.unknown });
    expect((await confirmEmailChangeAction({ token: "short" })).ok).toBe(false);
    expect(await emailOf(p.id)).toBe(p.email);
    expect(await confirmEmailChangeAction({ token: second })).toMatchObject({ ok: true, data: { newEmail: secondAddress } });
  });

  it("only the person who asked can use it, and the page tells no one else its addresses", async () => {
    const p = await makePerson();
    const other = await makePerson();
    await signedIn(p);
    const token = await requestTo(newAddress());
    await signedIn(other);
    expect(await confirmEmailChangeAction({ token })).toEqual({ ok: false, formError: m.EMAIL_CHANGE_LINK_MESSAGES["other-account"] });
    const hashOf = createHash("sha256").update(token).digest("hex");
    expect(await emailChangeLinkState(other, hashOf, conn.db)).toEqual({ state: "other-account" });
    expect(await emailOf(p.id)).toBe(p.email);
    expect(await emailOf(other.id)).toBe(other.email);
  });

  it("is refused once expired, once the address was changed by someone else meanwhile, or once the new address is taken", async () => {
    const p = await makePerson();
    const keep = await createSession(conn.db, p.id, "password");
    await signedIn(p);
    const expired = await requestTo(newAddress());
    const viewer = currentViewer!;
    const dayLater = new Date(Date.now() + 24 * 3600_000 + 1000);
    await expect(conn.db.transaction((tx) => m.confirmOwnEmailChange(tx as never, viewer, expired, dayLater))).rejects.toThrow(m.EMAIL_CHANGE_LINK_MESSAGES.expired);

    // A webmaster (or an import) changes the address meanwhile.
    const outdated = await requestTo(newAddress());
    const byAdmin = `admin.set.${randomUUID().slice(0, 6)}@example.org`;
    await conn.db.update(people).set({ email: byAdmin }).where(eq(people.id, p.id));
    expect(await confirmEmailChangeAction({ token: outdated })).toEqual({ ok: false, formError: m.EMAIL_CHANGE_LINK_MESSAGES.outdated });
    expect(await emailOf(p.id)).toBe(byAdmin);

    // Someone else gets the new address first.
    currentViewer = await signInAs(byAdmin);
    const wanted = newAddress();
    const taken = await requestTo(wanted);
    await makePerson({ email: wanted.toUpperCase() });
    expect(await confirmEmailChangeAction({ token: taken })).toEqual({ ok: false, formError: m.EMAIL_CHANGE_LINK_MESSAGES.taken });
    expect(await emailOf(p.id)).toBe(byAdmin);
    expect(await liveSessions(p.id)).toContain(keep);
    expect(await mailTo(byAdmin)).toHaveLength(0);
  });
});
