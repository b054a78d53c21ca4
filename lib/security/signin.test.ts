/**
 * Sign-in security by rule: M4 (two-factor with an app, codes usable once, recovery
 * codes, mobile codes, required enrolment), M6 (mobile codes), P3 (recorded sessions that
 * stop working once ended).
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people, recoveryCodes, sessions, signInChallenges, smsOutbox, twoFactor } from "@/db/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { loadViewer } from "@/lib/access/viewer";
import { hashPassword } from "@/lib/auth/password";
import { completeChallenge, createChallenge, createSession, secondFactorMethods, sendMobileCode } from "@/lib/auth/second-factor";
import { base32Decode, timeStep, totpAt } from "@/lib/auth/totp";
import * as mutations from "./mutations";

const PASSWORD = "correct horse battery staple";
const T0 = new Date("2026-11-25T10:00:00.000Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let h: Harness;
let hash: string;
let serial = 0;

async function makePerson(fields: Partial<typeof people.$inferInsert> = {}) {
  serial++;
  const [row] = await h.db
    .insert(people)
    .values({ email: `sec-${serial}-${randomUUID().slice(0, 8)}@example.org`, name: `Person ${serial}`, audience: "organisational", passwordHash: hash, authorisedAt: T0, sessionsValidFrom: new Date(T0.getTime() - 3600_000), ...fields })
    .returning();
  return row!;
}

/** Enrols a person with an app; returns the secret as the app holds it and the recovery codes. */
async function enrol(personId: string, at = T0) {
  const secret = await mutations.startTotpEnrolment(h.db, personId);
  const codes = await mutations.confirmTotpEnrolment(h.db, personId, totpAt(base32Decode(secret), timeStep(at)), at);
  return { secret, codes, codeAt: (d: Date) => totpAt(base32Decode(secret), timeStep(d)) };
}

const newAddress = () => `198.51.100.${++serial % 250}-${randomUUID().slice(0, 6)}`;

async function setSettings(value: object) {
  await mutations.saveAuthenticationSettings(h.db, { itSupportUrl: "", requireTwoFactor: "nobody", mobileCodes: false, ...value });
}

beforeAll(async () => {
  h = await createHarness();
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => h?.close());

describe("M4 enrolment", () => {
  it("keeps the secret encrypted and the ten recovery codes hashed", async () => {
    const p = await makePerson();
    expect(await secondFactorMethods(h.db, p.id)).toBeNull();
    const { secret, codes } = await enrol(p.id);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const [row] = await h.db.select().from(twoFactor).where(eq(twoFactor.personId, p.id));
    expect(row!.confirmedAt).not.toBeNull();
    expect(row!.secretEncrypted).not.toContain(secret);
    const stored = await h.db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, p.id));
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));
    expect(await secondFactorMethods(h.db, p.id)).toEqual({ totp: true, mobileEnding: null });
  });

  it("refuses a wrong first code and leaves two-factor off", async () => {
    const p = await makePerson();
    await mutations.startTotpEnrolment(h.db, p.id);
    await expect(mutations.confirmTotpEnrolment(h.db, p.id, "000000", T0)).rejects.toThrow(/not right/);
    expect(await secondFactorMethods(h.db, p.id)).toBeNull();
  });

  // Asking for the password again is the action's (lib/auth/recheck.test.ts).
  it("turning it off removes the secret and the recovery codes (M4)", async () => {
    const p = await makePerson();
    await enrol(p.id);
    await mutations.disableTwoFactor(h.db, p.id);
    expect(await secondFactorMethods(h.db, p.id)).toBeNull();
  });
});

describe("M4 sign-in with a second factor", () => {
  it("completes a challenge with the app's code, and each code works once", async () => {
    const p = await makePerson();
    const { codeAt } = await enrol(p.id, T0);
    const at = later(60); // a later time step than the one used to enrol
    const token = await createChallenge(h.db, p.id, "password", at);
    const ok = await completeChallenge(h.db, { token, code: codeAt(at), address: newAddress() }, at);
    expect(ok).toMatchObject({ ok: true, person: { id: p.id }, method: "totp", via: "password" });

    // The challenge is spent.
    expect(await completeChallenge(h.db, { token, code: codeAt(at), address: newAddress() }, at)).toMatchObject({ ok: false, reason: "expired" });
    // The same code on a new challenge is refused: its time step was used.
    const again = await createChallenge(h.db, p.id, "password", at);
    expect(await completeChallenge(h.db, { token: again, code: codeAt(at), address: newAddress() }, later(65))).toMatchObject({ ok: false, reason: "invalid" });
    // The next step's code works.
    expect(await completeChallenge(h.db, { token: again, code: codeAt(later(90)), address: newAddress() }, later(90))).toMatchObject({ ok: true, method: "totp" });
  });

  it("the code that confirmed enrolment cannot sign in", async () => {
    const p = await makePerson();
    const { codeAt } = await enrol(p.id, T0);
    const token = await createChallenge(h.db, p.id, "password", T0);
    expect(await completeChallenge(h.db, { token, code: codeAt(T0), address: newAddress() }, T0)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("a recovery code works once, typed in any case with or without its dash", async () => {
    const p = await makePerson();
    const { codes } = await enrol(p.id);
    const token = await createChallenge(h.db, p.id, "password", T0);
    const typed = codes[3]!.replace("-", "").toUpperCase();
    expect(await completeChallenge(h.db, { token, code: typed, address: newAddress() }, T0)).toMatchObject({ ok: true, method: "recovery", recoveryCodesLeft: 9 });
    const again = await createChallenge(h.db, p.id, "password", T0);
    expect(await completeChallenge(h.db, { token: again, code: codes[3]!, address: newAddress() }, T0)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses forged, expired and other people's challenges", async () => {
    const p = await makePerson();
    const { codeAt } = await enrol(p.id, T0);
    const token = await createChallenge(h.db, p.id, "password", T0);
    const [id] = token.split(".");
    expect(await completeChallenge(h.db, { token: `${id}.forged`, code: codeAt(later(60)), address: newAddress() }, later(60))).toMatchObject({ ok: false, reason: "expired" });
    expect(await completeChallenge(h.db, { token: `${randomUUID()}.${token.split(".")[1]}`, code: codeAt(later(60)), address: newAddress() }, later(60))).toMatchObject({ ok: false, reason: "expired" });
    // Ten minutes later the challenge has expired.
    expect(await completeChallenge(h.db, { token, code: codeAt(later(601)), address: newAddress() }, later(601))).toMatchObject({ ok: false, reason: "expired" });
  });

  it("is rate limited like passwords: five wrong codes, then even the right one waits", async () => {
    const p = await makePerson();
    const { codeAt } = await enrol(p.id, T0);
    for (let i = 0; i < 5; i++) {
      const token = await createChallenge(h.db, p.id, "password", later(60));
      expect(await completeChallenge(h.db, { token, code: "123456", address: newAddress() }, later(60))).toMatchObject({ ok: false, reason: "invalid" });
    }
    const token = await createChallenge(h.db, p.id, "password", later(60));
    expect(await completeChallenge(h.db, { token, code: codeAt(later(60)), address: newAddress() }, later(60))).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("a blocked person gets no session from a right code", async () => {
    const p = await makePerson();
    const { codeAt } = await enrol(p.id, T0);
    const token = await createChallenge(h.db, p.id, "password", later(60));
    await h.db.update(people).set({ blocked: true }).where(eq(people.id, p.id));
    expect(await completeChallenge(h.db, { token, code: codeAt(later(60)), address: newAddress() }, later(60))).toMatchObject({ ok: false, reason: "blocked" });
  });
});

describe("M4, M6 mobile codes", () => {
  it("only while enabled and the person has a mobile; the code is stored hashed, expires in 5 minutes, works once", async () => {
    const p = await makePerson({ mobile: "+44 7700 900123" });
    await setSettings({ mobileCodes: false });
    expect(await secondFactorMethods(h.db, p.id)).toBeNull();
    await setSettings({ mobileCodes: true });
    expect(await secondFactorMethods(h.db, p.id)).toEqual({ totp: false, mobileEnding: "23" });

    const token = await createChallenge(h.db, p.id, "password", T0);
    expect(await sendMobileCode(h.db, token, T0)).toEqual({ ok: true, ending: "23" });
    // Asked again at once: refused, so the phone is not flooded.
    expect(await sendMobileCode(h.db, token, later(5))).toEqual({ ok: false, reason: "too-soon" });
    const [sms] = await h.db.select().from(smsOutbox).where(eq(smsOutbox.recipientId, p.id));
    expect(sms!.toNumber).toBe("+44 7700 900123");
    const code = /(\d{6})/.exec(sms!.body)![1]!;
    const [challenge] = await h.db.select().from(signInChallenges).where(eq(signInChallenges.id, token.split(".")[0]!));
    expect(challenge!.mobileCodeHash).not.toContain(code);

    // Expired after five minutes.
    expect(await completeChallenge(h.db, { token, code, address: newAddress() }, later(301))).toMatchObject({ ok: false, reason: "invalid" });
    // A new code, used in time, works once.
    expect(await sendMobileCode(h.db, token, later(302))).toMatchObject({ ok: true });
    const [, second] = await h.db.select().from(smsOutbox).where(eq(smsOutbox.recipientId, p.id)).orderBy(smsOutbox.id);
    const code2 = /(\d{6})/.exec(second!.body)![1]!;
    expect(await completeChallenge(h.db, { token, code: code2, address: newAddress() }, later(320))).toMatchObject({ ok: true, method: "mobile" });
    const again = await createChallenge(h.db, p.id, "password", later(321));
    expect(await completeChallenge(h.db, { token: again, code: code2, address: newAddress() }, later(322))).toMatchObject({ ok: false, reason: "invalid" });
    await setSettings({ mobileCodes: false });
  });
});

describe("P3 recorded sessions, and M4 required enrolment, in loadViewer's one query", () => {
  const claims = (p: { id: string }, sessionId?: string | null) => ({ personId: p.id, signedInAt: T0.getTime(), audience: "organisational" as const, sessionId });

  it("a cookie needs a live session row of its own person", async () => {
    const p = await makePerson();
    const other = await makePerson();
    const sid = await createSession(h.db, p.id, "password", T0);
    expect(await loadViewer(h.db, claims(p, sid), T0)).toMatchObject({ id: p.id, sessionId: sid });
    expect(await loadViewer(h.db, claims(p, null), T0)).toBeNull();
    expect(await loadViewer(h.db, claims(p, "not-a-uuid"), T0)).toBeNull();
    expect(await loadViewer(h.db, claims(other, sid), T0)).toBeNull();
    await h.db.update(sessions).set({ endedAt: T0 }).where(eq(sessions.id, sid));
    expect(await loadViewer(h.db, claims(p, sid), T0)).toBeNull();
  });

  it("changing the password ends the other sessions and keeps this one", async () => {
    const p = await makePerson();
    const mine = await createSession(h.db, p.id, "password", T0);
    const phone = await createSession(h.db, p.id, "password", T0);
    const laptop = await createSession(h.db, p.id, "password", T0);
    expect(await loadViewer(h.db, claims(p, phone), T0)).not.toBeNull();
    expect(await mutations.changePassword(h.db, { personId: p.id, newPassword: "a whole new passphrase", keepSessionId: mine })).toEqual({ endedSessions: 2 });
    expect(await loadViewer(h.db, claims(p, mine), T0)).not.toBeNull();
    expect(await loadViewer(h.db, claims(p, phone), T0)).toBeNull();
    expect(await loadViewer(h.db, claims(p, laptop), T0)).toBeNull();
  });

  it("webmasters can require two-factor of webmasters or of everyone", async () => {
    const webmaster = await makePerson({ roles: ["webmaster"] });
    const member = await makePerson();
    const enrolled = await makePerson({ roles: ["webmaster"] });
    await enrol(enrolled.id);
    const must = async (p: { id: string }) => (await loadViewer(h.db, claims(p), T0))!.mustEnrolTwoFactor;

    await setSettings({ requireTwoFactor: "nobody" });
    expect([await must(webmaster), await must(member), await must(enrolled)]).toEqual([false, false, false]);
    await setSettings({ requireTwoFactor: "webmasters" });
    expect([await must(webmaster), await must(member), await must(enrolled)]).toEqual([true, false, false]);
    await setSettings({ requireTwoFactor: "everyone" });
    expect([await must(webmaster), await must(member), await must(enrolled)]).toEqual([true, true, false]);
    await setSettings({ requireTwoFactor: "nobody" });
  });
});
