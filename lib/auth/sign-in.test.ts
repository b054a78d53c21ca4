import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people, signInAttempts } from "@/db/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { hashPassword } from "@/lib/auth/password";
import { SIGN_IN_LIMITS, readSessionClaims, signInWithPassword } from "./sign-in";

const PASSWORD = "correct horse battery staple";
const WRONG = "not the password";
const T0 = new Date("2026-03-02T10:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let h: Harness;
let hash: string;
let serial = 0;

/** A unique person; with the shared password hash unless `passwordHash: null`. */
async function makePerson(fields: Partial<typeof people.$inferInsert> = {}) {
  serial++;
  const [row] = await h.db
    .insert(people)
    .values({
      email: `person-${serial}-${randomUUID().slice(0, 8)}@example.org`,
      name: `Person ${serial}`,
      audience: "organisational",
      passwordHash: hash,
      authorisedAt: T0,
      ...fields,
    })
    .returning();
  return row!;
}

/** A unique client address per test, so the per-address limit of one test never touches another. */
const newAddress = () => `192.0.2.${++serial % 250}-${randomUUID().slice(0, 6)}`;

async function lastAccessOf(id: string) {
  const [row] = await h.db.select({ at: people.lastAccessAt }).from(people).where(eq(people.id, id));
  return row!.at;
}

beforeAll(async () => {
  h = await createHarness();
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => h?.close());

describe("signInWithPassword (P3, P4)", () => {
  it("signs in with the right password and returns the person without the hash (P4 records last access)", async () => {
    const p = await makePerson({ roles: ["webmaster"] });
    expect(await lastAccessOf(p.id)).toBeNull();
    const result = await signInWithPassword(h.db, { email: p.email, password: PASSWORD, address: newAddress() }, T0);
    expect(result).toEqual({
      ok: true,
      person: { id: p.id, name: p.name, email: p.email, audience: "organisational", roles: ["webmaster"] },
    });
    expect(JSON.stringify(result)).not.toContain("argon2");
    expect(JSON.stringify(result)).not.toMatch(/hash|blocked/i);
    expect((await lastAccessOf(p.id))?.toISOString()).toBe(T0.toISOString());
  });

  it("finds the account ignoring the case of the e-mail and surrounding spaces", async () => {
    const p = await makePerson({ email: `Mixed.Case-${randomUUID().slice(0, 6)}@Example.org` });
    const result = await signInWithPassword(h.db, { email: `  ${p.email.toUpperCase()} `, password: PASSWORD, address: newAddress() }, T0);
    expect(result.ok && result.person.id).toBe(p.id);
  });

  it("answers a wrong password and an unknown account identically", async () => {
    const p = await makePerson();
    const wrong = await signInWithPassword(h.db, { email: p.email, password: WRONG, address: newAddress() }, T0);
    const unknown = await signInWithPassword(h.db, { email: `nobody-${randomUUID()}@example.org`, password: PASSWORD, address: newAddress() }, T0);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(Object.keys(unknown)).toEqual(Object.keys(wrong));
    expect(await lastAccessOf(p.id)).toBeNull();
  });

  it("refuses an account that has no password yet: unauthorised (P3)", async () => {
    const p = await makePerson({ passwordHash: null, authorisedAt: null });
    for (const password of [PASSWORD, "", WRONG]) {
      expect(await signInWithPassword(h.db, { email: p.email, password, address: newAddress() }, T0)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await lastAccessOf(p.id)).toBeNull();
  });

  it("refuses a blocked account, naming the block only to someone who knows the password (P3)", async () => {
    const p = await makePerson({ blocked: true });
    expect(await signInWithPassword(h.db, { email: p.email, password: PASSWORD, address: newAddress() }, T0)).toEqual({ ok: false, reason: "blocked" });
    expect(await signInWithPassword(h.db, { email: p.email, password: WRONG, address: newAddress() }, T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await lastAccessOf(p.id)).toBeNull();
  });

  it("limits failures per account: after perAccount failures even the right password is refused, from any address", async () => {
    const p = await makePerson();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      const r = await signInWithPassword(h.db, { email: p.email, password: WRONG, address: newAddress() }, minutes(i));
      expect(r, `attempt ${i + 1}`).toEqual({ ok: false, reason: "invalid" });
    }
    const last = SIGN_IN_LIMITS.perAccount - 1;
    // The window runs from the oldest failure (at T0): free at T0 + windowMinutes.
    const limited = await signInWithPassword(h.db, { email: p.email, password: PASSWORD, address: newAddress() }, minutes(last));
    expect(limited).toEqual({ ok: false, reason: "rate-limited", retryAfterMinutes: SIGN_IN_LIMITS.windowMinutes - last });
    // The e-mail is matched ignoring case for the limit too.
    const shouted = await signInWithPassword(h.db, { email: p.email.toUpperCase(), password: PASSWORD, address: newAddress() }, minutes(last));
    expect(shouted).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(await lastAccessOf(p.id)).toBeNull();
  });

  it("lifts the per-account limit once the failures have left the window", async () => {
    const p = await makePerson();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      await signInWithPassword(h.db, { email: p.email, password: WRONG, address: newAddress() }, T0);
    }
    const almost = minutes(SIGN_IN_LIMITS.windowMinutes - 0.5);
    expect(await signInWithPassword(h.db, { email: p.email, password: PASSWORD, address: newAddress() }, almost)).toEqual({
      ok: false,
      reason: "rate-limited",
      retryAfterMinutes: 1,
    });
    const later = minutes(SIGN_IN_LIMITS.windowMinutes + 1);
    const result = await signInWithPassword(h.db, { email: p.email, password: PASSWORD, address: newAddress() }, later);
    expect(result.ok).toBe(true);
    expect((await lastAccessOf(p.id))?.toISOString()).toBe(later.toISOString());
  });

  it("limits failures per address across different accounts, and only for that address", async () => {
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      const r = await signInWithPassword(h.db, { email: `guess-${i}-${randomUUID()}@example.org`, password: WRONG, address }, T0);
      expect(r.ok).toBe(false);
      expect(r.ok || r.reason, `attempt ${i + 1}`).toBe("invalid");
    }
    const p = await makePerson(); // an account with no failures of its own
    expect(await signInWithPassword(h.db, { email: p.email, password: PASSWORD, address }, minutes(1))).toEqual({
      ok: false,
      reason: "rate-limited",
      retryAfterMinutes: SIGN_IN_LIMITS.windowMinutes - 1,
    });
    expect((await signInWithPassword(h.db, { email: p.email, password: PASSWORD, address: newAddress() }, minutes(1))).ok).toBe(true);
  });

  it("does not limit an address below perAddress failures", async () => {
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress - 1; i++) {
      await signInWithPassword(h.db, { email: `almost-${i}-${randomUUID()}@example.org`, password: WRONG, address }, T0);
    }
    const p = await makePerson();
    expect((await signInWithPassword(h.db, { email: p.email, password: PASSWORD, address }, T0)).ok).toBe(true);
  });

  it("clears the account's failures on a successful sign-in", async () => {
    const p = await makePerson();
    const fail = () => signInWithPassword(h.db, { email: p.email, password: WRONG, address: newAddress() }, T0);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await fail();
    expect((await signInWithPassword(h.db, { email: p.email, password: PASSWORD, address: newAddress() }, T0)).ok).toBe(true);
    // Without the clearing these would make 2 × (perAccount − 1) ≥ perAccount failures in the window.
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await fail();
    expect((await signInWithPassword(h.db, { email: p.email, password: PASSWORD, address: newAddress() }, T0)).ok).toBe(true);
  });

  it("counts parallel guesses atomically: perAccount + 1 wrong ones at once record perAccount and refuse the last", async () => {
    const q = await makePerson();
    const wrong = await Promise.all(
      Array.from({ length: SIGN_IN_LIMITS.perAccount + 1 }, (_, i) => signInWithPassword(h.db, { email: q.email, password: `${WRONG} ${i}`, address: newAddress() }, T0)),
    );
    expect(wrong.filter((r) => !r.ok && r.reason === "rate-limited")).toHaveLength(1);
    expect(wrong.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(SIGN_IN_LIMITS.perAccount);
    const recorded = await h.db.select({ id: signInAttempts.id }).from(signInAttempts).where(eq(signInAttempts.bucket, `account:${q.email.toLowerCase()}`));
    expect(recorded).toHaveLength(SIGN_IN_LIMITS.perAccount);
  });

  it("records failures in the database, keyed by account and address (shared by every instance)", async () => {
    const p = await makePerson();
    const address = newAddress();
    await signInWithPassword(h.db, { email: p.email.toUpperCase(), password: WRONG, address }, T0);
    const rows = await h.db.select({ bucket: signInAttempts.bucket }).from(signInAttempts);
    const buckets = rows.map((r) => r.bucket);
    expect(buckets).toContain(`account:${p.email.toLowerCase()}`);
    expect(buckets).toContain(`address:${address}`);
  });
});

describe("readSessionClaims", () => {
  it("reads the account's current audience and roles", async () => {
    const p = await makePerson({ roles: ["webmaster"] });
    expect(await readSessionClaims(h.db, p.id)).toEqual({ audience: "organisational", roles: ["webmaster"] });
    await h.db.update(people).set({ audience: "external", roles: [] }).where(eq(people.id, p.id));
    expect(await readSessionClaims(h.db, p.id)).toEqual({ audience: "external", roles: [] });
  });

  it("gives nothing for a blocked or unknown account (P3)", async () => {
    const p = await makePerson({ blocked: true });
    expect(await readSessionClaims(h.db, p.id)).toBeNull();
    expect(await readSessionClaims(h.db, randomUUID())).toBeNull();
  });
});
