/**
 * searchPeople: the people a picker offers (P5 team members, S2 section members).
 * Matching is literal (typed wildcards match themselves), case-insensitive, on name or
 * e-mail; blocked and excluded people are never offered. Every search runs twice: as the
 * planner likes (a scan, at this size) and with only bitmap scans allowed, so the trigram
 * indexes of migration search_trgm must answer (M1) — the same people both ways.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Db } from "@/db/connect";
import { people } from "@/db/schema";
import { planOf, withBitmapScansOnly } from "@/db/testing";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { escapeLike, nameOrEmailContains, searchPeople as searchPeopleIn } from "./search";

let harness: Harness;
let conn: Connection;
const ids: Record<string, string> = {};
const person = (key: string, name: string, email: string, extra: Partial<typeof people.$inferInsert> = {}) => {
  ids[key] = randomUUID();
  return { id: ids[key], name, email, audience: "organisational" as const, ...extra };
};

beforeAll(async () => {
  harness = await createHarness();
  conn = harness.conn;
  await conn.db.insert(people).values([
    person("joanne", "Joanne Ford", "joanne.ford@example.org"),
    person("ann", "Ann Lee", "a.lee@example.org"),
    person("hannah", "Hannah Price", "hp@example.org"),
    person("annika", "Annika Berg", "annika@partner.example", { audience: "external" }),
    person("blocked", "Annabel Stone", "annabel@example.org", { blocked: true }),
    person("pct", "Percy 100% Sure", "percy@example.org"),
    person("under", "Ulla Under", "u_under@example.org"),
    person("uxunder", "Uxa Xunder", "uxunder@example.org"),
    person("slash", "Back Slash", "back\\slash@example.org"),
    person("muller", "Jörg Müller", "j.mueller@example.org"),
  ]);
});
afterAll(async () => harness?.close());

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe.each([
  ["as planned", false],
  ["through the trigram indexes", true],
])("searchPeople, %s", (_how, viaIndex) => {
  const searchPeople = (text: string, options: Parameters<typeof searchPeopleIn>[1] & object) =>
    viaIndex ? withBitmapScansOnly(conn.db, (db: Db) => searchPeopleIn(text, { ...options, db })) : searchPeopleIn(text, options);

  it("matches name or e-mail, case-insensitively, word and e-mail prefixes first, then by name", async () => {
    expect(names(await searchPeople("ANN", {}))).toEqual(["Ann Lee", "Annika Berg", "Hannah Price", "Joanne Ford"]);
    expect(names(await searchPeople("partner.EX", {}))).toEqual(["Annika Berg"]);
    expect(names(await searchPeople("lee", {}))).toEqual(["Ann Lee"]);
  });

  it("returns id, name, e-mail and audience (P1) and nothing else", async () => {
    const [row] = await searchPeople("annika", {});
    expect(row).toEqual({ id: ids.annika, name: "Annika Berg", email: "annika@partner.example", audience: "external" });
  });

  it("never offers blocked people (P3) or excluded ones", async () => {
    expect(names(await searchPeople("annabel", {}))).toEqual([]);
    expect(names(await searchPeople("ann", { excludeIds: [ids.ann!, ids.hannah!, "not-a-uuid"] }))).toEqual(["Annika Berg", "Joanne Ford"]);
  });

  it("treats % _ and \\ as literal text (escaped LIKE wildcards)", async () => {
    expect(escapeLike("a%b_c\\d")).toBe("a\\%b\\_c\\\\d");
    expect(names(await searchPeople("0%", {}))).toEqual(["Percy 100% Sure"]);
    expect(names(await searchPeople("%%", {}))).toEqual([]);
    expect(names(await searchPeople("u_", {}))).toEqual(["Ulla Under"]); // not "uxunder"
    expect(names(await searchPeople("k\\s", {}))).toEqual(["Back Slash"]);
    expect(names(await searchPeople("_under", {}))).toEqual(["Ulla Under"]);
    expect(names(await searchPeople("100%", {}))).toEqual(["Percy 100% Sure"]);
    expect(names(await searchPeople("1_0", {}))).toEqual([]);
  });

  it("finds e-mail fragments, text across a space and letters beyond ASCII", async () => {
    expect(names(await searchPeople("@PARTNER", {}))).toEqual(["Annika Berg"]);
    expect(names(await searchPeople("e.ford@ex", {}))).toEqual(["Joanne Ford"]);
    expect(names(await searchPeople("rg mü", {}))).toEqual(["Jörg Müller"]);
    expect(names(await searchPeople("MÜLLER", {}))).toEqual(["Jörg Müller"]);
    expect(names(await searchPeople("zzq", {}))).toEqual([]);
  });

  it("two characters, which no trigram holds, still match anywhere in a name or e-mail", async () => {
    expect(names(await searchPeople("HP", {}))).toEqual(["Hannah Price"]);
    expect(names(await searchPeople("ü", {}))).toEqual([]); // one character: too short
    expect(names(await searchPeople("öR", {}))).toEqual(["Jörg Müller"]);
    expect(names(await searchPeople("qz", {}))).toEqual([]);
  });

  it("needs two characters, and honours the limit (10 by default)", async () => {
    expect(await searchPeople("a", {})).toEqual([]);
    expect(await searchPeople("  a  ", {})).toEqual([]);
    expect(await searchPeople("example", { limit: 3 })).toHaveLength(3);
    expect((await searchPeople("example", {})).length).toBeLessThanOrEqual(10);
  });

  it("with exactEmailOnly answers only an exact e-mail (for searchers who may not browse people, E4)", async () => {
    expect(names(await searchPeople("ann", { exactEmailOnly: true }))).toEqual([]);
    expect(names(await searchPeople("A.Lee@Example.org", { exactEmailOnly: true }))).toEqual(["Ann Lee"]);
    expect(names(await searchPeople("annabel@example.org", { exactEmailOnly: true }))).toEqual([]);
  });
});

describe("M1: the trigram indexes serve name-or-e-mail search", () => {
  it("a bitmap scan of people_name_trgm_idx and people_email_trgm_idx answers a term of 3 characters or more", async () => {
    const plan = await withBitmapScansOnly(conn.db, (db) => planOf(db, sql`select id from people where ${nameOrEmailContains("Müller")}`));
    expect(plan).toMatch(/Bitmap Index Scan on people_name_trgm_idx/);
    expect(plan).toMatch(/Bitmap Index Scan on people_email_trgm_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
