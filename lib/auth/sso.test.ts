import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { people } from "@/db/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { findOrProvisionSsoPerson, matchesRule, parseClaimRule, ssoClaims, ssoConfig } from "./sso";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

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
    const first = await findOrProvisionSsoPerson(h.db, { email, person_type: "member", name: "Not Taken", phone_number: "+1 555" }, rule);
    expect(first).toMatchObject({ ok: true, created: true, person: { email, name: email, audience: "external", roles: [] } });
    const [row] = await h.db.select().from(people).where(eq(people.email, email));
    expect(row).toMatchObject({ name: email, mobile: null, passwordHash: null, locationId: null });

    // Later sign-ins find the same person whatever the case, and never change the audience.
    const again = await findOrProvisionSsoPerson(h.db, { email: email.toUpperCase(), person_type: "staff" }, rule);
    expect(again).toMatchObject({ ok: true, created: false, person: { id: first.ok ? first.person.id : "", audience: "external" } });
    const staff = await findOrProvisionSsoPerson(h.db, { email: fresh(), person_type: "staff" }, rule);
    expect(staff).toMatchObject({ ok: true, created: true, person: { audience: "organisational" } });
  });

  it("refuses blocked people and tokens without a usable e-mail", async () => {
    const email = fresh();
    await h.db.insert(people).values({ email, name: "Blocked", audience: "organisational", blocked: true });
    expect(await findOrProvisionSsoPerson(h.db, { email }, rule)).toEqual({ ok: false, reason: "blocked" });
    expect(await findOrProvisionSsoPerson(h.db, {}, rule)).toEqual({ ok: false, reason: "no-email" });
    expect(await findOrProvisionSsoPerson(h.db, { email: fresh(), email_verified: false }, rule)).toEqual({ ok: false, reason: "no-email" });
    expect(await findOrProvisionSsoPerson(h.db, { email: "a@b.org, c@d.org" }, rule)).toEqual({ ok: false, reason: "no-email" });
  });
});

describe("M5 claims from userinfo when the ID token lacks them", () => {
  let issuerSerial = 0;
  /** A provider's discovery document and userinfo endpoint, answering `userinfo` to the right token. */
  function provider(userinfo: unknown, options: { type?: string; status?: number } = {}) {
    const issuer = `https://idp-${++issuerSerial}.example`;
    const calls: string[] = [];
    const fetchImpl = vi.fn(async (url: string, init?: RequestInit) => {
      calls.push(url);
      if (url === `${issuer}/.well-known/openid-configuration`) return Response.json({ issuer, userinfo_endpoint: `${issuer}/me` });
      if (url === `${issuer}/me` && new Headers(init?.headers).get("authorization") === "Bearer at-1") {
        return new Response(JSON.stringify(userinfo), { status: options.status ?? 200, headers: { "content-type": options.type ?? "application/json; charset=utf-8" } });
      }
      return new Response("no", { status: 401 });
    });
    return { config: { issuer, externalRule: rule }, fetchImpl, calls };
  }

  it("leaves an ID token that has the e-mail and the rule's claim as it is, without asking", async () => {
    const p = provider({ sub: "u1", email: "other@example.org" });
    const token = { sub: "u1", email: "id@example.org", email_verified: true, person_type: "staff" };
    expect(await ssoClaims(token, "at-1", p.config, p.fetchImpl)).toBe(token);
    expect(p.calls).toEqual([]);
  });

  it("takes the e-mail, its verification and the rule's claim from userinfo; the ID token's other claims win", async () => {
    const p = provider({ sub: "u1", email: "ui@example.org", email_verified: true, person_type: "member", name: "From userinfo" });
    const claims = await ssoClaims({ sub: "u1", name: "From the token" }, "at-1", p.config, p.fetchImpl);
    expect(claims).toMatchObject({ sub: "u1", email: "ui@example.org", email_verified: true, person_type: "member", name: "From the token" });
    expect(matchesRule(claims, rule)).toBe(true);
    // The discovery document is read once per issuer.
    await ssoClaims({ sub: "u1" }, "at-1", p.config, p.fetchImpl);
    expect(p.calls.filter((c) => c.endsWith("openid-configuration"))).toHaveLength(1);

    // Then provisioning works as with a full ID token.
    const email = `ui-${randomUUID().slice(0, 8)}@example.org`;
    const q = provider({ sub: "u2", email, person_type: "member" });
    const result = await findOrProvisionSsoPerson(h.db, await ssoClaims({ sub: "u2" }, "at-1", q.config, q.fetchImpl), rule);
    expect(result).toMatchObject({ ok: true, created: true, person: { email, audience: "external" } });
  });

  it("keeps an e-mail unverified when either answer says so", async () => {
    const a = provider({ sub: "u1", email: "ui@example.org", email_verified: false });
    expect(await ssoClaims({ sub: "u1", email_verified: true }, "at-1", a.config, a.fetchImpl)).toMatchObject({ email: "ui@example.org", email_verified: false });
    const b = provider({ sub: "u1", email: "ui@example.org", email_verified: true });
    const claims = await ssoClaims({ sub: "u1", email_verified: false }, "at-1", b.config, b.fetchImpl);
    expect(claims.email_verified).toBe(false);
    expect(await findOrProvisionSsoPerson(h.db, claims, rule)).toEqual({ ok: false, reason: "no-email" });
  });

  it("ignores a userinfo answer about another subject, an error, a signed (JWT) answer, or no access token", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const [userinfo, options] of [
        [{ sub: "someone-else", email: "ui@example.org" }, {}],
        [{ sub: "u1", email: "ui@example.org" }, { status: 500 }],
        [{ sub: "u1", email: "ui@example.org" }, { type: "application/jwt" }],
        [["not", "an", "object"], {}],
      ] as const) {
        const p = provider(userinfo, options);
        const claims = await ssoClaims({ sub: "u1" }, "at-1", p.config, p.fetchImpl);
        expect(claims.email, JSON.stringify(userinfo)).toBeUndefined();
      }
      const p = provider({ sub: "u1", email: "ui@example.org" });
      expect((await ssoClaims({ sub: "u1" }, undefined, p.config, p.fetchImpl)).email).toBeUndefined();
      expect((await ssoClaims({ sub: "u1" }, "wrong-token", p.config, p.fetchImpl)).email).toBeUndefined();
    } finally {
      quiet.mockRestore();
    }
  });
});
