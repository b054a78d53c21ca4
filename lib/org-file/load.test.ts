import { readFileSync } from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { DEMO_ORG_FILE, DEMO_SIGN_INS } from "./demo";
import { DatabaseNotEmptyError, loadOrganisation } from "./load";
import { type OrgFile, parseOrgFileText } from "./schema";

function demoOrg(): OrgFile {
  const parsed = parseOrgFileText(readFileSync(DEMO_ORG_FILE, "utf8"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.org;
}

async function counts(conn: Connection) {
  const tables = { people: schema.people, teams: schema.teams, sections: schema.sections, content: schema.content, groups: schema.groups, teamMembers: schema.teamMembers, sectionRoles: schema.sectionRoles };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await conn.db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

describe("organisation loader (ORG-FILE.md)", () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await createTestDatabase();
    await loadOrganisation(conn.db, demoOrg());
  });
  afterAll(() => conn.close());

  it("loads the demo organisation whole", async () => {
    const org = demoOrg();
    const c = await counts(conn);
    expect(c.people).toBe(org.people.length);
    expect(c.teams).toBe(org.teams.length);
    expect(c.sections).toBe(org.sections.length);
    expect(c.content).toBe(org.content.length);
    expect(c.groups).toBe(org.groups.length);
    expect(c.teamMembers).toBe(org.people.reduce((n, p) => n + (p.teams?.length ?? 0), 0));
  });

  it("is a believable demo: every role of P1–P5 and S7, and at least 30 people and 12 sections", () => {
    const org = demoOrg();
    expect(org.people.length).toBeGreaterThanOrEqual(30);
    expect(new Set(org.people.map((p) => p.audience))).toEqual(new Set(["organisational", "external"]));
    expect(org.people.some((p) => p.roles?.includes("webmaster"))).toBe(true);
    expect(org.people.some((p) => (p.teamAdmin ?? []).length > 0)).toBe(true);
    expect(org.people.some((p) => p.blocked)).toBe(true);
    const roles = new Set(org.sections.flatMap((s) => (s.roles ?? []).map((r) => r.role)));
    expect(roles).toEqual(new Set(["manager", "editor", "author"]));
    expect(org.sections.length).toBeGreaterThanOrEqual(12);
    expect(org.sections.some((s) => s.restricted)).toBe(true);
    expect(new Set(org.content.map((c) => c.type))).toEqual(new Set(["news", "policy", "page", "blog", "event", "poll"]));
    expect(new Set(org.groups.map((g) => g.visibility))).toEqual(new Set(["public", "private", "secret"]));
    for (const d of DEMO_SIGN_INS) expect(org.people.some((p) => p.email === d.email)).toBe(true);
  });

  it("hashes passwords with argon2id and never stores them in clear (P3)", async () => {
    const rows = await conn.db.select({ hash: schema.people.passwordHash, authorisedAt: schema.people.authorisedAt }).from(schema.people);
    for (const r of rows) {
      expect(r.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(r.hash).not.toContain("portico-demo");
      expect(r.authorisedAt).not.toBeNull();
    }
  });

  it("builds a section tree three levels deep with closure rows and effective restriction (S1, S5)", async () => {
    const org = demoOrg();
    const [depth] = rowsOf<{ max: number }>(await conn.db.execute(sql`select max(depth)::int as max from section_closure`));
    expect(depth!.max).toBeGreaterThanOrEqual(2);
    // Every section: restricted in effect exactly when it or an ancestor is flagged.
    const bySlug = new Map(org.sections.map((s) => [s.slug, s]));
    const expected = (slug: string): boolean => {
      const s = bySlug.get(slug)!;
      return s.restricted || (s.parent !== null && expected(s.parent));
    };
    const rows = await conn.db.select({ slug: schema.sections.slug, eff: schema.sections.effectivelyRestricted }).from(schema.sections);
    for (const r of rows) expect(r.eff, r.slug).toBe(expected(r.slug));
    expect(rows.some((r) => r.eff && !bySlug.get(r.slug)!.restricted)).toBe(true);
  });

  it("keeps the team closure: every team is its own ancestor and its parent's descendant", async () => {
    const org = demoOrg();
    const [n] = rowsOf<{ n: number }>(await conn.db.execute(sql`select count(*)::int as n from team_closure where depth = 0`));
    expect(n!.n).toBe(org.teams.length);
    const [m] = rowsOf<{ n: number }>(await conn.db.execute(sql`select count(*)::int as n from team_closure where depth = 1`));
    expect(m!.n).toBe(org.teams.filter((t) => t.parent !== null).length);
  });

  it("keeps e-mail unique ignoring case", async () => {
    await expect(
      conn.db.insert(schema.people).values({ email: DEMO_SIGN_INS[0].email.toUpperCase(), name: "Dup", audience: "organisational" }),
    ).rejects.toThrow();
  });

  it("refuses a non-empty database without --reset and changes nothing", async () => {
    const before = await counts(conn);
    const org = demoOrg();
    org.people[0]!.name = "Changed";
    await expect(loadOrganisation(conn.db, org)).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    expect(await counts(conn)).toEqual(before);
    const [p] = await conn.db.select({ name: schema.people.name }).from(schema.people).where(eq(schema.people.email, org.people[0]!.email));
    expect(p!.name).not.toBe("Changed");
  });

  it("replaces everything with --reset", async () => {
    const small: OrgFile = {
      teams: [{ key: "t", name: "T", parent: null }],
      locations: [],
      people: [{ email: "solo@example.org", name: "Solo", audience: "organisational", teams: ["t"] }],
      sections: [{ slug: "s", title: "S", parent: null, restricted: false }],
      content: [],
      groups: [],
    };
    await loadOrganisation(conn.db, small, { reset: true });
    const c = await counts(conn);
    expect(c).toMatchObject({ people: 1, teams: 1, sections: 1, content: 0, groups: 0, teamMembers: 1 });
    const [solo] = await conn.db.select().from(schema.people);
    expect(solo!.passwordHash).toBeNull();
    expect(solo!.authorisedAt).toBeNull(); // no password: must use the welcome e-mail (P3)
  });
});
