/**
 * D5: personal API tokens, and the API's door (lib/api/authenticate.ts, /api/v1/me). The
 * expectations come from the rule: a person makes tokens for themselves (a name, at most a
 * year, read or read and write), sees each once, lists and revokes them; webmasters revoke
 * anyone's; a token acts exactly as its person, never more; a blocked person's tokens stop at
 * once; only a hash is stored. A refused or bad call answers clearly and changes nothing.
 */
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "@/lib/testing/harness";
import { authoriseEveryone } from "@/lib/api/testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { createApiTokenAction, revokeAnyApiTokenAction, revokeOwnApiTokenAction } = await import("./actions");
const { listAnyonesTokens, listOwnTokens } = await import("./queries");
const { makeToken } = await import("./mutations");
const { authenticateApi } = await import("@/lib/api/authenticate");
const { GET: getMe } = await import("@/app/api/v1/me/route");
const { REFUSED_MESSAGE } = await import("@/lib/actions");

const E = (local: string) => `${local}@tokens.test`;
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("other"), name: "Olly Other", audience: "organisational" },
    { email: E("ext"), name: "Xena External", audience: "external" },
  ],
  sections: [],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const personId = (email: string) => h.person(email);
const TOKEN_TABLES = [schema.apiTokens];

async function made(email: string, input: { name: string; days: number; scope: "read" | "read-write" }, now?: Date) {
  return makeToken(h.db, personId(email), input, now);
}

function call(token: string | null, header?: string) {
  const headers = new Headers();
  if (header !== undefined) headers.set("authorization", header);
  else if (token) headers.set("authorization", `Bearer ${token}`);
  return new Request("http://portico.test/api/v1/me", { headers });
}

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.headers.get("cache-control")).toContain("no-store");
  return (await response.json()) as { status: number; title: string; detail: string };
}

beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
});
afterAll(async () => h?.close());

describe("D5: making a token", () => {
  it("D5: a person makes a token, shown once; only its SHA-256 is stored, and the audit row names it without it", async () => {
    await signInAs(E("staff"));
    const result = await createApiTokenAction({ name: "  Reporting script ", days: 90, scope: "read" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { token, id, prefix, expiresAt, name, scope } = result.data;
    expect(token).toMatch(/^pt_[A-Za-z0-9_-]{43}$/);
    expect(name).toBe("Reporting script");
    expect(scope).toBe("read");
    expect(token.startsWith(prefix)).toBe(true);
    expect(Math.abs(expiresAt.getTime() - (Date.now() + 90 * 86_400_000))).toBeLessThan(60_000);
    const [row] = await h.db.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, id));
    expect(row!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row!.personId).toBe(personId(E("staff")));
    // The token is nowhere in the database: not in its row, not in the audit log.
    const everywhere = rowsOf<{ text: string }>(await h.db.execute(sql`select (select string_agg(t::text, ' ') from api_tokens t) || ' ' || (select string_agg(a::text, ' ') from audit_events a) as text`))[0]!.text;
    expect(everywhere).not.toContain(token.slice(3));
    const [audit] = rowsOf<{ details: { name: string; prefix: string } }>(
      await h.db.execute(sql`select details from audit_events where action = 'api-token.create' and target_id = ${id} order by id desc limit 1`),
    );
    expect(audit!.details).toMatchObject({ name: "Reporting script", prefix, scope: "read" });
    // Listed afterwards with its first characters only.
    const listed = await listOwnTokens(await viewerOf(E("staff")));
    expect(listed.items.map((t) => t.id)).toContain(id);
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it.each([
    ["no name", { name: "   ", days: 30, scope: "read" }, "name", "Name the token"],
    ["a name too long", { name: "x".repeat(101), days: 30, scope: "read" }, "name", "at most 100"],
    ["more than a year", { name: "Forever", days: 400, scope: "read" }, "days", "at most a year"],
    ["no lifetime", { name: "Forever", days: "", scope: "read" }, "days", "at most a year"],
    ["an unknown scope", { name: "Admin", days: 30, scope: "admin" }, "scope", "read, or read and write"],
  ])("D5: %s is refused with a message and changes nothing", async (_what, input, field, message) => {
    await signInAs(E("staff"));
    const result = await expectUnchanged(TOKEN_TABLES, () => createApiTokenAction(input as never));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.[field]).toContain(message);
  });

  it("D5: signed out, nothing is made", async () => {
    signOut();
    const result = await expectUnchanged(TOKEN_TABLES, () => createApiTokenAction({ name: "Script", days: 30, scope: "read" }));
    expect(result.ok).toBe(false);
  });

  it("D5 E3: external people make their own tokens too", async () => {
    await signInAs(E("ext"));
    const result = await createApiTokenAction({ name: "Partner sync", days: 7, scope: "read-write" });
    expect(result.ok).toBe(true);
  });
});

describe("D5: listing and revoking", () => {
  it("D5: a person lists only their own tokens, newest first, a page at a time, with each one's status", async () => {
    const now = new Date();
    const first = await made(E("other"), { name: "Old", days: 7, scope: "read" }, new Date(now.getTime() - 30 * 86_400_000));
    const second = await made(E("other"), { name: "Middle", days: 30, scope: "read" }, new Date(now.getTime() - 1000));
    const third = await made(E("other"), { name: "New", days: 30, scope: "read-write" }, now);
    await made(E("staff"), { name: "Not Olly's", days: 30, scope: "read" });
    const other = await viewerOf(E("other"));
    const page1 = await listOwnTokens(other, null, { limit: 2 });
    expect(page1.items.map((t) => t.name)).toEqual(["New", "Middle"]);
    expect(page1.next).not.toBeNull();
    const page2 = await listOwnTokens(other, page1.next, { limit: 2 });
    expect(page2.items.map((t) => [t.name, t.status])).toEqual([["Old", "expired"]]);
    expect(page2.next).toBeNull();
    expect([first.id, second.id, third.id]).toContain(page2.items[0]!.id);
    // A tampered cursor reads as the first page.
    expect((await listOwnTokens(other, "not-a-cursor", { limit: 2 })).items.map((t) => t.name)).toEqual(["New", "Middle"]);
  });

  it("D5: a person revokes their own token; another's, or one already revoked, is refused alike and changes nothing", async () => {
    const mine = await made(E("staff"), { name: "To revoke", days: 30, scope: "read" });
    const theirs = await made(E("other"), { name: "Olly's", days: 30, scope: "read" });
    await signInAs(E("staff"));
    const refused = await expectUnchanged(TOKEN_TABLES, () => revokeOwnApiTokenAction({ tokenId: theirs.id }));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.formError).toMatch(/could not be found/);
    const revoked = await revokeOwnApiTokenAction({ tokenId: mine.id });
    expect(revoked.ok).toBe(true);
    const [row] = await h.db.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, mine.id));
    expect(row!.revokedAt).not.toBeNull();
    expect(row!.revokedById).toBe(personId(E("staff")));
    const again = await expectUnchanged(TOKEN_TABLES, () => revokeOwnApiTokenAction({ tokenId: mine.id }));
    expect(again.ok).toBe(false);
    const listed = await listOwnTokens(await viewerOf(E("staff")));
    expect(listed.items.find((t) => t.id === mine.id)?.status).toBe("revoked");
  });

  it("D5 M8: webmasters list everyone's tokens and revoke any, audited; nobody else may", async () => {
    const theirs = await made(E("other"), { name: "Lost laptop", days: 30, scope: "read-write" });
    const staff = await viewerOf(E("staff"));
    expect(await listAnyonesTokens(staff)).toEqual({ status: "forbidden" });
    await signInAs(E("staff"));
    const refused = await expectUnchanged(TOKEN_TABLES, () => revokeAnyApiTokenAction({ tokenId: theirs.id }));
    expect(refused).toMatchObject({ ok: false, formError: REFUSED_MESSAGE });

    const web = await viewerOf(E("web"));
    const all = await listAnyonesTokens(web);
    if (all.status !== "ok") throw new Error("a webmaster lists tokens");
    expect(all.items.find((t) => t.id === theirs.id)?.person.email).toBe(E("other"));
    await signInAs(E("web"));
    expect((await revokeAnyApiTokenAction({ tokenId: theirs.id })).ok).toBe(true);
    const [audit] = rowsOf<{ details: { personId: string; name: string } }>(
      await h.db.execute(sql`select details from audit_events where action = 'api-token.revoke-any' and target_id = ${theirs.id}`),
    );
    expect(audit!.details).toMatchObject({ personId: personId(E("other")), name: "Lost laptop" });
  });
});

describe("D2 D5: the API acts as the token's person, and refuses clearly", () => {
  it("D5: a token reads /api/v1/me as its person; its last use is recorded", async () => {
    const t = await made(E("staff"), { name: "Me", days: 30, scope: "read" });
    const response = await getMe(call(t.token));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    expect(await response.json()).toEqual({
      person: { id: personId(E("staff")), name: "Sam Staff", email: E("staff"), audience: "organisational", webmaster: false },
      token: { id: t.id, name: "Me", scope: "read" },
    });
    const [row] = await h.db.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, t.id));
    expect(row!.lastUsedAt).not.toBeNull();
  });

  it.each([
    ["no Authorization header", null, undefined, /Authorization: Bearer/],
    ["a header that is not a bearer token", null, "Basic dXNlcjpwYXNz", /must be: Bearer/],
    ["a token of the wrong shape", "nonsense", undefined, /not one Portico issued/],
    ["a well-formed token Portico never issued", `pt_${"A".repeat(43)}`, undefined, /not one Portico issued/],
  ])("D5: %s gets 401 with a problem document and a Bearer challenge", async (_what, token, header, detail) => {
    const response = await expectUnchanged(TOKEN_TABLES, () => getMe(call(token, header)));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="Portico"/);
    expect((await problemOf(response)).detail).toMatch(detail);
  });

  it("D5: a revoked token and an expired one stop working, each saying why", async () => {
    const revoked = await made(E("staff"), { name: "Revoked", days: 30, scope: "read" });
    await h.db.update(schema.apiTokens).set({ revokedAt: new Date() }).where(eq(schema.apiTokens.id, revoked.id));
    const r = await getMe(call(revoked.token));
    expect(r.status).toBe(401);
    expect((await problemOf(r)).detail).toMatch(/revoked/);
    const expired = await made(E("staff"), { name: "Expired", days: 7, scope: "read" }, new Date(Date.now() - 8 * 86_400_000));
    const x = await getMe(call(expired.token));
    expect(x.status).toBe(401);
    expect((await problemOf(x)).detail).toMatch(/expired/);
  });

  it("D5 P2: blocking the person stops their tokens at once, and unblocking brings them back; an unauthorised account's tokens do not work", async () => {
    const t = await made(E("other"), { name: "Sync", days: 30, scope: "read" });
    expect((await getMe(call(t.token))).status).toBe(200);
    await h.db.update(schema.people).set({ blocked: true }).where(eq(schema.people.id, personId(E("other"))));
    const blocked = await getMe(call(t.token));
    expect(blocked.status).toBe(401);
    expect((await problemOf(blocked)).detail).toMatch(/blocked/);
    await h.db.update(schema.people).set({ blocked: false }).where(eq(schema.people.id, personId(E("other"))));
    expect((await getMe(call(t.token))).status).toBe(200);
    await h.db.update(schema.people).set({ authorisedAt: null }).where(eq(schema.people.id, personId(E("other"))));
    expect((await getMe(call(t.token))).status).toBe(401);
    await h.db.update(schema.people).set({ authorisedAt: new Date() }).where(eq(schema.people.id, personId(E("other"))));
  });

  it("D5: a token is its person as they are now: a webmaster demoted is answered as one no longer", async () => {
    const t = await made(E("web"), { name: "Admin script", days: 30, scope: "read" });
    expect(((await (await getMe(call(t.token))).json()) as { person: { webmaster: boolean } }).person.webmaster).toBe(true);
    await h.db.update(schema.people).set({ roles: [] }).where(eq(schema.people.id, personId(E("web"))));
    try {
      expect(((await (await getMe(call(t.token))).json()) as { person: { webmaster: boolean } }).person.webmaster).toBe(false);
    } finally {
      await h.db.update(schema.people).set({ roles: ["webmaster"] }).where(eq(schema.people.id, personId(E("web"))));
    }
  });

  it("D5 M4: where two-factor sign-in is required and the person has not set it up, the token is refused with what to do", async () => {
    const t = await made(E("staff"), { name: "2FA", days: 30, scope: "read" });
    await h.db.insert(schema.settings).values({ key: "authentication", value: { requireTwoFactor: "everyone" } }).onConflictDoUpdate({ target: schema.settings.key, set: { value: { requireTwoFactor: "everyone" } } });
    try {
      const response = await getMe(call(t.token));
      expect(response.status).toBe(403);
      expect((await problemOf(response)).detail).toMatch(/two-factor/);
    } finally {
      await h.db.delete(schema.settings).where(eq(schema.settings.key, "authentication"));
    }
  });

  it("D5: a read token may not write; a read and write token may", async () => {
    const read = await made(E("staff"), { name: "Reader", days: 30, scope: "read" });
    const write = await made(E("staff"), { name: "Writer", days: 30, scope: "read-write" });
    const refused = await authenticateApi(call(read.token), "write");
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.response.status).toBe(403);
      expect(refused.response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
      expect((await problemOf(refused.response)).detail).toMatch(/may only read/);
    }
    expect((await authenticateApi(call(read.token), "read")).ok).toBe(true);
    const allowed = await authenticateApi(call(write.token), "write");
    expect(allowed.ok && allowed.caller.viewer.id).toBe(personId(E("staff")));
  });

  it("D5: a deleted person's tokens go with them", async () => {
    await h.db.insert(schema.people).values({ email: E("leaver"), name: "Lee Leaver", audience: "organisational", authorisedAt: new Date() });
    await h.refreshIds();
    const t = await made(E("leaver"), { name: "Leaving", days: 30, scope: "read" });
    expect((await getMe(call(t.token))).status).toBe(200);
    await h.db.delete(schema.people).where(eq(schema.people.id, personId(E("leaver"))));
    expect((await getMe(call(t.token))).status).toBe(401);
    expect(await h.db.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, t.id))).toEqual([]);
  });
});
