/**
 * Team administration (P5) and who may see teams (E4, E5): the rules, each action called
 * directly by someone without the permission (refused, database unchanged), and team
 * membership read live by the section filters (S2).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, rowsOf } from "@/db/connect";
import { sections, settings, teamClosure, teamMembers, teams } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { loadViewer } from "@/lib/access/viewer";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "@/lib/testing/harness";
import type { Viewer } from "@/lib/access/types";


const { can } = await import("@/lib/access/policies");
const { canViewTeams } = await import("@/lib/access/teams");
const { isVisibleSectionId } = await import("@/lib/access/filters");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { getTeamPage, listTeamTree } = await import("./queries");
const actions = await import("./actions");

const D = "teams.test";
const e = (name: string) => `${name}@${D}`;
const org: OrgFile = {
  teams: [
    { key: "ops", name: "Operations", parent: null },
    { key: "north", name: "North", parent: "ops" },
    { key: "north-depot", name: "North Depot", parent: "north" },
    { key: "south", name: "South", parent: "ops" },
    { key: "partners", name: "Partners", parent: null },
  ],
  locations: [],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("top-admin"), name: "Tia Top", audience: "organisational", teams: ["ops"], teamAdmin: ["ops"] },
    { email: e("north-admin"), name: "Nora North", audience: "organisational", teams: ["north"], teamAdmin: ["north"] },
    { email: e("north-member"), name: "Ned North", audience: "organisational", teams: ["north"] },
    { email: e("outsider"), name: "Olga Outside", audience: "organisational" },
    { email: e("ext-admin"), name: "Xena Partner", audience: "external", teams: ["partners"], teamAdmin: ["partners"] },
    { email: e("ext-member"), name: "Xavi Partner", audience: "external", teams: ["partners"] },
    { email: e("ext-new"), name: "Yara Newcomer", audience: "external" },
    { email: e("blocked"), name: "Bea Blocked", audience: "organisational", blocked: true },
  ],
  sections: [
    { slug: "north-restricted", title: "North restricted", parent: null, restricted: true, teams: [{ team: "north", includeChildren: false }] },
    { slug: "ops-all", title: "Ops with children", parent: null, restricted: true, teams: [{ team: "ops", includeChildren: true }] },
    { slug: "partners-hub", title: "Partners hub", parent: null, restricted: true, teams: [{ team: "partners", includeChildren: false }] },
    { slug: "open", title: "Open", parent: null, restricted: false },
  ],
  content: [],
  groups: [],
  settings: { externalAccess: { teams: false, users: false } },
};

let harness: Harness;
let conn: Connection;
let team: Record<string, number> = {};
const personId = (name: string) => harness.person(e(name));
/** `name` as the real loadViewer reads them now. */
const viewer = (name: string) => viewerOf(e(name));

beforeAll(async () => {
  harness = await createHarness(org);
  conn = harness.conn;
  team = Object.fromEntries(harness.ids.teams);
});
afterAll(async () => harness?.close());

async function setSwitch(name: "teams" | "users", on: boolean) {
  await conn.db.execute(sql`update ${settings} set value = jsonb_set(value, ${`{${name}}`}::text[], ${on ? "true" : "false"}::jsonb) where key = 'externalAccess'`);
}

/** Everything a team action could change, to compare before and after a refused call. */
const TEAM_TABLES = [teamMembers, teams, teamClosure];

async function canViewSection(v: Viewer, slug: string): Promise<boolean> {
  const rows = rowsOf<{ ok: boolean }>(
    await conn.db.execute(sql`select (${isVisibleSectionId(v, sections.id)}) as ok from ${sections} where ${sections.slug} = ${slug}`),
  );
  return rows[0]?.ok === true;
}

const isMember = async (teamKey: string, who: string) =>
  (await conn.db.select().from(teamMembers).where(sql`${teamMembers.teamId} = ${team[teamKey]} and ${teamMembers.personId} = ${personId(who)}`)).length === 1;

describe("team.manage (P5): the team's admins, admins of a team above it, webmasters", () => {
  it.each([
    ["north-admin", ["north", "north-depot"], ["ops", "south", "partners"]],
    ["top-admin", ["ops", "north", "north-depot", "south"], ["partners"]],
    ["north-member", [], ["ops", "north", "north-depot", "south", "partners"]],
    ["outsider", [], ["ops", "north", "partners"]],
    ["ext-admin", ["partners"], ["ops", "north"]],
    ["ext-member", [], ["partners"]],
    ["web", ["ops", "north", "north-depot", "south", "partners"], []],
  ])("%s manages %j and not %j", async (who, yes, no) => {
    for (const key of yes) expect(await can((await viewer(who)), "team.manage", { kind: "team", id: team[key]! }), key).toBe(true);
    for (const key of no) expect(await can((await viewer(who)), "team.manage", { kind: "team", id: team[key]! }), key).toBe(false);
  });

  it("answers no for a team that does not exist", async () => {
    expect(await can((await viewer("web")), "team.manage", { kind: "team", id: 987654 })).toBe(false);
    expect(await can((await viewer("web")), "team.manage", { kind: "team", id: Number.NaN })).toBe(false);
  });
});

describe("who may see teams (E4, E5, P5)", () => {
  /** canViewTeams, after checking the viewer as loadViewer reads it (the header's Teams link) says the same. */
  async function mayOpenTeams(name: string): Promise<boolean> {
    const v = (await viewer(name));
    const answer = await canViewTeams(v);
    const loaded = await loadViewer(conn.db, { personId: v.id, signedInAt: Date.now() });
    expect(loaded?.canViewTeams, `loadViewer(${name}).canViewTeams`).toBe(answer);
    return answer;
  }

  it("organisational people and webmasters open the directory; external people only with the Teams switch or as a team admin", async () => {
    expect(await mayOpenTeams("outsider")).toBe(true);
    expect(await mayOpenTeams("web")).toBe(true);
    expect(await mayOpenTeams("ext-member")).toBe(false);
    expect(await mayOpenTeams("ext-new")).toBe(false);
    expect(await mayOpenTeams("ext-admin")).toBe(true);
    await setSwitch("teams", true);
    try {
      expect(await mayOpenTeams("ext-member")).toBe(true);
    } finally {
      await setSwitch("teams", false);
    }
  });

  it("an external team admin without the switch sees only the teams they administer", async () => {
    expect((await listTeamTree((await viewer("ext-admin"))))!.map((t) => t.key)).toEqual(["partners"]);
    expect((await getTeamPage((await viewer("ext-admin")), "partners")).status).toBe("ok");
    expect((await getTeamPage((await viewer("ext-admin")), "ops")).status).toBe("forbidden");
    expect(await listTeamTree((await viewer("ext-member")))).toBeNull();
    expect((await getTeamPage((await viewer("ext-member")), "partners")).status).toBe("forbidden");
  });

  it("with the Teams switch on, external people see every team like organisational people (E5)", async () => {
    await setSwitch("teams", true);
    try {
      expect((await listTeamTree((await viewer("ext-member"))))!.map((t) => t.key).sort()).toEqual(["north", "north-depot", "ops", "partners", "south"]);
      const page = await getTeamPage((await viewer("ext-member")), "north-depot");
      expect(page.status === "ok" && page.value.breadcrumbs.map((b) => b.key)).toEqual(["ops", "north"]);
      expect(page.status === "ok" && page.value.canManage).toBe(false);
    } finally {
      await setSwitch("teams", false);
    }
  });

  it("the tree has member counts; a team page has breadcrumbs, child teams and members (P5)", async () => {
    const tree = (await listTeamTree((await viewer("outsider"))))!;
    expect(tree.find((t) => t.key === "north")).toMatchObject({ memberCount: 2, parentId: team.ops });
    const page = await getTeamPage((await viewer("outsider")), "north");
    expect(page.status).toBe("ok");
    if (page.status !== "ok") return;
    expect(page.value.breadcrumbs).toEqual([{ key: "ops", name: "Operations" }]);
    expect(page.value.children).toEqual([{ key: "north-depot", name: "North Depot", memberCount: 0 }]);
    expect(page.value.members.map((m) => [m.name, m.isAdmin])).toEqual([
      ["Nora North", true],
      ["Ned North", false],
    ]);
    expect(page.value.canManage).toBe(false);
    expect(page.value.grantsSections).toEqual([]); // S2: both sections North grants are restricted, and Olga is in neither
    expect((await getTeamPage((await viewer("outsider")), "no-such-team")).status).toBe("not-found");
  });

  it("the review lists only sections the team grants that the acting person can view themselves (C3)", async () => {
    const asNorthAdmin = await getTeamPage((await viewer("north-admin")), "north");
    expect(asNorthAdmin.status === "ok" && asNorthAdmin.value.grantsSections.map((s) => s.slug)).toEqual(["north-restricted", "ops-all"]);
    // Tia administers Operations (so North) but is not in North: North restricted is hidden from her.
    const asTopAdmin = await getTeamPage((await viewer("top-admin")), "north");
    expect(asTopAdmin.status === "ok" && asTopAdmin.value.grantsSections.map((s) => s.slug)).toEqual(["ops-all"]);
  });
});

describe("actions: done by those who manage the team", () => {
  it("S2 live: adding someone to a team in a restricted section gives them the section at once; removing takes it away", async () => {
    // Read afresh for each check, as each request does: the grants follow membership at once (S2).
    const newcomer = () => viewer("ext-new");
    expect(await canViewSection(await newcomer(), "north-restricted")).toBe(false);
    await signInAs(e("north-admin"));
    // S8: external people need the confirmation given after the review.
    const unconfirmed = await actions.addTeamMembersAction({ teamId: team.north, personIds: [personId("ext-new")] });
    expect(unconfirmed).toMatchObject({ ok: false, fieldErrors: { confirmExternal: expect.stringMatching(/external/) } });
    expect(await isMember("north", "ext-new")).toBe(false);

    expect(await actions.addTeamMembersAction({ teamId: team.north, personIds: [personId("ext-new")], confirmExternal: true })).toEqual({ ok: true, data: { added: 1 } });
    expect(await canViewSection(await newcomer(), "north-restricted")).toBe(true);
    expect(await canViewSection(await newcomer(), "ops-all")).toBe(true); // Operations was added with children
    expect(await canViewSection(await newcomer(), "partners-hub")).toBe(false);

    expect(await actions.removeTeamMemberAction({ teamId: team.north, personId: personId("ext-new") })).toEqual({ ok: true, data: null });
    expect(await canViewSection(await newcomer(), "north-restricted")).toBe(false);
    expect(await canViewSection(await newcomer(), "ops-all")).toBe(false);
  });

  it("an external team admin adds and removes members of their team (P5)", async () => {
    await signInAs(e("ext-admin"));
    const r = await actions.addTeamMembersAction({ teamId: team.partners, personIds: [personId("outsider"), personId("ext-new")], confirmExternal: true });
    expect(r).toEqual({ ok: true, data: { added: 2 } });
    expect(await canViewSection((await viewer("outsider")), "partners-hub")).toBe(true);
    for (const who of ["outsider", "ext-new"]) {
      expect(await actions.removeTeamMemberAction({ teamId: team.partners, personId: personId(who) })).toMatchObject({ ok: true });
    }
    expect(await canViewSection((await viewer("outsider")), "partners-hub")).toBe(false);
  });

  it("never adds a blocked person, and adding someone twice changes nothing", async () => {
    await signInAs(e("north-admin"));
    await expectUnchanged(TEAM_TABLES, async () => {
      expect(await actions.addTeamMembersAction({ teamId: team.north, personIds: [personId("blocked")] })).toMatchObject({ ok: false, fieldErrors: { personIds: expect.any(String) } });
      expect(await actions.addTeamMembersAction({ teamId: team.north, personIds: [personId("north-member")] })).toEqual({ ok: true, data: { added: 0 } });
    });
  });

  it("makes and removes admins; the last admin stays unless a webmaster acts", async () => {
    await signInAs(e("north-admin"));
    const last = await actions.removeTeamMemberAction({ teamId: team.north, personId: personId("north-admin") });
    expect(last).toMatchObject({ ok: false, formError: expect.stringMatching(/only administrator/) });
    expect(await actions.setTeamAdminAction({ teamId: team.north, personId: personId("north-admin"), isAdmin: false })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/only administrator/),
    });
    expect(await actions.setTeamAdminAction({ teamId: team.north, personId: personId("north-member"), isAdmin: true })).toMatchObject({ ok: true });
    expect(await can((await viewer("north-member")), "team.manage", { kind: "team", id: team.north! })).toBe(true);
    expect(await actions.setTeamAdminAction({ teamId: team.north, personId: personId("north-member"), isAdmin: false })).toMatchObject({ ok: true });
    expect(await can((await viewer("north-member")), "team.manage", { kind: "team", id: team.north! })).toBe(false);

    await signInAs(e("web"));
    expect(await actions.setTeamAdminAction({ teamId: team.north, personId: personId("north-admin"), isAdmin: false })).toMatchObject({ ok: true });
    expect(await actions.setTeamAdminAction({ teamId: team.north, personId: personId("north-admin"), isAdmin: true })).toMatchObject({ ok: true });
  });

  it("renames a team (the key stays) and refuses an empty name with a message beside the field (Q3)", async () => {
    await signInAs(e("top-admin"));
    expect(await actions.renameTeamAction({ teamId: team.south, name: "   " })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(await actions.renameTeamAction({ teamId: team.south, name: "South & Coast" })).toMatchObject({ ok: true });
    const [row] = await conn.db.select().from(teams).where(eq(teams.id, team.south!));
    expect(row).toMatchObject({ key: "south", name: "South & Coast" });
  });

  it("creates child teams with a unique key from the name, in the tree, managed by the parent's admins", async () => {
    await signInAs(e("north-admin"));
    const made = await actions.createChildTeamAction({ parentId: team["north-depot"], name: "Gritting Crew" });
    expect(made).toMatchObject({ ok: true, data: { key: "gritting-crew" } });
    const again = await actions.createChildTeamAction({ parentId: team["north-depot"], name: "gritting crew" });
    expect(again).toMatchObject({ ok: false, fieldErrors: { name: expect.stringMatching(/already has a team/) } });
    const elsewhere = await actions.createChildTeamAction({ parentId: team.north, name: "Gritting crew" });
    expect(elsewhere).toMatchObject({ ok: true, data: { key: "gritting-crew-2" } });
    const id = made.ok ? made.data.id : -1;
    const ancestors = await conn.db.select({ a: teamClosure.ancestorId, d: teamClosure.depth }).from(teamClosure).where(eq(teamClosure.descendantId, id));
    expect(ancestors.sort((x, y) => x.d - y.d)).toEqual([
      { a: id, d: 0 },
      { a: team["north-depot"], d: 1 },
      { a: team.north, d: 2 },
      { a: team.ops, d: 3 },
    ]);
    expect(await can((await viewer("north-admin")), "team.manage", { kind: "team", id })).toBe(true);
    expect(await can((await viewer("north-member")), "team.manage", { kind: "team", id })).toBe(false);
  });

  it("the picker's search is for those who manage the team, leaves out its members, and gives external admins exact e-mails only (E4)", async () => {
    await signInAs(e("north-admin"));
    const found = await actions.searchTeamCandidatesAction(team.north!, "north");
    expect(found.map((p) => p.name)).toEqual([]); // Nora and Ned are members already
    expect((await actions.searchTeamCandidatesAction(team.north!, "partner")).map((p) => p.name)).toEqual(["Xavi Partner", "Xena Partner"]);

    await signInAs(e("north-member"));
    await expect(actions.searchTeamCandidatesAction(team.north!, "partner")).rejects.toThrow(/permission/);

    await signInAs(e("ext-admin"));
    expect(await actions.searchTeamCandidatesAction(team.partners!, "olga")).toEqual([]);
    expect((await actions.searchTeamCandidatesAction(team.partners!, e("outsider").toUpperCase())).map((p) => p.name)).toEqual(["Olga Outside"]);
    await setSwitch("users", true);
    try {
      expect((await actions.searchTeamCandidatesAction(team.partners!, "olga")).map((p) => p.name)).toEqual(["Olga Outside"]);
    } finally {
      await setSwitch("users", false);
    }
  });
});

describe("actions called directly without the permission: refused, nothing changed (P5)", () => {
  const calls = () =>
    [
      ["team.members.add", () => actions.addTeamMembersAction({ teamId: team.ops, personIds: [personId("outsider")], confirmExternal: true })],
      ["team.members.remove", () => actions.removeTeamMemberAction({ teamId: team.ops, personId: personId("top-admin") })],
      ["team.admins.set", () => actions.setTeamAdminAction({ teamId: team.ops, personId: personId("top-admin"), isAdmin: false })],
      ["team.rename", () => actions.renameTeamAction({ teamId: team.ops, name: "Taken over" })],
      ["team.create", () => actions.createChildTeamAction({ parentId: team.ops, name: "Sneaky" })],
    ] as const;

  it.each(["north-admin", "north-member", "outsider", "ext-admin", "ext-member"])("%s cannot change Operations", async (who) => {
    await signInAs(e(who));
    await expectUnchanged(TEAM_TABLES, async () => {
      for (const [name, call] of calls()) {
        expect(await call(), name).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      }
    });
  });

  it("an admin of one team cannot reach another team through a team id of their own choosing", async () => {
    await signInAs(e("ext-admin"));
    await expectUnchanged(TEAM_TABLES, async () => {
      expect(await actions.addTeamMembersAction({ teamId: team.north, personIds: [personId("ext-admin")], confirmExternal: true })).toEqual({
        ok: false,
        formError: REFUSED_MESSAGE,
      });
      expect(await actions.setTeamAdminAction({ teamId: team.north, personId: personId("north-member"), isAdmin: true })).toEqual({
        ok: false,
        formError: REFUSED_MESSAGE,
      });
    });
  });

  it("a signed-out caller gets nothing", async () => {
    signOut();
    await expectUnchanged(TEAM_TABLES, async () => {
      for (const [, call] of calls()) expect((await call()).ok).toBe(false);
      await expect(actions.searchTeamCandidatesAction(team.ops!, "north")).rejects.toThrow();
    });
  });
});
