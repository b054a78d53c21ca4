/**
 * The organisation file's profiles and apps (ORG-FILE.md: people's profile fields and images,
 * teams that accept queries, app moderators, ideas, wall posts, queries; SPEC P6 E3 E4 E5 G4 G8):
 * loaded as written, and every reference problem refused by its JSON path, nothing loaded.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { OrgFileRefusedError } from "./contents";
import { DEMO_ORG_FILE } from "./demo";
import { isDatabaseEmpty, loadOrganisation } from "./load";
import { type OrgFile, parseOrgFileText } from "./schema";

const dataDir = mkdtempSync(path.join(tmpdir(), "portico-org-apps-"));
process.env.PORTICO_DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const E = (local: string) => `${local}@apps.test`;
const BASE = {
  teams: [
    { key: "desk", name: "Service Desk", parent: null, acceptsQueries: true },
    { key: "quiet", name: "Quiet Team", parent: null },
  ],
  locations: [],
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["webmaster"], jobTitle: "Intranet Manager", about: "Hello.\nTwo lines.", image: "face.png" },
    { email: E("mod"), name: "Moe Moderator", audience: "organisational", teams: ["desk"], mobile: "+44 7700 900123", showMobile: true },
    { email: E("staff"), name: "Sam Staff", audience: "organisational", workPhone: "01632 960000", organisation: "Highways" },
    { email: E("ext"), name: "Xena External", audience: "external" },
  ],
  sections: [],
  content: [],
  groups: [],
  appModerators: { ideas: [E("mod")] },
  ideas: [
    { title: "Bike shed", description: "<p>Please</p><script>alert(1)</script>", tags: ["Travel", "travel"], author: E("staff"), status: "planned", statusNote: "Booked", statusBy: E("mod"), votes: [E("web"), E("mod")], followers: [E("web")] },
    { title: "Quiet room", author: E("staff") },
  ],
  wallPosts: [{ author: E("staff"), body: "Hello wall", favourites: [E("web"), E("mod")] }],
  queries: [
    { title: "Printer?", body: "Where is it?", asker: E("staff"), team: "desk", answers: [{ author: E("mod"), body: "Room 2" }, { author: E("mod"), body: "Room 3", accepted: true }] },
    { title: "Wi-Fi?", body: "Slow", asker: E("staff"), team: "desk", answers: [{ author: E("mod"), body: "Restart" }] },
    { title: "Leave?", body: "How many days?", asker: E("web"), team: "desk" },
  ],
} as const;

// A 2 × 2 PNG for the profile image.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWOQLdghW7CDAUIBACEuBRViMkFAAAAAAElFTkSuQmCC", "base64");
const folder = mkdtempSync(path.join(tmpdir(), "portico-org-apps-files-"));
writeFileSync(path.join(folder, "face.png"), PNG);
writeFileSync(path.join(folder, "not-an-image.png"), "<svg/>");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function parse(org: unknown): OrgFile {
  const parsed = parseOrgFileText(JSON.stringify(org));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.org;
}
function problemsOf(org: unknown): string[] {
  const parsed = parseOrgFileText(JSON.stringify(org));
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`);
}

let conn: Connection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(async () => conn?.close());

describe("the organisation file's profiles and apps (ORG-FILE.md; P6 E3 G4 G8)", () => {
  it("loads profiles and images, moderators, ideas with votes and followers, wall posts with favourites, and queries with their state", async () => {
    const summary = await loadOrganisation(conn.db, parse(BASE), { reset: true, baseDir: folder });
    expect(summary).toMatchObject({ ideas: 2, wallPosts: 1, queries: 3 });
    const [web] = await conn.db.select().from(schema.people).where(eq(schema.people.email, E("web")));
    expect(web).toMatchObject({ jobTitle: "Intranet Manager", about: "Hello.\nTwo lines." });
    expect(web!.imageId).toMatch(/^[0-9a-f-]{36}$/);
    const [mod] = await conn.db.select().from(schema.people).where(eq(schema.people.email, E("mod")));
    expect(mod).toMatchObject({ showMobile: true, imageId: null });
    expect(await conn.db.select({ app: schema.appModerators.app }).from(schema.appModerators)).toEqual([{ app: "ideas" }]);
    expect((await conn.db.select({ key: schema.teams.key, accepts: schema.teams.acceptsQueries }).from(schema.teams).orderBy(schema.teams.key))).toEqual([
      { key: "desk", accepts: true },
      { key: "quiet", accepts: false },
    ]);

    const ideas = await conn.db.select().from(schema.ideas).orderBy(schema.ideas.title);
    expect(ideas.map((i) => [i.title, i.status, i.voteCount, i.tags])).toEqual([
      ["Bike shed", "planned", 2, ["travel"]],
      ["Quiet room", "new", 0, []],
    ]);
    expect(ideas[0]!.description).toBe("<p>Please</p>"); // C6: sanitised on load
    expect(ideas[0]!.statusChangedBy).toBe(mod!.id);
    expect(rowsOf<{ n: number }>(await conn.db.execute(sql`select count(*)::int as n from follows where idea_id is not null`))[0]!.n).toBe(1);
    const [post] = await conn.db.select().from(schema.wallPosts);
    expect(post).toMatchObject({ body: "Hello wall", favouriteCount: 2 });

    const queries = await conn.db.select().from(schema.orgQueries).orderBy(schema.orgQueries.title);
    expect(queries.map((q) => [q.title, q.status])).toEqual([
      ["Leave?", "open"],
      ["Printer?", "resolved"],
      ["Wi-Fi?", "answered"],
    ]);
    const [accepted] = await conn.db.select().from(schema.queryAnswers).where(eq(schema.queryAnswers.id, queries[1]!.acceptedAnswerId!));
    expect(accepted!.body).toBe("Room 3");
  });

  it("refuses every reference problem by its path, and loads nothing", () => {
    const bad = {
      ...BASE,
      teams: BASE.teams,
      appModerators: { ideas: [E("ext"), E("nobody")] },
      ideas: [
        { title: "A", author: E("ext") },
        { title: "B", author: E("staff"), status: "declined", statusBy: E("staff") },
        { title: "C", author: E("staff"), statusNote: "Why?" },
        { title: "D", author: E("staff"), votes: [E("web"), E("WEB")] },
      ],
      wallPosts: [{ author: E("staff"), body: "x".repeat(501) }],
      queries: [
        { title: "Q", body: "?", asker: E("staff"), team: "quiet" },
        { title: "R", body: "?", asker: E("staff"), team: "desk", answers: [{ author: E("mod"), body: "a", accepted: true }, { author: E("mod"), body: "b", accepted: true }] },
      ],
    };
    const problems = problemsOf(bad);
    expect(problems.some((p) => p.startsWith("$.wallPosts[0].body"))).toBe(true);
    // Shape first: once the body is fixed, the references.
    const references = problemsOf({ ...bad, wallPosts: [] });
    expect(references).toEqual([
      expect.stringMatching(/^\$\.appModerators\.ideas\[0\]: is an external person/),
      expect.stringMatching(/^\$\.appModerators\.ideas\[1\]: names no person/),
      expect.stringMatching(/^\$\.ideas\[1\]\.statusBy: is neither a webmaster nor an Ideas moderator/),
      expect.stringMatching(/^\$\.ideas\[1\]\.statusNote: a declined idea says why/),
      expect.stringMatching(/^\$\.ideas\[2\]\.statusNote: only an idea whose status was set/),
      expect.stringMatching(/^\$\.ideas\[3\]\.votes\[1\]: lists person/),
      expect.stringMatching(/^\$\.queries\[1\]\.answers: at most one answer is accepted/),
    ]);
  });

  it("D3: loads what Portico can hold though nobody could write it today: an external's entries with the app's switch since turned off (E4 E5), a query to a team that stopped accepting them, a status whose setter is not known", async () => {
    const held = {
      ...BASE,
      settings: { externalAccess: { ideas: false, messageWall: false, queries: false } },
      ideas: [{ title: "Ramp", author: E("ext"), status: "planned", votes: [E("ext")], followers: [E("ext")] }],
      wallPosts: [{ author: E("ext"), body: "Hello from outside", favourites: [E("ext")] }],
      queries: [{ title: "Parking?", body: "Where?", asker: E("ext"), team: "quiet", answers: [{ author: E("mod"), body: "Round the back", accepted: true }] }],
    };
    expect(problemsOf(held)).toEqual([]);
    // Who set a status, when named, is still one who may set it.
    expect(problemsOf({ ...held, ideas: [{ ...held.ideas[0], statusBy: E("staff") }] })).toEqual([expect.stringMatching(/^\$\.ideas\[0\]\.statusBy: is neither a webmaster nor an Ideas moderator/)]);
    const fresh = await createTestDatabase();
    try {
      await loadOrganisation(fresh.db, parse(held), { baseDir: folder });
      const [ext] = await fresh.db.select().from(schema.people).where(eq(schema.people.email, E("ext")));
      const [idea] = await fresh.db.select().from(schema.ideas);
      expect(idea).toMatchObject({ authorId: ext!.id, status: "planned", statusChangedBy: null, voteCount: 1 });
      expect((await fresh.db.select().from(schema.wallPosts))[0]).toMatchObject({ authorId: ext!.id, favouriteCount: 1 });
      const [query] = await fresh.db.select().from(schema.orgQueries);
      expect(query).toMatchObject({ askerId: ext!.id, status: "resolved" });
    } finally {
      await fresh.close();
    }
  });

  it("a profile image that is not an image refuses the file by its path, and stores nothing", async () => {
    const fresh = await createTestDatabase();
    try {
      const org = parse({ ...BASE, people: BASE.people.map((p) => (p.email === E("web") ? { ...p, image: "not-an-image.png" } : p)) });
      const error = await loadOrganisation(fresh.db, org, { baseDir: folder }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrgFileRefusedError);
      expect((error as OrgFileRefusedError).problems.map((p) => p.path)).toEqual(["$.people[0].image"]);
      expect(await isDatabaseEmpty(fresh.db)).toBe(true);
      expect(rowsOf<{ n: number }>(await fresh.db.execute(sql`select count(*)::int as n from unclaimed_objects`))[0]!.n).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it("the demo organisation has believable profiles and apps: portraits, ideas in every status, wall posts, queries to two teams", () => {
    const demo = parse(JSON.parse(readFileSync(DEMO_ORG_FILE, "utf8")));
    expect(demo.people.filter((p) => p.image).length).toBeGreaterThan(25);
    expect(demo.people.filter((p) => p.jobTitle).length).toBeGreaterThan(30);
    expect(new Set((demo.ideas ?? []).map((i) => i.status))).toEqual(new Set(["new", "under_review", "planned", "done", "declined"]));
    expect((demo.wallPosts ?? []).length).toBeGreaterThanOrEqual(5);
    expect(new Set((demo.queries ?? []).map((q) => q.team)).size).toBe(2);
  });
});
