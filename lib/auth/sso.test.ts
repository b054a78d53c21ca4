import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { people } from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { findOrProvisionSsoPerson, matchesRule, parseClaimRule, ssoConfig } from "./sso";

let conn: Connection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const rule = parseClaimRule("person_type=member");
const fresh = () => `sso-${randomUUID().slice(0, 8)}@Example.org`;

describe("M5 SSO configuration and claim mapping", () => {
  it("is configured by environment, all three values or none", () => {
    expect(ssoConfig({})).toBeNull();
    expect(ssoConfig({ PORTICO_SSO_ISSUER: "http://127.0.0.1:1/", PORTICO_SSO_CLIENT_ID: "portico" })).toBeNull();
    expect(ssoConfig({ PORTICO_SSO_ISSUER: "http://127.0.0.1:1/", PORTICO_SSO_CLIENT_ID: "portico", PORTICO_SSO_CLIENT_SECRET: "s", PORTICO_SSO_EXTERNAL_CLAIM: "groups=partners" })).toMatchObject({
      name: "single sign-on",
      externalRule: { claim: "groups", value: "partners" },
    });
    expect(() => parseClaimRule("nonsense")).toThrow(/claim=value/);
  });

  it("matches a string claim, a list claim, and a nested claim", () => {
    expect(matchesRule({ person_type: "member" }, rule)).toBe(true);
    expect(matchesRule({ person_type: "staff" }, rule)).toBe(false);
    expect(matchesRule({ groups: ["a", "partners"] }, parseClaimRule("groups=partners"))).toBe(true);
    expect(matchesRule({ org: { kind: "partner" } }, parseClaimRule("org.kind=partner"))).toBe(true);
    expect(matchesRule({ person_type: "member" }, null)).toBe(false);
  });
});

describe("M5 auto-provisioning", () => {
  it("creates an unknown person with only their e-mail; the rule sets the audience at first sign-in only", async () => {
    const email = fresh();
    const first = await findOrProvisionSsoPerson(conn.db, { email, person_type: "member", name: "Not Taken", phone_number: "+1 555" }, rule);
    expect(first).toMatchObject({ ok: true, created: true, person: { email, name: email, audience: "external", roles: [] } });
    const [row] = await conn.db.select().from(people).where(eq(people.email, email));
    expect(row).toMatchObject({ name: email, mobile: null, passwordHash: null, locationId: null });

    // Later sign-ins find the same person whatever the case, and never change the audience.
    const again = await findOrProvisionSsoPerson(conn.db, { email: email.toUpperCase(), person_type: "staff" }, rule);
    expect(again).toMatchObject({ ok: true, created: false, person: { id: first.ok ? first.person.id : "", audience: "external" } });
    const staff = await findOrProvisionSsoPerson(conn.db, { email: fresh(), person_type: "staff" }, rule);
    expect(staff).toMatchObject({ ok: true, created: true, person: { audience: "organisational" } });
  });

  it("refuses blocked people and tokens without a usable e-mail", async () => {
    const email = fresh();
    await conn.db.insert(people).values({ email, name: "Blocked", audience: "organisational", blocked: true });
    expect(await findOrProvisionSsoPerson(conn.db, { email }, rule)).toEqual({ ok: false, reason: "blocked" });
    expect(await findOrProvisionSsoPerson(conn.db, {}, rule)).toEqual({ ok: false, reason: "no-email" });
    expect(await findOrProvisionSsoPerson(conn.db, { email: fresh(), email_verified: false }, rule)).toEqual({ ok: false, reason: "no-email" });
    expect(await findOrProvisionSsoPerson(conn.db, { email: "a@b.org, c@d.org" }, rule)).toEqual({ ok: false, reason: "no-email" });
  });
});
