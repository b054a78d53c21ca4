/**
 * M4, M8: every change that asks for the current password again (two-factor off or on,
 * new recovery codes, a new password, a new mobile number, a new e-mail address) counts a
 * wrong one as a failed sign-in — per account and per address, with the sign-in limits'
 * thresholds and lock — writes it to the audit log, and the failure that reaches the limit
 * ends every session of the person and sends the browser to the sign-in page. Each call
 * is made as a browser makes it (the server action, signed in), and every refusal leaves
 * the account unchanged.
 */
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { auditEvents, emailChanges, outboxMessages, people, recoveryCodes, sessions, signInAttempts, twoFactor } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { base32Decode, timeStep, totpAt } from "@/lib/auth/totp";
import { type Harness, createHarness, expectUnchanged, signInAs } from "@/lib/testing/harness";
import { setClientAddress } from "@/lib/testing/request";
import type { ActionResult } from "@/lib/action-result";

const { SIGNED_OUT_MESSAGE } = await import("@/lib/actions");
const security = await import("@/lib/security/actions");
const securityMutations = await import("@/lib/security/mutations");
const { updateOwnProfileAction } = await import("@/lib/people/profile-actions");
const { requestEmailChangeAction } = await import("@/lib/people/email-change-actions");
const { MOBILE_NEEDS_PASSWORD_MESSAGE, EMAIL_CHANGE_WRONG_PASSWORD_MESSAGE } = await import("@/lib/people/mutations");
const { SIGN_IN_LIMITS } = await import("./sign-in");
const { SIGNED_OUT_AFTER_WRONG_PASSWORDS_MESSAGE, TOO_MANY_PASSWORDS_PATH, WRONG_PASSWORD_MESSAGE } = await import("./recheck");

const PASSWORD = "the right password";
let harness: Harness;
let conn: Connection;
let hash: string;
let serial = 0;

async function makePerson() {
  serial++;
  const [row] = await conn.db
    .insert(people)
    .values({ email: `recheck-${serial}-${randomUUID().slice(0, 6)}@example.org`, name: `Person ${serial}`, audience: "organisational", passwordHash: hash, authorisedAt: new Date() })
    .returning();
  return row!;
}

async function enrol(personId: string) {
  const secret = await securityMutations.startTotpEnrolment(conn.db, personId);
  await securityMutations.confirmTotpEnrolment(conn.db, personId, totpAt(base32Decode(secret), timeStep(new Date())));
}

interface Case {
  name: string;
  field: string;
  wrongMessage: string;
  setup?: (personId: string) => Promise<void>;
  call: (password: string) => Promise<ActionResult<unknown>>;
}

const CASES: Case[] = [
  {
    name: "turning two-factor off",
    field: "password",
    wrongMessage: WRONG_PASSWORD_MESSAGE,
    setup: enrol,
    call: (password) => security.disableTwoFactor({ password }),
  },
  {
    name: "new recovery codes",
    field: "password",
    wrongMessage: WRONG_PASSWORD_MESSAGE,
    setup: enrol,
    call: (password) => security.regenerateRecoveryCodes({ password }),
  },
  {
    name: "turning two-factor on",
    field: "password",
    wrongMessage: WRONG_PASSWORD_MESSAGE,
    setup: async (id) => void (await securityMutations.startTotpEnrolment(conn.db, id)),
    call: (password) => security.confirmTwoFactorEnrolment({ code: "123456", password }),
  },
  {
    name: "changing the password",
    field: "currentPassword",
    wrongMessage: "Your current password is not right.",
    call: (currentPassword) => security.changePassword({ currentPassword, newPassword: "a whole new passphrase", confirmPassword: "a whole new passphrase" }),
  },
  {
    name: "changing the mobile number",
    field: "password",
    wrongMessage: WRONG_PASSWORD_MESSAGE,
    call: (password) => updateOwnProfileAction({ name: "Someone", jobTitle: "", workPhone: "", about: "", mobile: "+44 7700 900123", password }),
  },
  {
    name: "changing the e-mail address",
    field: "currentPassword",
    wrongMessage: EMAIL_CHANGE_WRONG_PASSWORD_MESSAGE,
    call: (currentPassword) => requestEmailChangeAction({ newEmail: `new-${randomUUID().slice(0, 8)}@example.net`, currentPassword }),
  },
];

/** The tables a refused re-check must leave as they were (the account and what hangs off it). */
const ACCOUNT_TABLES = [people, twoFactor, recoveryCodes, emailChanges, outboxMessages];

const newAddress = () => `198.51.100.${++serial % 250}`;
const accountAttempts = async (email: string) => (await conn.db.select().from(signInAttempts).where(eq(signInAttempts.bucket, `account:${email.toLowerCase()}`))).length;
const auditOf = async (personId: string, action: string) =>
  conn.db.select().from(auditEvents).where(and(eq(auditEvents.actorId, personId), eq(auditEvents.action, action)));
const liveSessions = async (personId: string) => (await conn.db.select().from(sessions).where(and(eq(sessions.personId, personId), isNull(sessions.endedAt)))).length;

beforeAll(async () => {
  harness = await createHarness();
  conn = harness.conn;
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => harness?.close());

describe("M4: a wrong current password is a failed sign-in", () => {
  it.each(CASES)("$name: counted and audited, and the limit ends every session; then even the right one is refused", async (c) => {
    const p = await makePerson();
    await c.setup?.(p.id);
    setClientAddress(newAddress());
    await signInAs(p.email);
    await signInAs(p.email); // a second device: ended too

    for (let i = 1; i < SIGN_IN_LIMITS.perAccount; i++) {
      const result = await expectUnchanged(ACCOUNT_TABLES, () => c.call(`wrong ${i}`));
      expect(result, `guess ${i}`).toEqual({ ok: false, fieldErrors: { [c.field]: c.wrongMessage } });
      expect(await accountAttempts(p.email)).toBe(i);
    }
    const failed = await auditOf(p.id, "auth.password-recheck.failed");
    expect(failed).toHaveLength(SIGN_IN_LIMITS.perAccount - 1);
    expect(JSON.stringify(failed)).not.toContain("wrong 1");
    expect(await liveSessions(p.id)).toBe(2);

    // The guess that reaches the limit: every session ends, the browser goes to sign in.
    const last = await expectUnchanged(ACCOUNT_TABLES, () => c.call("wrong again"));
    expect(last).toEqual({ ok: false, formError: SIGNED_OUT_AFTER_WRONG_PASSWORDS_MESSAGE, redirectTo: TOO_MANY_PASSWORDS_PATH });
    expect(await accountAttempts(p.email)).toBe(SIGN_IN_LIMITS.perAccount);
    expect(await liveSessions(p.id)).toBe(0);
    expect(await auditOf(p.id, "auth.password-recheck.signed-out")).toMatchObject([{ details: { endedSessions: 2 } }]);
    // The session that guessed is over.
    expect(await expectUnchanged(ACCOUNT_TABLES, () => c.call(PASSWORD))).toEqual({ ok: false, formError: SIGNED_OUT_MESSAGE });

    // A session made later (the tests' sign-in skips the locked sign-in page) is refused too,
    // whatever the password, until the window has passed; nothing more is counted.
    await signInAs(p.email);
    const locked = await expectUnchanged(ACCOUNT_TABLES, () => c.call(PASSWORD));
    expect(locked).toMatchObject({ ok: false, formError: expect.stringMatching(/^Too many wrong passwords\. Wait \d+ minutes?, then try again\. Nothing was changed\.$/) });
    expect(await accountAttempts(p.email)).toBe(SIGN_IN_LIMITS.perAccount);
    expect(await auditOf(p.id, "auth.password-recheck.refused")).toHaveLength(1);
  });

  it("a right password is not counted, and nothing typed is not a guess", async () => {
    const p = await makePerson();
    await enrol(p.id);
    setClientAddress(newAddress());
    await signInAs(p.email);
    expect(await expectUnchanged(ACCOUNT_TABLES, () => security.regenerateRecoveryCodes({ password: "" }))).toEqual({
      ok: false,
      fieldErrors: { password: "Enter your password." },
    });
    expect((await security.regenerateRecoveryCodes({ password: PASSWORD })).ok).toBe(true);
    expect(await accountAttempts(p.email)).toBe(0);
    // The profile asks for it only when the mobile number changes.
    const profile = { name: "Someone", jobTitle: "", workPhone: "", about: "", mobile: "" };
    expect(await updateOwnProfileAction({ ...profile, mobile: "+44 7700 900456", password: "" })).toEqual({ ok: false, fieldErrors: { password: MOBILE_NEEDS_PASSWORD_MESSAGE } });
    expect((await updateOwnProfileAction({ ...profile, password: "typed but not needed" })).ok).toBe(true);
    expect(await accountAttempts(p.email)).toBe(0);
  });

  it("counts per address too: failures of other accounts from the same address reach its limit", async () => {
    const p = await makePerson();
    const address = newAddress();
    await conn.db.insert(signInAttempts).values(Array.from({ length: SIGN_IN_LIMITS.perAddress - 1 }, () => ({ bucket: `address:${address}` })));
    setClientAddress(address);
    await signInAs(p.email);
    expect(await security.changePassword({ currentPassword: "not it", newPassword: "a whole new passphrase", confirmPassword: "a whole new passphrase" })).toMatchObject({
      ok: false,
      redirectTo: TOO_MANY_PASSWORDS_PATH,
    });
    expect(await liveSessions(p.id)).toBe(0);
  });

  it("counts parallel guesses atomically: perAccount + 1 at once, none gets through and perAccount are recorded", async () => {
    const p = await makePerson();
    await enrol(p.id);
    setClientAddress(newAddress());
    await signInAs(p.email);
    const results = await expectUnchanged(ACCOUNT_TABLES, () =>
      Promise.all(Array.from({ length: SIGN_IN_LIMITS.perAccount + 1 }, (_, i) => security.disableTwoFactor({ password: `guess ${i}` }))),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.filter((r) => !r.ok && /^Too many wrong passwords/.test(r.formError ?? ""))).toHaveLength(1);
    expect(await accountAttempts(p.email)).toBe(SIGN_IN_LIMITS.perAccount);
    expect(await liveSessions(p.id)).toBe(0);
  });
});
