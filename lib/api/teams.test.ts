/**
 * D2: GET /api/v1/teams and /api/v1/teams/{key} answer as the Teams page and a team's page
 * do, for the token's person (P5, E4, E5, S2): the same verdict for every person, switch
 * setting and team, the page functions' own teams, members and sections, and only what the
 * pages show (a member's id and photo only where the page links the name; only the sections
 * the caller may view, never a count of the others); refusals that say nothing of the team;
 * answers that agree with the OpenAPI document.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET: getTree } = await import("@/app/api/v1/teams/route");
const { GET: getTeamRoute } = await import("@/app/api/v1/teams/[key]/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { listTeamTree, getTeamPage } = await import("@/lib/teams/queries");

const E = (local: string) => `${local}@api-teams.test`;
const CALLERS = ["web", "staff", "nora", "ext", "extadmin"] as const;

const ORG = {
  teams: [
    { key: "ops", name: "Operations", parent: null },
    { key: "north", name: "North", parent: "ops" },
    { key: "north-depot", name: "North Depot", parent: "north" },
    // Three levels below a top: not in the tree (TEAM_TREE_DEPTH), but on its parent's page and its own.
    { key: "night-shift", name: "Night shift", parent: "north-depot" },
    { key: "south", name: "South", parent: "ops" },
    { key: "partners", name: "Partner agencies", parent: null },
  ],
  locations: [],
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("staff"), name: "Sam Staff", audience: "organisational", teams: ["ops"] },
    { email: E("nora"), name: "Nora North", audience: "organisational", teams: ["north"], teamAdmin: ["north"] },
    { email: E("ned"), name: "Ned Night", audience: "organisational", teams: ["night-shift"] },
    { email: E("ext"), name: "Xena Ext", audience: "external", teams: ["partners", "north"] },
    { email: E("extadmin"), name: "Xavi Admin", audience: "external", teams: ["partners"], teamAdmin: ["partners"] },
    { email: E("blocked"), name: "Blake Blocked", audience: "organisational", teams: ["north"], blocked: true },
  ],
  sections: [
    { slug: "north-restricted", title: "North restricted", parent: null, restricted: true, teams: [{ team: "north", includeChildren: false }] },
    { slug: "ops-all", title: "Ops with children", parent: null, restricted: true, teams: [{ team: "ops", includeChildren: true }] },
    { slug: "partners-hub", title: "Partners hub", parent: null, restricted: true, teams: [{ team: "partners", includeChildren: false }] },
    { slug: "open", title: "Open", parent: null, restricted: false },
  ],
  content: [],
  settings: { externalAccess: { teams: false, users: false } },
} satisfies Partial<OrgFile> & Record<string, unknown>;

const KEYS = [...ORG.teams.map((t) => t.key), "no-such-team"];
/** The switches the team pages depend on: Teams (which teams), Users (whose names link, E4). */
const SWITCHES = [
  { teams: false, users: false },
  { teams: true, users: false },
  { teams: true, users: true },
] as const;

let h: Harness;
const tokens = new Map<string, string>();
beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const p of CALLERS) tokens.set(p, (await makeToken(h.db, h.person(E(p)), { name: "Test", days: 7, scope: "read" })).token);
  // Nora has a profile image: it may be shown only beside a name the caller may open.
  await h.db.update(schema.people).set({ imageId: randomUUID() }).where(eq(schema.people.id, h.person(E("nora"))));
});
afterAll(async () => h?.close());

async function setSwitches(value: Record<string, boolean>) {
  await h.db.insert(schema.settings).values({ key: "externalAccess", value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } });
}

const tree = (who: string) => getTree(apiRequest("/teams", tokens.get(who)!));
const team = (who: string, key: string) => getTeamRoute(apiRequest(`/teams/${encodeURIComponent(key)}`, tokens.get(who)!), { params: Promise.resolve({ key: encodeURIComponent(key) }) });

interface ApiMember {
  id: string | null;
  name: string;
  image: string | null;
  [field: string]: unknown;
}

describe("D2: the team tree through the API is the Teams page's answer", () => {
  it("D2 P5 E4 E5: every person, with each switch setting, gets the page's verdict and on 200 its own teams, parents and member counts", async () => {
    const check = documentValidator(openApiDocument());
    for (const switches of SWITCHES) {
      await setSwitches(switches);
      for (const who of CALLERS) {
        const label = `${who} with ${JSON.stringify(switches)}`;
        const page = await listTeamTree(await viewerOf(E(who)));
        const response = await tree(who);
        // The page: null is forbidden() (403).
        expect(response.status, label).toBe(page ? 200 : 403);
        const body = await response.json();
        if (!page) {
          expect(check("Problem", body)).toEqual([]);
          for (const t of ORG.teams) expect(JSON.stringify(body)).not.toContain(t.name);
          continue;
        }
        expect(check("TeamTree", body), label).toEqual([]);
        expect(body.teams.map((t: { key: string }) => t.key), label).toEqual(page.map((t) => t.key));
        const listed = new Map(page.map((t) => [t.id, t.key]));
        for (const [i, node] of page.entries()) {
          // A team whose parent is not listed is a top as the caller sees it (<TeamTree>).
          expect(body.teams[i], label).toEqual({ key: node.key, name: node.name, memberCount: node.memberCount, parent: node.parentId !== null ? (listed.get(node.parentId) ?? null) : null });
        }
      }
    }
  });

  it("D2 P5 E5: the rules behind the verdicts — externals have the tree with the Teams switch, or the teams they administer; three levels from a top", async () => {
    await setSwitches({ teams: false, users: false });
    expect((await tree("ext")).status).toBe(403);
    // Xavi administers Partner agencies: he has the directory, with that team alone.
    expect((await (await tree("extadmin")).json()).teams).toEqual([{ key: "partners", name: "Partner agencies", parent: null, memberCount: 2 }]);
    const staff = (await (await tree("staff")).json()).teams as { key: string; parent: string | null }[];
    expect(staff.map((t) => t.key).sort()).toEqual(["north", "north-depot", "ops", "partners", "south"]);
    expect(staff.find((t) => t.key === "north-depot")!.parent).toBe("north");
    await setSwitches({ teams: true, users: false });
    expect((await (await tree("ext")).json()).teams.map((t: { key: string }) => t.key).sort()).toEqual(["north", "north-depot", "ops", "partners", "south"]);
  });
});

describe("D2: a team through the API is the team page's answer", () => {
  it("D2 P5 E4 E5 S2: every person × every team, with each switch setting, gets the page's verdict and on 200 its own members, teams and sections", async () => {
    const check = documentValidator(openApiDocument());
    for (const switches of SWITCHES) {
      await setSwitches(switches);
      for (const who of CALLERS) {
        const viewer = await viewerOf(E(who));
        for (const key of KEYS) {
          const label = `${who} on ${key} with ${JSON.stringify(switches)}`;
          const page = await getTeamPage(viewer, key);
          const response = await team(who, key);
          expect(response.status, label).toBe(page.status === "ok" ? 200 : page.status === "forbidden" ? 403 : 404);
          const body = await response.json();
          if (page.status !== "ok") {
            expect(check("Problem", body), label).toEqual([]);
            // Nothing of a team the caller may not see: not its name, not a member.
            const name = ORG.teams.find((t) => t.key === key)?.name;
            if (name) expect(JSON.stringify(body), label).not.toContain(name);
            expect(JSON.stringify(body), label).not.toMatch(/@api-teams\.test/);
            continue;
          }
          expect(check("Team", body), label).toEqual([]);
          const t = page.value;
          expect(body, label).toMatchObject({ key: t.key, name: t.name, memberCount: t.memberCount, canManage: t.canManage, breadcrumbs: t.breadcrumbs, children: t.children });
          expect(body.sections, label).toEqual(t.grantsSections);
          expect(body.members.map((m: ApiMember) => m.name), label).toEqual(t.members.map((m) => m.name));
          for (const [i, m] of t.members.entries()) {
            const answer = body.members[i] as ApiMember;
            // A name links (an id) only where the page links it; the photo only beside such a name (E4).
            expect(answer, `${label}: ${m.name}`).toEqual({ id: m.linked ? m.id : null, name: m.name, email: m.email, audience: m.audience, admin: m.isAdmin, image: answer.image });
            expect(answer.image !== null, `${label}: ${m.name}`).toBe(m.linked && m.imageId !== null);
          }
        }
      }
    }
  });

  it("D2 S2: a team names only the sections it gives access to that the caller may view, and never counts the others", async () => {
    await setSwitches({ teams: true, users: true });
    // North gives North restricted (itself) and Ops with children (Ops above it, with children).
    expect((await (await team("web", "north")).json()).sections.map((s: { slug: string }) => s.slug)).toEqual(["north-restricted", "ops-all"]);
    // Sam is in Ops, not North: he views Ops with children only, and the answer says nothing of the other.
    const asStaff = await (await team("staff", "north")).json();
    expect(asStaff.sections).toEqual([{ slug: "ops-all", title: "Ops with children" }]);
    expect(JSON.stringify(asStaff)).not.toContain("North restricted");
    // Xena is in North: an external member views both.
    expect((await (await team("ext", "north")).json()).sections.map((s: { slug: string }) => s.slug)).toEqual(["north-restricted", "ops-all"]);
  });

  it("D2 P5 E4 E5: who may open a team, and whose names link there", async () => {
    await setSwitches({ teams: false, users: false });
    expect((await team("ext", "north")).status).toBe(403);
    expect((await team("extadmin", "partners")).status).toBe(200);
    expect((await team("extadmin", "ops")).status).toBe(403);
    // Without the Users switch Xavi's own name links (his profile, E2), Xena's does not.
    const partners = (await (await team("extadmin", "partners")).json()).members as ApiMember[];
    expect(partners.map((m) => [m.name, m.id])).toEqual([
      ["Xavi Admin", h.person(E("extadmin"))],
      ["Xena Ext", null],
    ]);
    // Staff: every unblocked member links, with their photo; the blocked one is named without a link; webmasters link everyone.
    const north = (await (await team("staff", "north")).json()).members as ApiMember[];
    expect(north.map((m) => [m.name, m.id !== null, m.image !== null])).toEqual([
      ["Nora North", true, true],
      ["Blake Blocked", false, false],
      ["Xena Ext", true, false],
    ]);
    expect(((await (await team("web", "north")).json()).members as ApiMember[]).every((m) => m.id !== null)).toBe(true);
    await setSwitches({ teams: true, users: false });
    // With Teams but not Users, Xena sees North and its members' names, none linked but her own, and no photo.
    const asExt = (await (await team("ext", "north")).json()).members as ApiMember[];
    expect(asExt.map((m) => [m.name, m.id !== null, m.image !== null])).toEqual([
      ["Nora North", false, false],
      ["Blake Blocked", false, false],
      ["Xena Ext", true, false],
    ]);
    expect((await team("ext", "night-shift")).status).toBe(200);
  });

  it("D2: a key that cannot name a team, and no token, are clear refusals", async () => {
    await setSwitches({ teams: true, users: true });
    const nul = await getTeamRoute(apiRequest("/teams/%00", tokens.get("staff")!), { params: Promise.resolve({ key: "%00" }) });
    expect(nul.status).toBe(404);
    expect((await team("staff", "k".repeat(101))).status).toBe(404);
    expect((await team("staff", "no-such-team")).status).toBe(404);
    const malformed = await getTeamRoute(apiRequest("/teams/%E0%A4%A", tokens.get("staff")!), { params: Promise.resolve({ key: "%E0%A4%A" }) });
    expect(malformed.status).toBe(404);
    expect((await getTree(apiRequest("/teams", null))).status).toBe(401);
    expect((await getTeamRoute(apiRequest("/teams/ops", null), { params: Promise.resolve({ key: "ops" }) })).status).toBe(401);
  });
});
