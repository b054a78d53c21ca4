/**
 * P7 (M4, M5, M8): a forgotten password, through the server actions as the browser calls
 * them. Asking answers the same for every address; only an authorised, unblocked account
 * gets a one-time link (its hash stored, one hour, the newest only), an SSO-only account
 * is told to use single sign-on; requests are limited per address typed and per client
 * address. Using the link sets the password and ends every session; any other link, and
 * every bad input, changes nothing. Audited without tokens or passwords.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/connect";
import { auditEvents, outboxMessages, passwordResets, people, sessions, signInAttempts, twoFactor } from "@/db/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { setClientAddress, testRequest } from "@/lib/testing/request";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/second-factor";

// The client address that requests record is the shared mock's (lib/testing/setup.ts): setClientAddress.
const state = vi.hoisted(() => ({ afterResponse: [] as (() => Promise<unknown>)[] }));
// `after` runs its work once the answer has gone; here the test runs it when it chooses (settled()).
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (work: () => Promise<unknown>) => void state.afterResponse.push(work),
}));

const { forgotPasswordAction, resetPasswordAction } = await import("./password-reset-actions");
const { PASSWORD_RESET_LINK_MESSAGES, PASSWORD_RESET_LINK_MINUTES, passwordResetLinkFor } = await import("./password-reset");
const { SIGN_IN_LIMITS } = await import("@/lib/auth/sign-in");
const { WEAK_PASSWORD_MESSAGE } = await import("./password-strength");
const { PASSWORD_RESET_SUBJECT, PASSWORD_RESET_SSO_SUBJECT } = await import("@/lib/mail/templates/password-reset");

const OLD_PASSWORD = "the-old-password";
const NEW_PASSWORD = "a-brand-new-password";
let h: Harness;
let oldHash: string;
let serial = 0;

async function makePerson(fields: Partial<typeof people.$inferInsert> = {}) {
  serial++;
  const [row] = await h.db
    .insert(people)
    .values({ email: `Pr.Person${serial}.${randomUUID().slice(0, 6)}@example.org`, name: `Person ${serial}`, audience: "organisational", passwordHash: oldHash, authorisedAt: new Date(), sessionsValidFrom: new Date(Date.now() - 3_600_000), ...fields })
    .returning();
  return row!;
}

async function settled() {
  while (state.afterResponse.length) await state.afterResponse.shift()!();
}

/** Asks, as the page does, and waits for what happens after the answer. */
async function ask(email: string) {
  const result = await forgotPasswordAction({ email });
  await settled();
  return result;
}

const mailTo = (to: string) => h.db.select().from(outboxMessages).where(sql`lower(${outboxMessages.toAddress}) = lower(${to})`).orderBy(outboxMessages.id);
const linksOf = (personId: string) => h.db.select().from(passwordResets).where(eq(passwordResets.personId, personId)).orderBy(passwordResets.createdAt);
const tokenIn = (text: string) => /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
const personRow = async (id: string) => (await h.db.select().from(people).where(eq(people.id, id)))[0]!;
const auditOf = (action: string) => h.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(auditEvents.id);
const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/** Asks for a link for `person` and answers its token, read from the queued mail. */
async function linkFor(person: { email: string }): Promise<string> {
  expect(await ask(person.email)).toEqual({ ok: true, data: { email: person.email } });
  const mails = await mailTo(person.email);
  const token = tokenIn(mails.at(-1)!.text);
  expect(token).toBeDefined();
  return token!;
}

const reset = (token: string, password = NEW_PASSWORD) => resetPasswordAction({ token, password, confirm: password });

beforeAll(async () => {
  h = await createHarness();
  oldHash = await hashPassword(OLD_PASSWORD);
});
afterAll(async () => h?.close());
beforeEach(async () => {
  setClientAddress(`203.0.113.${(serial % 200) + 1}`);
  // Each test's requests count alone toward the limits.
  await h.db.delete(signInAttempts);
});
afterEach(() => vi.unstubAllEnvs());

describe("P7: asking for a link", () => {
  it("P7: sends an authorised, unblocked account a one-time link to its address; only the token's SHA-256 is stored; it lasts an hour", async () => {
    const p = await makePerson();
    const before = Date.now();
    const token = await linkFor({ email: p.email.toUpperCase() });
    const [mail] = await mailTo(p.email);
    expect(mail).toMatchObject({ toAddress: p.email, recipientId: p.id, subject: PASSWORD_RESET_SUBJECT });
    expect(mail!.html).toContain(`/reset-password/${token}`);
    const [link] = await linksOf(p.id);
    expect(link).toMatchObject({ tokenHash: sha256(token), email: p.email, reason: "request", usedAt: null, supersededAt: null });
    expect(link!.expiresAt.getTime() - before).toBeGreaterThanOrEqual(PASSWORD_RESET_LINK_MINUTES * 60_000 - 1000);
    expect(link!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(PASSWORD_RESET_LINK_MINUTES * 60_000);
    // The token itself is nowhere in the database but the queued mail.
    const everywhere = JSON.stringify([await h.db.select().from(passwordResets), await h.db.select().from(auditEvents)]);
    expect(everywhere).not.toContain(token);
    // Nothing else changed: the old password still works until the link is used.
    expect(await verifyPassword((await personRow(p.id)).passwordHash!, OLD_PASSWORD)).toBe(true);
  });

  it("P7, M8: answers exactly the same for an unknown address, a blocked and an unauthorised account, and sends them nothing; the audit log tells them apart", async () => {
    const known = await makePerson();
    const blocked = await makePerson({ blocked: true });
    const unauthorised = await makePerson({ authorisedAt: null, passwordHash: null });
    const unknown = `nobody.${randomUUID().slice(0, 8)}@example.org`;
    for (const email of [known.email, unknown, blocked.email, unauthorised.email]) {
      expect(await ask(email)).toEqual({ ok: true, data: { email } });
    }
    expect(await mailTo(known.email)).toHaveLength(1);
    for (const email of [unknown, blocked.email, unauthorised.email]) expect(await mailTo(email)).toHaveLength(0);
    expect([...(await linksOf(blocked.id)), ...(await linksOf(unauthorised.id))]).toHaveLength(0);
    const audit = (await auditOf("auth.password-reset.requested")).filter((a) => [known.email, unknown, blocked.email, unauthorised.email].includes((a.details as { email: string }).email));
    expect(audit.map((a) => [(a.details as { outcome: string }).outcome, a.targetId, a.address])).toEqual([
      ["sent", known.id, testRequest().address],
      ["unknown", null, testRequest().address],
      ["blocked", blocked.id, testRequest().address],
      ["unauthorised", unauthorised.id, testRequest().address],
    ]);
  });

  it("P7: answers before the account is even looked up (no timing oracle): the link is made and mailed after the answer", async () => {
    const p = await makePerson();
    expect(await forgotPasswordAction({ email: p.email })).toEqual({ ok: true, data: { email: p.email } });
    expect(state.afterResponse).toHaveLength(1);
    expect(await linksOf(p.id)).toHaveLength(0);
    expect(await mailTo(p.email)).toHaveLength(0);
    await settled();
    expect(await linksOf(p.id)).toHaveLength(1);
    expect(await mailTo(p.email)).toHaveLength(1);
  });

  it("P7: refuses an address that is not one, beside the field, and changes nothing", async () => {
    const before = await h.db.select({ n: sql<number>`count(*)::int` }).from(signInAttempts);
    for (const email of ["", "not-an-address", "a@b.example, c@d.example"]) {
      const result = await ask(email);
      expect(result.ok).toBe(false);
      expect(result.ok ? null : result.fieldErrors?.email).toMatch(/Enter (your|an) email address/);
    }
    expect(await h.db.select({ n: sql<number>`count(*)::int` }).from(signInAttempts)).toEqual(before);
  });

  it("P7, M6: someone an import left waiting for a new password can ask again once the import's link expired; not once a welcome e-mail replaced it (P3)", async () => {
    const expiredImportLink = (p: { id: string; email: string }, createdAt: Date) =>
      h.db.insert(passwordResets).values({ tokenHash: sha256(randomUUID()), personId: p.id, email: p.email, reason: "import", createdAt, expiresAt: new Date(Date.now() - 1000) });
    const imported = await makePerson({ authorisedAt: null, passwordHash: null });
    await expiredImportLink(imported, new Date(Date.now() - 8 * 86_400_000));
    await linkFor(imported);
    expect((await linksOf(imported.id)).map((l) => l.reason)).toEqual(["import", "request"]);

    const welcomed = await makePerson({ authorisedAt: null, passwordHash: null, welcomeSentAt: new Date() });
    await expiredImportLink(welcomed, new Date(Date.now() - 86_400_000));
    expect(await ask(welcomed.email)).toEqual({ ok: true, data: { email: welcomed.email } });
    expect(await mailTo(welcomed.email)).toHaveLength(0);
  });

  it("P7: a newer request supersedes the older link", async () => {
    const p = await makePerson();
    const first = await linkFor(p);
    const second = await linkFor(p);
    expect(first).not.toBe(second);
    expect(await passwordResetLinkFor(first)).toEqual({ state: "superseded" });
    expect(await passwordResetLinkFor(second)).toEqual({ state: "usable", email: p.email });
    expect(await reset(first)).toEqual({ ok: false, formError: PASSWORD_RESET_LINK_MESSAGES.superseded });
    expect(await verifyPassword((await personRow(p.id)).passwordHash!, OLD_PASSWORD)).toBe(true);
    expect((await reset(second)).ok).toBe(true);
  });

  it(`P7: at most ${SIGN_IN_LIMITS.perAccount} requests per address typed in ${SIGN_IN_LIMITS.windowMinutes} minutes, from any client address, known or not`, async () => {
    const p = await makePerson();
    const unknown = `nobody.${randomUUID().slice(0, 8)}@example.org`;
    for (const email of [p.email, unknown]) {
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
        setClientAddress(`198.51.100.${i + 1}`);
        expect((await ask(email)).ok).toBe(true);
      }
      setClientAddress("198.51.100.99");
      const refused = await ask(email.toUpperCase());
      expect(refused).toEqual({ ok: false, formError: `Too many requests for a new password. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes, then try again.` });
    }
    expect(await mailTo(p.email)).toHaveLength(SIGN_IN_LIMITS.perAccount);
    expect((await auditOf("auth.password-reset.rate-limited")).filter((a) => a.address === "198.51.100.99")).toHaveLength(2);
  });

  it(`P7: at most ${SIGN_IN_LIMITS.perAddress} requests per client address, whatever addresses are typed; the sign-in limits are not touched`, async () => {
    setClientAddress("192.0.2.200");
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) expect((await forgotPasswordAction({ email: `many.${i}.${randomUUID().slice(0, 6)}@example.org` })).ok).toBe(true);
    const p = await makePerson();
    expect(await ask(p.email)).toMatchObject({ ok: false, formError: expect.stringMatching(/^Too many requests for a new password/) });
    expect(await mailTo(p.email)).toHaveLength(0);
    await settled();
    // Asking never locks anyone out of signing in: the sign-in buckets stay empty.
    expect(await h.db.select().from(signInAttempts).where(sql`${signInAttempts.bucket} like 'account:%' or ${signInAttempts.bucket} like 'address:%'`)).toHaveLength(0);
  });

  it("P7, M5: an account that signs in only through single sign-on is told by e-mail to use it, and gets no link; one that also has a password gets a link", async () => {
    vi.stubEnv("PORTICO_SSO_ISSUER", "https://sso.example.org");
    vi.stubEnv("PORTICO_SSO_CLIENT_ID", "portico");
    vi.stubEnv("PORTICO_SSO_CLIENT_SECRET", "not-a-real-secret");
    vi.stubEnv("PORTICO_SSO_NAME", "Northmoor Login");
    const ssoOnly = await makePerson({ passwordHash: null });
    await createSession(h.db, ssoOnly.id, "sso");
    const both = await makePerson();
    await createSession(h.db, both.id, "sso");

    expect(await ask(ssoOnly.email)).toEqual({ ok: true, data: { email: ssoOnly.email } });
    const [mail] = await mailTo(ssoOnly.email);
    expect(mail).toMatchObject({ subject: PASSWORD_RESET_SSO_SUBJECT, toAddress: ssoOnly.email });
    expect(mail!.text).toContain("Sign in with Northmoor Login");
    expect(tokenIn(mail!.text)).toBeUndefined();
    expect(await linksOf(ssoOnly.id)).toHaveLength(0);
    expect((await auditOf("auth.password-reset.requested")).find((a) => a.targetId === ssoOnly.id)?.details).toEqual({ email: ssoOnly.email, outcome: "sso" });

    await linkFor(both);
    expect(await linksOf(both.id)).toHaveLength(1);
  });
});

describe("P7: using the link", () => {
  it("P7, M8: sets the new password (argon2id), marks the link used and ends every session of the account; audited without the token or the password", async () => {
    const p = await makePerson();
    const phone = await createSession(h.db, p.id, "password");
    const laptop = await createSession(h.db, p.id, "password");
    const token = await linkFor(p);
    const before = await personRow(p.id);

    expect(await passwordResetLinkFor(token)).toEqual({ state: "usable", email: p.email });
    expect(await reset(token)).toEqual({ ok: true, data: { email: p.email } });

    const after = await personRow(p.id);
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash!, OLD_PASSWORD)).toBe(false);
    expect(after.sessionsValidFrom.getTime()).toBeGreaterThan(before.sessionsValidFrom.getTime());
    const rows = await h.db.select().from(sessions).where(eq(sessions.personId, p.id));
    expect(rows.filter((s) => s.endedAt).map((s) => s.id).sort()).toEqual([phone, laptop].sort());
    expect((await linksOf(p.id))[0]!.usedAt).not.toBeNull();

    const [audit] = (await auditOf("auth.password-reset.complete")).filter((a) => a.actorId === p.id);
    expect(audit).toMatchObject({ actorEmail: p.email, targetId: p.id, address: testRequest().address, details: { endedSessions: 2 } });
    const logged = JSON.stringify(await h.db.select().from(auditEvents));
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(NEW_PASSWORD);

    // Once only.
    expect(await reset(token, "yet-another-password")).toEqual({ ok: false, formError: PASSWORD_RESET_LINK_MESSAGES.used });
    expect(await passwordResetLinkFor(token)).toEqual({ state: "used" });
    expect(await verifyPassword((await personRow(p.id)).passwordHash!, NEW_PASSWORD)).toBe(true);
  });

  it("P7, M4: the second factor stays: a reset never turns two-factor sign-in off", async () => {
    const p = await makePerson();
    await h.db.insert(twoFactor).values({ personId: p.id, secretEncrypted: "encrypted-secret", confirmedAt: new Date() });
    expect((await reset(await linkFor(p))).ok).toBe(true);
    expect(await h.db.select().from(twoFactor).where(eq(twoFactor.personId, p.id))).toHaveLength(1);
  });

  it("P7: reading the page changes nothing", async () => {
    const p = await makePerson();
    const token = await linkFor(p);
    const snapshot = async () => [await linksOf(p.id), await personRow(p.id)];
    const before = await snapshot();
    for (let i = 0; i < 3; i++) expect(await passwordResetLinkFor(token)).toEqual({ state: "usable", email: p.email });
    expect(await snapshot()).toEqual(before);
  });

  it("P7: an expired link says so and changes nothing", async () => {
    const p = await makePerson();
    const token = await linkFor(p);
    await h.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.tokenHash, sha256(token)));
    expect(await passwordResetLinkFor(token)).toEqual({ state: "expired" });
    expect(await reset(token)).toEqual({ ok: false, formError: PASSWORD_RESET_LINK_MESSAGES.expired });
    expect(await verifyPassword((await personRow(p.id)).passwordHash!, OLD_PASSWORD)).toBe(true);
    const [refusal] = (await auditOf("auth.password-reset.refused")).filter((a) => a.targetId === p.id);
    expect(refusal).toMatchObject({ actorId: null, details: { state: "expired" } });
  });

  it("P7: a blocked account's link says so and changes nothing", async () => {
    const p = await makePerson();
    const token = await linkFor(p);
    await h.db.update(people).set({ blocked: true }).where(eq(people.id, p.id));
    expect(await passwordResetLinkFor(token)).toEqual({ state: "blocked" });
    expect(await reset(token)).toEqual({ ok: false, formError: PASSWORD_RESET_LINK_MESSAGES.blocked });
    expect(await verifyPassword((await personRow(p.id)).passwordHash!, OLD_PASSWORD)).toBe(true);
  });

  it("P7, P3: a link stops working once the account's address changes or a welcome e-mail is sent after it", async () => {
    const moved = await makePerson();
    const movedToken = await linkFor(moved);
    await h.db.update(people).set({ email: `moved.${randomUUID().slice(0, 8)}@example.org` }).where(eq(people.id, moved.id));
    expect(await reset(movedToken)).toEqual({ ok: false, formError: PASSWORD_RESET_LINK_MESSAGES.superseded });

    const welcomed = await makePerson();
    const welcomedToken = await linkFor(welcomed);
    await h.db.update(people).set({ welcomeSentAt: new Date(Date.now() + 1000), authorisedAt: null }).where(eq(people.id, welcomed.id));
    expect(await passwordResetLinkFor(welcomedToken)).toEqual({ state: "superseded" });
    expect(await reset(welcomedToken)).toEqual({ ok: false, formError: PASSWORD_RESET_LINK_MESSAGES.superseded });
    expect((await personRow(welcomed.id)).authorisedAt).toBeNull();
  });

  it("P7: unknown and malformed links, and passwords the rules refuse, change nothing", async () => {
    const p = await makePerson();
    const token = await linkFor(p);
    const unknown = "A".repeat(43);
    expect(await passwordResetLinkFor(unknown)).toEqual({ state: "unknown" });
    expect(await passwordResetLinkFor("../../etc")).toEqual({ state: "unknown" });
    expect(await reset(unknown)).toEqual({ ok: false, formError: PASSWORD_RESET_LINK_MESSAGES.unknown });
    const short = await reset(token, "short");
    expect(short.ok ? null : short.fieldErrors?.password).toMatch(/at least 12 characters/);
    // One minimum everywhere (12), and no common or easily guessed password.
    const eleven = await reset(token, "eleven-char");
    expect(eleven.ok ? null : eleven.fieldErrors?.password).toBe("Enter a password of at least 12 characters");
    for (const common of ["password1234", "qwertyuiop12"]) {
      expect(await reset(token, common)).toEqual({ ok: false, fieldErrors: { password: WEAK_PASSWORD_MESSAGE } });
    }
    const mismatch = await resetPasswordAction({ token, password: NEW_PASSWORD, confirm: "something-else" });
    expect(mismatch.ok ? null : mismatch.fieldErrors?.confirm).toBe("Enter the same password twice");
    const truncated = await reset(token.slice(0, 20));
    expect(truncated.ok ? null : truncated.fieldErrors?.token).toMatch(/not complete/);
    expect(await passwordResetLinkFor(token)).toEqual({ state: "usable", email: p.email });
    expect(await verifyPassword((await personRow(p.id)).passwordHash!, OLD_PASSWORD)).toBe(true);
  });

  it("P7: two submissions of one link at once: exactly one sets the password", async () => {
    const p = await makePerson();
    const token = await linkFor(p);
    const results = await Promise.all([reset(token, "first-new-password"), reset(token, "second-new-password")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, formError: PASSWORD_RESET_LINK_MESSAGES.used }]);
    const rows = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from password_resets where person_id = ${p.id} and used_at is not null`));
    expect(rows).toEqual([{ n: 1 }]);
    expect(await h.db.select().from(auditEvents).where(and(eq(auditEvents.action, "auth.password-reset.complete"), eq(auditEvents.actorId, p.id)))).toHaveLength(1);
  });
});
