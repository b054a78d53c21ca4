/**
 * E4, E5: every picker applies one rule (lib/access/pickers.ts), whoever calls it. The
 * pickers are called as a browser calls them — the server actions, signed in as the
 * caller — with free text that matches staff, other partners' people and every team.
 *
 * An external person who manages a section (S7) and administers a team (P5) may use the
 * pickers, but finds people only by exact e-mail unless the Users switch is on, and only
 * the teams they may view (their own, or every team with the Teams switch on). Staff find
 * everyone. One row per picker, with the switches off and on.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import * as schema from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import type { OrgFile } from "@/lib/org-file/schema";
import { EXTERNAL_APPS } from "@/lib/settings/schemas";
import { type Harness, createHarness, expectUnchanged, signInAs } from "@/lib/testing/harness";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const sectionActions = await import("@/lib/sections/actions");
const { searchTeamCandidatesAction } = await import("@/lib/teams/actions");
const { setExternalAccessAction } = await import("@/lib/site-settings/actions");

const E = (local: string) => `${local}@pickers.test`;

const ORG = {
  teams: [
    { key: "partner-team", name: "Pickers partner team", parent: null },
    { key: "partner-sub", name: "Pickers partner sub-team", parent: "partner-team" },
    { key: "staff-team", name: "Pickers staff team", parent: null },
  ],
  people: [
    { email: E("web"), name: "Pickers Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("staff-mgr"), name: "Pickers Staff Manager", audience: "organisational" },
    { email: E("ext-mgr"), name: "Pickers External Manager", audience: "external", teams: ["partner-team"] },
    { email: E("colleague"), name: "Pickers Colleague", audience: "organisational", teams: ["staff-team"] },
    { email: E("other-partner"), name: "Pickers Other Partner", audience: "external", teams: ["partner-sub"] },
  ],
  sections: [
    {
      slug: "shared",
      title: "Shared",
      parent: null,
      restricted: true,
      roles: [
        { person: E("ext-mgr"), role: "manager" },
        { person: E("staff-mgr"), role: "manager" },
      ],
    },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let harness: Harness;
let conn: Connection;
let sectionId: number;
let teamIds: Map<string, number>;
const allOff = Object.fromEntries(EXTERNAL_APPS.map((a) => [a, false]));

beforeAll(async () => {
  harness = await createHarness(ORG);
  conn = harness.conn;
  sectionId = harness.ids.sections.get("shared")!;
  teamIds = harness.ids.teams;
  // The external manager administers the partner team (and so the team below it, P5).
  await conn.db.execute(
    sql`update team_members set is_admin = true where team_id = ${teamIds.get("partner-team")!} and person_id = (select id from people where email = ${E("ext-mgr")})`,
  );
});
afterAll(async () => harness?.close());

async function switches(on: { users?: boolean; teams?: boolean }) {
  await signInAs(E("web"));
  const result = await setExternalAccessAction({ ...allOff, ...on });
  expect(result.ok).toBe(true);
}

function data<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.data;
}

const emails = (people: { email: string }[]) => people.map((p) => p.email).sort();
const teamNames = (teams: { name: string }[]) => teams.map((t) => t.name).sort();

/** Every picker, called by `who` with free text ("Pickers") and with an exact e-mail. */
const PICKERS = {
  "section people picker (searchPeopleForSection)": async (query: string) =>
    emails(data(await sectionActions.searchPeopleForSection({ sectionId, query }))),
  "team page people picker (searchTeamCandidatesAction)": async (query: string) =>
    emails(await searchTeamCandidatesAction(teamIds.get("partner-team")!, query)),
};

const EVERYONE_ELSE = [E("colleague"), E("ext-mgr"), E("other-partner"), E("staff-mgr"), E("web")];

describe("E4 E5 people pickers: one rule for every caller", () => {
  beforeEach(() => switches({}));

  for (const [picker, call] of Object.entries(PICKERS)) {
    it(`E4 ${picker}: an external manager with the Users switch off finds nobody by free text, only an exact e-mail`, async () => {
      await signInAs(E("ext-mgr"));
      expect(await call("Pickers")).toEqual([]);
      expect(await call("pickers.test")).toEqual([]);
      expect(await call("colleague")).toEqual([]);
      expect(await call(E("colleague").toUpperCase())).toEqual([E("colleague")]);
      expect(await call(E("other-partner"))).toEqual([E("other-partner")]);
    });

    it(`E5 ${picker}: the Users switch opens the directory to the external manager`, async () => {
      await switches({ users: true });
      await signInAs(E("ext-mgr"));
      const found = await call("Pickers");
      expect(found).toContain(E("colleague"));
      expect(found).toContain(E("other-partner"));
    });
  }

  it("E4 the section people picker: staff managers search the directory whatever the switches", async () => {
    await signInAs(E("staff-mgr"));
    expect(await PICKERS["section people picker (searchPeopleForSection)"]("Pickers")).toEqual(EVERYONE_ELSE);
  });
});

describe("E4 E5 team pickers: one rule for every caller", () => {
  beforeEach(() => switches({}));

  const searchTeams = async (query: string) => teamNames(data(await sectionActions.searchTeamsForSection({ sectionId, query })));
  const reach = async (team: string, includeChildren = true) =>
    data(await sectionActions.teamReachForSection({ sectionId, teamId: teamIds.get(team)!, includeChildren }));

  it("E4 section team picker (searchTeamsForSection): with the Teams switch off an external manager finds only the teams they administer", async () => {
    await signInAs(E("ext-mgr"));
    expect(await searchTeams("Pickers")).toEqual(["Pickers partner sub-team", "Pickers partner team"]);
    expect(await searchTeams("staff")).toEqual([]);
  });

  it("E5 section team picker (searchTeamsForSection): the Teams switch opens every team", async () => {
    await switches({ teams: true });
    await signInAs(E("ext-mgr"));
    expect(await searchTeams("Pickers")).toEqual(["Pickers partner sub-team", "Pickers partner team", "Pickers staff team"]);
  });

  it("E4 team reach (teamReachForSection): nothing about a team the external manager may not pick, as for a missing team", async () => {
    await signInAs(E("ext-mgr"));
    expect(await reach("staff-team")).toBeNull();
    expect(await reach("partner-team")).toEqual({ members: 2, externalMembers: 2 });
    await switches({ teams: true });
    await signInAs(E("ext-mgr"));
    expect(await reach("staff-team")).toEqual({ members: 1, externalMembers: 0 });
  });

  it("E4 adding a team the external manager may not pick is refused like a missing team, nothing changes", async () => {
    await signInAs(E("ext-mgr"));
    await expectUnchanged([schema.sectionMemberTeams], async () => {
      const result = await sectionActions.addSectionTeam({ sectionId, teamId: teamIds.get("staff-team")!, includeChildren: false, acknowledgeExternal: true });
      expect(result).toMatchObject({ ok: false, fieldErrors: { teamId: "This team no longer exists. Search for it again." } });
    });
  });

  it("E4 staff managers find every team and count any team", async () => {
    await signInAs(E("staff-mgr"));
    expect(await searchTeams("Pickers")).toEqual(["Pickers partner sub-team", "Pickers partner team", "Pickers staff team"]);
    expect(await reach("staff-team", false)).toEqual({ members: 1, externalMembers: 0 });
  });
});
