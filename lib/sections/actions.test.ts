/**
 * Section management server actions (S1–S8, C5), called as a browser would call them:
 * through defineAction, with the viewer re-read from the database on every call (the
 * real loadViewer, so a blocked person is no viewer at all). Expectations are written
 * from the rules (docs/RULES.md, S1–S8 and C5), not read from the code.
 *
 * Every refused call must answer the refusal AND leave the section tables exactly as
 * they were (the audit log gains only the ".refused" row, M8).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { type Connection, rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { visibleSections } from "@/lib/access/filters";
import { can } from "@/lib/access/policies";
import type { ActionResult } from "@/lib/action-result";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf as loadedViewerOf } from "@/lib/testing/harness";

// Another piece of work adds searchPeople; this file tests only the permission check around it.
const searchPeople = vi.hoisted(() => vi.fn(async () => [] as unknown[]));
vi.mock("@/lib/people/search", () => ({ searchPeople }));

const actions = await import("./actions");
const { REFUSED_MESSAGE, SIGNED_OUT_MESSAGE } = await import("@/lib/actions");
const { getSection, getSectionManagement } = await import("./queries");
const { S8_MESSAGE } = await import("./schemas");

// ─────────────────────────────────────────────────────────────────────────────────────
// The organisation
// ─────────────────────────────────────────────────────────────────────────────────────

const E = (local: string) => `${local}@sections.test`;

/**
 * top (open) ─┬─ target (RESTRICTED) ── below ── deep
 *             └─ sibling ── sibling-child
 * other (open), locked (RESTRICTED)
 */
const ORG = {
  teams: [
    { key: "parents", name: "Parents team", parent: null },
    { key: "children", name: "Children team", parent: "parents" },
    { key: "partners", name: "Partners team", parent: null },
    { key: "plain", name: "Plain team", parent: null },
    { key: "existing", name: "Existing team", parent: null },
  ],
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("anc-mgr"), name: "Anna Ancestor-Manager", audience: "organisational" },
    { email: E("mgr"), name: "Mo Manager", audience: "organisational" },
    { email: E("editor"), name: "Ed Editor", audience: "organisational" },
    { email: E("author"), name: "Aud Author", audience: "organisational" },
    { email: E("member"), name: "Mel Member", audience: "organisational" },
    { email: E("ext-member"), name: "Xena External-Member", audience: "external" },
    { email: E("nobody"), name: "Nick Nobody", audience: "organisational" },
    { email: E("outsider"), name: "Otto Outsider", audience: "external" },
    { email: E("sib-mgr"), name: "Sib Sibling-Manager", audience: "organisational" },
    { email: E("blocked"), name: "Bo Blocked", audience: "organisational", blocked: true },
    { email: E("parent-person"), name: "Pat Parent", audience: "organisational", teams: ["parents"] },
    { email: E("child-person"), name: "Chris Child", audience: "organisational", teams: ["children"] },
    { email: E("child-ext"), name: "Cat Child-External", audience: "external", teams: ["children"] },
    { email: E("partner-ext"), name: "Pia Partner-External", audience: "external", teams: ["partners"] },
    { email: E("plain-person"), name: "Paul Plain", audience: "organisational", teams: ["plain"] },
    { email: E("existing-person"), name: "Eve Existing", audience: "organisational", teams: ["existing"] },
  ],
  sections: [
    { slug: "top", title: "Top", parent: null, restricted: false, roles: [{ person: E("anc-mgr"), role: "manager" }] },
    {
      slug: "target",
      title: "Target",
      description: "The section under management",
      parent: "top",
      restricted: true,
      members: [E("member"), E("ext-member")],
      teams: [{ team: "existing", includeChildren: false }],
      roles: [
        { person: E("mgr"), role: "manager" },
        { person: E("editor"), role: "editor" },
        { person: E("author"), role: "author" },
        // A manager who is blocked: the role does not help a person who is no viewer.
        { person: E("blocked"), role: "manager" },
      ],
    },
    { slug: "below", title: "Below", parent: "target", restricted: false },
    { slug: "deep", title: "Deep", parent: "below", restricted: false },
    { slug: "sibling", title: "Sibling", parent: "top", restricted: false, roles: [{ person: E("sib-mgr"), role: "manager" }] },
    { slug: "sibling-child", title: "Sibling child", parent: "sibling", restricted: false },
    { slug: "other", title: "Other", parent: null, restricted: false },
    { slug: "locked", title: "Locked", parent: null, restricted: true },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let harness: Harness;
let conn: Connection;
let personIds = new Map<string, string>();
let sectionIds = new Map<string, number>();
let teamIds = new Map<string, number>();

const person = (local: string) => {
  const id = personIds.get(E(local));
  if (!id) throw new Error(`no person ${local}`);
  return id;
};
const sectionId = (slug: string) => {
  const id = sectionIds.get(slug);
  if (id === undefined) throw new Error(`no section ${slug}`);
  return id;
};
const teamId = (key: string) => {
  const id = teamIds.get(key);
  if (id === undefined) throw new Error(`no team ${key}`);
  return id;
};

/** Replaces whatever is in the database with ORG (identities restart, audit log emptied). */
async function resetOrg() {
  await harness.load(ORG, { reset: true });
  await conn.db.execute(sql`delete from audit_events`);
  ({ people: personIds, sections: sectionIds, teams: teamIds } = harness.ids);
}

beforeAll(async () => {
  harness = await createHarness();
  conn = harness.conn;
});
afterAll(async () => harness?.close());

/** Signs `local` in for the next calls (null: signed out); a blocked person gets no viewer. */
async function as(local: string | null) {
  if (local === null) signOut();
  else await signInAs(E(local));
}

/** The viewer for reads (lib/sections/queries), as the real loadViewer reads it now. */
const viewerOf = (local: string) => loadedViewerOf(E(local));

/** Every table a section action may change (the audit log is checked on its own). */
const SECTION_TABLES = [
  schema.sections,
  schema.sectionClosure,
  schema.sectionMemberPeople,
  schema.sectionMemberTeams,
  schema.sectionRoles,
  schema.sectionSlugRedirects,
];

async function rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await conn.db.execute(query));
}

/** Everything a section action may change, in a stable order. */
async function snapshot() {
  return {
    sections: await rows(sql`select * from sections order by id`),
    closure: await rows(sql`select * from section_closure order by ancestor_id, descendant_id`),
    memberPeople: await rows(sql`select * from section_member_people order by section_id, person_id`),
    memberTeams: await rows(sql`select * from section_member_teams order by section_id, team_id`),
    roles: await rows(sql`select * from section_roles order by section_id, person_id, role`),
    redirects: await rows(sql`select * from section_slug_redirects order by old_slug`),
  };
}

async function auditActions(): Promise<string[]> {
  return (await rows<{ action: string }>(sql`select action from audit_events order by id`)).map((r) => r.action);
}

/** The slugs of every section `local` can view, through the listings' own predicate. */
async function visibleSlugs(local: string): Promise<string[]> {
  const db = await getDb();
  const list = await db.select({ slug: schema.sections.slug }).from(schema.sections).where(visibleSections(await viewerOf(local)));
  return list.map((s) => s.slug).sort();
}

async function canView(local: string, slug: string): Promise<boolean> {
  return (await getSection(await viewerOf(local), slug)).status === "ok";
}

function expectOk<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.data;
}

function expectFieldError(result: ActionResult<unknown>, field: string): string {
  expect(result.ok).toBe(false);
  const message = !result.ok ? result.fieldErrors?.[field] : undefined;
  expect(message, `field error on ${field} in ${JSON.stringify(result)}`).toEqual(expect.any(String));
  return message!;
}

async function rolesOf(slug: string, local: string): Promise<string[]> {
  const list = await rows<{ role: string }>(
    sql`select role::text as role from section_roles where section_id = ${sectionId(slug)} and person_id = ${person(local)} order by role`,
  );
  return list.map((r) => r.role);
}

async function isDirectMember(slug: string, local: string): Promise<boolean> {
  const list = await rows(sql`select 1 from section_member_people where section_id = ${sectionId(slug)} and person_id = ${person(local)}`);
  return list.length === 1;
}

async function sectionRow(slug: string) {
  const [row] = await conn.db.select().from(schema.sections).where(eq(schema.sections.slug, slug));
  return row;
}

// ─────────────────────────────────────────────────────────────────────────────────────
// Who may call each action (S4, S7) — exhaustive, table-driven
// ─────────────────────────────────────────────────────────────────────────────────────

type Caller = "web" | "anc-mgr" | "mgr" | "editor" | "author" | "member" | "nobody" | "ext-member" | "outsider" | "sib-mgr" | "signed-out" | "blocked";

const CALLER_LABEL: Record<Caller, string> = {
  web: "a webmaster (S4)",
  "anc-mgr": "a manager of an ancestor (S7 cascade)",
  mgr: "a manager of the section (S7)",
  editor: "an editor of the section",
  author: "an author of the section",
  member: "a plain member",
  nobody: "an organisational person with no ties",
  "ext-member": "an external member",
  outsider: "an external person with no ties",
  "sib-mgr": "a manager of a sibling section",
  "signed-out": "a signed-out caller",
  blocked: "a blocked person (no viewer, though they hold the manager role)",
};

const ALL_CALLERS = Object.keys(CALLER_LABEL) as Caller[];
const MANAGERS: Caller[] = ["web", "anc-mgr", "mgr"];
const WEBMASTER: Caller[] = ["web"];

interface ActionCase {
  name: string;
  /** The audit log's name for a write; null for reads (no audit row). */
  audit: string | null;
  call: (raw: unknown) => Promise<ActionResult<unknown>>;
  input: () => unknown;
  allowed: Caller[];
}

const ACTION_CASES: ActionCase[] = [
  {
    name: "addSectionMembers",
    audit: "section.members.add",
    call: actions.addSectionMembers,
    input: () => ({ sectionId: sectionId("target"), personIds: [person("nobody"), person("outsider")], acknowledgeExternal: true }),
    allowed: MANAGERS,
  },
  {
    name: "removeSectionMembers",
    audit: "section.members.remove",
    call: actions.removeSectionMembers,
    input: () => ({ sectionId: sectionId("target"), personIds: [person("member")] }),
    allowed: MANAGERS,
  },
  {
    name: "addSectionTeam",
    audit: "section.teams.add",
    call: actions.addSectionTeam,
    input: () => ({ sectionId: sectionId("target"), teamId: teamId("parents"), includeChildren: true, acknowledgeExternal: true }),
    allowed: MANAGERS,
  },
  {
    name: "removeSectionTeams",
    audit: "section.teams.remove",
    call: actions.removeSectionTeams,
    input: () => ({ sectionId: sectionId("target"), teamIds: [teamId("existing")] }),
    allowed: MANAGERS,
  },
  {
    name: "changeSectionRoles (add)",
    audit: "section.roles.change",
    call: actions.changeSectionRoles,
    input: () => ({ sectionId: sectionId("target"), personIds: [person("member")], roles: ["manager"], change: "add" }),
    allowed: MANAGERS,
  },
  {
    name: "changeSectionRoles (remove)",
    audit: "section.roles.change",
    call: actions.changeSectionRoles,
    input: () => ({ sectionId: sectionId("target"), personIds: [person("mgr")], roles: ["manager"], change: "remove" }),
    allowed: MANAGERS,
  },
  {
    name: "setSectionRestricted (open, confirmed)",
    audit: "section.restricted.set",
    call: actions.setSectionRestricted,
    input: () => ({ sectionId: sectionId("target"), restricted: false, confirmed: true }),
    allowed: MANAGERS,
  },
  {
    name: "updateSectionDetails",
    audit: "section.details.update",
    call: actions.updateSectionDetails,
    input: () => ({ sectionId: sectionId("target"), title: "Renamed", description: "New words", slug: "renamed" }),
    allowed: MANAGERS,
  },
  {
    name: "createSection (child: manager of the parent)",
    audit: "section.create",
    call: actions.createSection,
    input: () => ({ parentId: sectionId("target"), title: "New child", description: "", slug: "new-child", restricted: false }),
    allowed: MANAGERS,
  },
  {
    name: "createSection (top level: webmaster only)",
    audit: "section.create",
    call: actions.createSection,
    input: () => ({ parentId: null, title: "New top", description: "", slug: "new-top", restricted: false }),
    allowed: WEBMASTER,
  },
  {
    name: "moveSection (webmaster only)",
    audit: "section.move",
    call: actions.moveSection,
    input: () => ({ sectionId: sectionId("target"), newParentId: sectionId("other") }),
    allowed: WEBMASTER,
  },
  {
    name: "searchTeamsForSection",
    audit: null,
    call: actions.searchTeamsForSection,
    input: () => ({ sectionId: sectionId("target"), query: "team" }),
    allowed: MANAGERS,
  },
  {
    name: "teamReachForSection",
    audit: null,
    call: actions.teamReachForSection,
    input: () => ({ sectionId: sectionId("target"), teamId: teamId("parents"), includeChildren: true }),
    allowed: MANAGERS,
  },
  {
    name: "previewAddMembersImpact (B4)",
    audit: null,
    call: actions.previewAddMembersImpact,
    input: () => ({ sectionId: sectionId("target"), personIds: [person("nobody"), person("outsider")] }),
    allowed: MANAGERS,
  },
  {
    name: "previewRemoveMembersImpact (B4)",
    audit: null,
    call: actions.previewRemoveMembersImpact,
    input: () => ({ sectionId: sectionId("target"), personIds: [person("member")] }),
    allowed: MANAGERS,
  },
  {
    name: "previewRemoveTeamsImpact (B4)",
    audit: null,
    call: actions.previewRemoveTeamsImpact,
    input: () => ({ sectionId: sectionId("target"), teamIds: [teamId("existing")] }),
    allowed: MANAGERS,
  },
  {
    name: "previewAddTeamImpact (B4)",
    audit: null,
    call: actions.previewAddTeamImpact,
    input: () => ({ sectionId: sectionId("target"), teamId: teamId("parents"), includeChildren: true }),
    allowed: MANAGERS,
  },
  {
    name: "previewRestrictedImpact (B4)",
    audit: null,
    call: actions.previewRestrictedImpact,
    input: () => ({ sectionId: sectionId("target"), restricted: false }),
    allowed: MANAGERS,
  },
  {
    name: "previewMoveImpact (B4, webmaster only)",
    audit: null,
    call: actions.previewMoveImpact,
    input: () => ({ sectionId: sectionId("target"), newParentId: sectionId("other") }),
    allowed: WEBMASTER,
  },
  {
    name: "searchMoveTargetsForSection (webmaster only)",
    audit: null,
    call: actions.searchMoveTargetsForSection,
    input: () => ({ sectionId: sectionId("target"), query: "ot" }),
    allowed: WEBMASTER,
  },
  {
    name: "searchPeopleForSection (permission only)",
    audit: null,
    call: actions.searchPeopleForSection,
    input: () => ({ sectionId: sectionId("target"), query: "pe" }),
    allowed: MANAGERS,
  },
];

describe("who may call each section action (S4, S7): refused calls change nothing", () => {
  beforeAll(resetOrg);

  for (const action of ACTION_CASES) {
    for (const caller of ALL_CALLERS.filter((c) => !action.allowed.includes(c))) {
      const rule = caller === "signed-out" || caller === "blocked" ? "P3" : "S7";
      it(`${rule} ${action.name}: refused for ${CALLER_LABEL[caller]}, nothing changes`, async () => {
        const auditBefore = await auditActions();
        searchPeople.mockClear();
        await as(caller === "signed-out" ? null : caller);

        const result = await expectUnchanged(SECTION_TABLES, () => action.call(action.input()));

        const viewerless = caller === "signed-out" || caller === "blocked";
        expect(result).toEqual({ ok: false, formError: viewerless ? SIGNED_OUT_MESSAGE : REFUSED_MESSAGE });
        const auditAfter = await auditActions();
        expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
        expect(auditAfter.slice(auditBefore.length)).toEqual(!viewerless && action.audit ? [`${action.audit}.refused`] : []);
        expect(searchPeople).not.toHaveBeenCalled();
      });
    }
  }
});

describe("who may call each section action (S4, S7): allowed calls succeed", () => {
  beforeEach(resetOrg);

  for (const action of ACTION_CASES) {
    for (const caller of action.allowed) {
      it(`S7 ${action.name}: allowed for ${CALLER_LABEL[caller]}`, async () => {
        const before = await snapshot();
        await as(caller);
        const result = await action.call(action.input());
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
        if (action.audit) {
          // The same input that was refused above does change something when allowed,
          // so the refusals are not vacuous; and the change is audited (M8).
          expect(await snapshot()).not.toEqual(before);
          expect(await auditActions()).toEqual([action.audit]);
        } else {
          expect(await snapshot()).toEqual(before);
          expect(await auditActions()).toEqual([]);
        }
      });
    }
  }

  it("covers every exported action", () => {
    const exported = Object.entries(actions)
      .filter(([, v]) => typeof v === "function")
      .map(([k]) => k)
      .sort();
    const covered = [...new Set(ACTION_CASES.map((c) => c.call))];
    expect(covered.length).toBe(exported.length);
    for (const name of exported) expect(covered).toContain((actions as Record<string, unknown>)[name]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// S8: adding external people needs an explicit acknowledgement
// ─────────────────────────────────────────────────────────────────────────────────────

describe("S8 acknowledgement when adding external people", () => {
  beforeEach(async () => {
    await resetOrg();
    await as("mgr");
  });

  it("S8 an external person without acknowledgeExternal: field error naming the consequence, nobody added", async () => {
    await expectUnchanged(SECTION_TABLES, async () => {
      const result = await actions.addSectionMembers({
        sectionId: sectionId("target"),
        personIds: [person("nobody"), person("outsider")],
        acknowledgeExternal: false,
      });
      const message = expectFieldError(result, "acknowledgeExternal");
      expect(message).toContain(S8_MESSAGE);
    });
    expect(await canView("outsider", "target")).toBe(false);
  });

  it("S8 S6 S3 an external person with acknowledgeExternal: added, and can view the section and everything below", async () => {
    const data = expectOk(
      await actions.addSectionMembers({ sectionId: sectionId("target"), personIds: [person("outsider")], acknowledgeExternal: true }),
    );
    expect(data).toMatchObject({ added: 1, externals: 1 });
    // M8: the acknowledgement is on record with the change.
    const [event] = await rows<{ action: string; target_id: string; details: Record<string, unknown> }>(
      sql`select action, target_id, details from audit_events`,
    );
    expect(event).toMatchObject({ action: "section.members.add", target_id: String(sectionId("target")) });
    expect(event!.details).toMatchObject({ personIds: [person("outsider")], externals: 1, acknowledgedS8: true });
    expect(await isDirectMember("target", "outsider")).toBe(true);
    expect(await visibleSlugs("outsider")).toEqual(["below", "deep", "target"]);
  });

  it("S8 organisational people need no acknowledgement", async () => {
    expectOk(await actions.addSectionMembers({ sectionId: sectionId("target"), personIds: [person("nobody")], acknowledgeExternal: false }));
    expect(await isDirectMember("target", "nobody")).toBe(true);
  });

  it("S8 a team with an external member needs the acknowledgement", async () => {
    const input = { sectionId: sectionId("target"), teamId: teamId("partners"), includeChildren: false };
    await expectUnchanged(SECTION_TABLES, async () => {
      expect(expectFieldError(await actions.addSectionTeam({ ...input, acknowledgeExternal: false }), "acknowledgeExternal")).toContain(S8_MESSAGE);
    });
    expect(await canView("partner-ext", "target")).toBe(false);
    expectOk(await actions.addSectionTeam({ ...input, acknowledgeExternal: true }));
    expect(await canView("partner-ext", "target")).toBe(true);
  });

  it("S8 S2 a team whose external person is only in a child team: acknowledgement needed with children", async () => {
    const input = { sectionId: sectionId("target"), teamId: teamId("parents"), includeChildren: true };
    await expectUnchanged(SECTION_TABLES, async () => {
      expect(await actions.teamReachForSection(input)).toEqual({ ok: true, data: { members: 3, externalMembers: 1 } });
      expectFieldError(await actions.addSectionTeam({ ...input, acknowledgeExternal: false }), "acknowledgeExternal");
    });
    expectOk(await actions.addSectionTeam({ ...input, acknowledgeExternal: true }));
    expect(await canView("child-ext", "target")).toBe(true);
  });

  it("S8 S2 the same team without children needs no acknowledgement and grants no child-team member", async () => {
    const input = { sectionId: sectionId("target"), teamId: teamId("parents"), includeChildren: false };
    expect(await actions.teamReachForSection(input)).toEqual({ ok: true, data: { members: 1, externalMembers: 0 } });
    expectOk(await actions.addSectionTeam({ ...input, acknowledgeExternal: false }));
    expect(await canView("parent-person", "target")).toBe(true);
    expect(await canView("child-ext", "target")).toBe(false);
    expect(await canView("child-person", "target")).toBe(false);
  });

  it("S2 adding a team that is already there is refused with a field error", async () => {
    await expectUnchanged(SECTION_TABLES, async () => {
      const result = await actions.addSectionTeam({ sectionId: sectionId("target"), teamId: teamId("existing"), includeChildren: true, acknowledgeExternal: true });
      expectFieldError(result, "teamId");
    });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// S2, S3: membership is live
// ─────────────────────────────────────────────────────────────────────────────────────

describe("S2 S3 membership through the actions is live", () => {
  beforeEach(async () => {
    await resetOrg();
    await as("mgr");
  });

  it("S2 S3 a team added with children: a child team's member views the restricted section and below, and loses it when the team is removed", async () => {
    expect(await canView("child-person", "target")).toBe(false);
    expectOk(await actions.addSectionTeam({ sectionId: sectionId("target"), teamId: teamId("parents"), includeChildren: true, acknowledgeExternal: true }));
    expect(await canView("child-person", "target")).toBe(true);
    expect(await visibleSlugs("child-person")).toEqual(expect.arrayContaining(["target", "below", "deep"]));

    // Read live (S2): joining the child team grants at once, leaving takes it away.
    expect(await canView("nobody", "target")).toBe(false);
    await conn.db.insert(schema.teamMembers).values({ teamId: teamId("children"), personId: person("nobody") });
    expect(await canView("nobody", "target")).toBe(true);
    await conn.db.delete(schema.teamMembers).where(eq(schema.teamMembers.personId, person("nobody")));
    expect(await canView("nobody", "target")).toBe(false);

    expectOk(await actions.removeSectionTeams({ sectionId: sectionId("target"), teamIds: [teamId("parents")] }));
    expect(await canView("child-person", "target")).toBe(false);
    expect(await visibleSlugs("child-person")).not.toEqual(expect.arrayContaining(["target"]));
    expect(await canView("child-person", "below")).toBe(false);
  });

  it("S2 S3 a person added directly views the section and every section below, and loses them when removed", async () => {
    const open = await visibleSlugs("nobody");
    expect(open).not.toContain("target");
    expectOk(await actions.addSectionMembers({ sectionId: sectionId("target"), personIds: [person("nobody")], acknowledgeExternal: false }));
    expect(await visibleSlugs("nobody")).toEqual([...open, "below", "deep", "target"].sort());
    expectOk(await actions.removeSectionMembers({ sectionId: sectionId("target"), personIds: [person("nobody")] }));
    expect(await visibleSlugs("nobody")).toEqual(open);
  });

  it("S2 removing someone who is not a member any more answers a message and changes nothing", async () => {
    await expectUnchanged(SECTION_TABLES, async () => {
      const result = await actions.removeSectionMembers({ sectionId: sectionId("target"), personIds: [person("nobody")] });
      expect(result).toMatchObject({ ok: false, formError: expect.any(String) });
    });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// S7: section roles
// ─────────────────────────────────────────────────────────────────────────────────────

describe("S7 section roles", () => {
  beforeEach(async () => {
    await resetOrg();
    await as("mgr");
  });

  const change = (locals: string[], roles: string[], how: "add" | "remove", slug = "target", acknowledgeExternal?: boolean) =>
    actions.changeSectionRoles({ sectionId: sectionId(slug), personIds: locals.map(person), roles, change: how, acknowledgeExternal });

  it("S7 roles only for listed people: someone with no tie here is refused with a field error and nothing changes", async () => {
    await expectUnchanged(SECTION_TABLES, async () => {
      expectFieldError(await change(["nobody"], ["editor"], "add"), "personIds");
      // One unlisted person among listed ones: none of them gets the role.
      expectFieldError(await change(["member", "nobody"], ["editor"], "add"), "personIds");
    });
  });

  it("S7 a member only through a team is not listed: refused, nothing changes", async () => {
    expect(await canView("existing-person", "target")).toBe(true);
    await expectUnchanged(SECTION_TABLES, async () => {
      expectFieldError(await change(["existing-person"], ["author"], "add"), "personIds");
    });
  });

  it("S7 add and remove roles for a direct member and for a role holder here", async () => {
    expectOk(await change(["member"], ["editor", "author"], "add"));
    expect(await rolesOf("target", "member")).toEqual(["author", "editor"]);
    expectOk(await change(["editor"], ["manager"], "add")); // listed through the role they hold here
    expect(await rolesOf("target", "editor")).toEqual(["editor", "manager"]);

    expectOk(await change(["member"], ["author"], "remove"));
    expect(await rolesOf("target", "member")).toEqual(["editor"]);
    expect(await isDirectMember("target", "member")).toBe(true);
  });

  it("S7 a manager role given to a member lets them manage; editor does not", async () => {
    expectOk(await change(["member"], ["editor"], "add"));
    await as("member");
    expect(await actions.addSectionMembers({ sectionId: sectionId("target"), personIds: [person("nobody")], acknowledgeExternal: false })).toEqual({
      ok: false,
      formError: REFUSED_MESSAGE,
    });
    await as("mgr");
    expectOk(await change(["member"], ["manager"], "add"));
    await as("member");
    expectOk(await actions.addSectionMembers({ sectionId: sectionId("target"), personIds: [person("nobody")], acknowledgeExternal: false }));
    // The role cascades (S7): they manage the sections below too.
    expectOk(await actions.updateSectionDetails({ sectionId: sectionId("deep"), title: "Deep, managed", description: "", slug: "deep" }));
    expect((await sectionRow("deep"))!.title).toBe("Deep, managed");
  });

  it("S7 removing a member also removes their roles on that section", async () => {
    expectOk(await change(["member"], ["editor", "manager"], "add"));
    expectOk(await actions.removeSectionMembers({ sectionId: sectionId("target"), personIds: [person("member")] }));
    expect(await isDirectMember("target", "member")).toBe(false);
    expect(await rolesOf("target", "member")).toEqual([]);
    expect(await canView("member", "target")).toBe(false);
    await as("member");
    expect(await actions.addSectionMembers({ sectionId: sectionId("target"), personIds: [person("nobody")], acknowledgeExternal: false })).toMatchObject({
      ok: false,
      formError: REFUSED_MESSAGE,
    });
  });

  it("S7 removing someone who holds only roles here ends those roles and their access", async () => {
    expect(await canView("editor", "target")).toBe(true);
    expectOk(await actions.removeSectionMembers({ sectionId: sectionId("target"), personIds: [person("editor")] }));
    expect(await rolesOf("target", "editor")).toEqual([]);
    expect(await canView("editor", "target")).toBe(false);
  });

  it("S7 an external person with the manager role has what an organisational manager has", async () => {
    expectOk(await change(["ext-member"], ["manager"], "add", "target", true));
    await as("ext-member");
    expect(await getSectionManagement(await viewerOf("ext-member"), "target")).toMatchObject({ status: "ok" });
    expectOk(await actions.addSectionMembers({ sectionId: sectionId("target"), personIds: [person("nobody")], acknowledgeExternal: false }));
    expectOk(await actions.changeSectionRoles({ sectionId: sectionId("target"), personIds: [person("nobody")], roles: ["author"], change: "add" }));
    expectOk(await actions.setSectionRestricted({ sectionId: sectionId("below"), restricted: true, confirmed: false }));
    const created = expectOk(await actions.createSection({ parentId: sectionId("below"), title: "Partner corner", description: "", slug: "partner-corner", restricted: false }));
    expect(created.slug).toBe("partner-corner");
    expect(await canView("ext-member", "partner-corner")).toBe(true);
    // …and nothing beyond it: still no top-level sections, moves, or other sections (S6).
    expect(await actions.createSection({ parentId: null, title: "X", description: "", slug: "ext-top", restricted: false })).toEqual({
      ok: false,
      formError: REFUSED_MESSAGE,
    });
    expect(await actions.addSectionMembers({ sectionId: sectionId("sibling"), personIds: [person("nobody")], acknowledgeExternal: false })).toEqual({
      ok: false,
      formError: REFUSED_MESSAGE,
    });
    expect(await canView("ext-member", "top")).toBe(false);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// S8: giving an external person a role needs the same acknowledgement
// ─────────────────────────────────────────────────────────────────────────────────────

describe("S8 acknowledgement when giving an external person a section role", () => {
  beforeEach(async () => {
    await resetOrg();
    await as("mgr");
  });

  const give = (locals: string[], roles: string[], acknowledgeExternal?: boolean) =>
    actions.changeSectionRoles({ sectionId: sectionId("target"), personIds: locals.map(person), roles, change: "add", acknowledgeExternal });

  it("S8 S7 an external member given a role without the acknowledgement: refused on its field, naming the sections and the powers; nothing changes", async () => {
    for (const acknowledgeExternal of [false, undefined]) {
      await expectUnchanged(SECTION_TABLES, async () => {
        // With an organisational member among them, nobody gets the role.
        const message = expectFieldError(await give(["member", "ext-member"], ["editor"], acknowledgeExternal), "acknowledgeExternal");
        expect(message).toContain("Xena External-Member");
        expect(message).toContain("Editor in Target and every section below it");
        expect(message).toContain("publish");
      });
    }
    expect(await rolesOf("target", "ext-member")).toEqual([]);
    expect(await rolesOf("target", "member")).toEqual([]);
    // A refused change records no change (M8): the transaction that would have written it rolled back.
    expect(await auditActions()).not.toContain("section.roles.change");
  });

  it("S8 S7 with the acknowledgement the external member gets the role, with its powers below, and the acknowledgement is on record (M8)", async () => {
    expect(expectOk(await give(["ext-member"], ["editor"], true))).toEqual({ changed: 1, externals: 1 });
    expect(await rolesOf("target", "ext-member")).toEqual(["editor"]);
    const [event] = await rows<{ action: string; details: Record<string, unknown> }>(sql`select action, details from audit_events`);
    expect(event).toMatchObject({ action: "section.roles.change", details: { roles: ["editor"], externals: 1, acknowledgedS8: true } });
    // The role cascades (S7): an editor of Target may publish in Deep, below it.
    const viewer = await viewerOf("ext-member");
    expect(await can(viewer, "content.publishIn", { kind: "section", id: sectionId("deep") })).toBe(true);
  });

  it("S8 organisational people, and taking a role from an external person, need no acknowledgement", async () => {
    expectOk(await give(["member"], ["author"]));
    expect(await rolesOf("target", "member")).toEqual(["author"]);
    expectOk(await give(["ext-member"], ["author"], true));
    expectOk(await actions.changeSectionRoles({ sectionId: sectionId("target"), personIds: [person("ext-member")], roles: ["author"], change: "remove" }));
    expect(await rolesOf("target", "ext-member")).toEqual([]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// S5: the Restricted flag
// ─────────────────────────────────────────────────────────────────────────────────────

describe("S5 restricting and opening a section", () => {
  beforeEach(async () => {
    await resetOrg();
  });

  it("S5 S6 restricting a section restricts everything below for outsiders; members keep their view; externals unaffected", async () => {
    await as("anc-mgr");
    expect(await visibleSlugs("nobody")).toEqual(["other", "sibling", "sibling-child", "top"]);
    const extBefore = await visibleSlugs("ext-member");
    const outsiderBefore = await visibleSlugs("outsider");
    expectOk(await actions.setSectionRestricted({ sectionId: sectionId("top"), restricted: true, confirmed: false }));

    for (const slug of ["top", "target", "below", "deep", "sibling", "sibling-child"]) {
      expect((await sectionRow(slug))!.effectivelyRestricted, slug).toBe(true);
    }
    expect((await sectionRow("other"))!.effectivelyRestricted).toBe(false);
    expect(await visibleSlugs("nobody")).toEqual(["other"]);
    // Members keep what their membership grants.
    expect(await canView("member", "target")).toBe(true);
    expect(await canView("member", "top")).toBe(false);
    expect(await canView("sib-mgr", "sibling-child")).toBe(true);
    // S6: the flag makes no difference for external people.
    expect(await visibleSlugs("ext-member")).toEqual(extBefore);
    expect(await visibleSlugs("outsider")).toEqual(outsiderBefore);
  });

  it("S5 opening a section without confirmed: field error, nothing changes", async () => {
    await as("mgr");
    await expectUnchanged(SECTION_TABLES, async () => {
      expectFieldError(await actions.setSectionRestricted({ sectionId: sectionId("target"), restricted: false, confirmed: false }), "confirmed");
    });
    expect(await canView("nobody", "target")).toBe(false);
  });

  it("S5 opening a section with confirmed: organisational people view it and below; externals still do not", async () => {
    await as("mgr");
    expect(await canView("nobody", "below")).toBe(false);
    expectOk(await actions.setSectionRestricted({ sectionId: sectionId("target"), restricted: false, confirmed: true }));
    expect(await canView("nobody", "target")).toBe(true);
    expect(await canView("nobody", "deep")).toBe(true);
    expect(await canView("outsider", "target")).toBe(false);
    const managed = await getSectionManagement(await viewerOf("mgr"), "target");
    expect(managed).toMatchObject({ status: "ok", value: { restricted: false, restrictedByAncestor: false } });
  });

  it("S5 opening a section below a restricted one leaves it restricted by its ancestor", async () => {
    await as("anc-mgr");
    expectOk(await actions.setSectionRestricted({ sectionId: sectionId("top"), restricted: true, confirmed: false }));
    await as("mgr");
    expectOk(await actions.setSectionRestricted({ sectionId: sectionId("target"), restricted: false, confirmed: true }));
    expect(await sectionRow("target")).toMatchObject({ restricted: false, effectivelyRestricted: true });
    expect(await canView("nobody", "target")).toBe(false);
    expect(await getSectionManagement(await viewerOf("mgr"), "target")).toMatchObject({ status: "ok", value: { restricted: false, restrictedByAncestor: true } });
    expect(await getSectionManagement(await viewerOf("mgr"), "below")).toMatchObject({ status: "ok", value: { restricted: false, restrictedByAncestor: true } });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// Details and addresses (C5 for old addresses)
// ─────────────────────────────────────────────────────────────────────────────────────

describe("section details and addresses", () => {
  beforeEach(async () => {
    await resetOrg();
    await as("mgr");
  });

  /** Updates the fixture's "target" section (whatever its address is by now). */
  const update = (details: { title?: string; description?: string; slug: string }) =>
    actions.updateSectionDetails({ sectionId: sectionId("target"), title: "Target", description: "", ...details });

  it("S1 updates title, description and address", async () => {
    const data = expectOk(await update({ title: "  Target, renamed ", description: "Fresh words", slug: "target-renamed" }));
    expect(data).toEqual({ slug: "target-renamed", previousSlug: "target" });
    expect(await sectionRow("target-renamed")).toMatchObject({ id: sectionId("target"), title: "Target, renamed", description: "Fresh words" });
    const found = await getSection(await viewerOf("member"), "target-renamed");
    expect(found).toMatchObject({ status: "ok", value: { title: "Target, renamed" } });
  });

  it("C5 a changed address redirects those who can view the section and reveals nothing to others", async () => {
    expectOk(await update({ slug: "target-renamed" }));
    expect(await getSection(await viewerOf("member"), "target")).toEqual({ status: "moved", slug: "target-renamed" });
    expect(await getSection(await viewerOf("web"), "target")).toEqual({ status: "moved", slug: "target-renamed" });
    expect(await getSection(await viewerOf("nobody"), "target")).toEqual({ status: "forbidden" });
    expect(await getSection(await viewerOf("outsider"), "target")).toEqual({ status: "forbidden" });
  });

  it("S1 an address used by another section is refused on the slug field, nothing changes", async () => {
    await expectUnchanged(SECTION_TABLES, async () => {
      expectFieldError(await update({ slug: "sibling" }), "slug");
    });
  });

  it("Q3 a reserved or malformed address is refused by the schema, nothing changes", async () => {
    await expectUnchanged(SECTION_TABLES, async () => {
      for (const slug of ["new", "NEW", "Bad Slug!", "-lead", "trail-", "dou--ble", "x", "a".repeat(61), "ünï"]) {
        expectFieldError(await update({ slug }), "slug");
      }
      expectFieldError(await update({ title: "   ", slug: "target" }), "title");
      expectFieldError(
        await actions.createSection({ parentId: sectionId("target"), title: "New", description: "", slug: "new", restricted: false }),
        "slug",
      );
    });
    expect(await auditActions()).toEqual([]);
  });

  it("S1 renaming back to an old address works and the redirect is released", async () => {
    expectOk(await update({ slug: "target-renamed" }));
    expectOk(await update({ slug: "target" }));
    expect(await getSection(await viewerOf("member"), "target")).toMatchObject({ status: "ok", value: { id: sectionId("target") } });
    expect(await getSection(await viewerOf("member"), "target-renamed")).toEqual({ status: "moved", slug: "target" });
    const redirects = await rows<{ old_slug: string }>(sql`select old_slug from section_slug_redirects order by old_slug`);
    expect(redirects.map((r) => r.old_slug)).toEqual(["target-renamed"]);
  });

  it("S1 C5 a new section cannot take another section's old address: the slug field names the section holding it, nothing changes", async () => {
    expectOk(await update({ slug: "target-renamed" }));
    await as("web");
    await expectUnchanged(SECTION_TABLES, async () => {
      const message = expectFieldError(await actions.createSection({ parentId: null, title: "Fresh", description: "", slug: "target", restricted: false }), "slug");
      expect(message).toBe("The section “Target” used this web address before and old links to it still lead there. Choose another.");
    });
    // Old links still lead to the section that had the address, for those who can view it.
    expect(await getSection(await viewerOf("member"), "target")).toEqual({ status: "moved", slug: "target-renamed" });
  });

  it("S1 C5 S5 another existing section cannot take an old address either; a manager who cannot view the holder is not told its title", async () => {
    expectOk(await update({ slug: "target-renamed" }));
    await as("sib-mgr");
    await expectUnchanged(SECTION_TABLES, async () => {
      const message = expectFieldError(
        await actions.updateSectionDetails({ sectionId: sectionId("sibling"), title: "Sibling", description: "", slug: "target" }),
        "slug",
      );
      // "target" is restricted and sib-mgr is no member of it (S5): no title.
      expect(message).toBe("Another section used this web address before and old links to it still lead there. Choose another.");
    });
    await as("anc-mgr");
    await expectUnchanged(SECTION_TABLES, async () => {
      expectFieldError(await actions.createSection({ parentId: sectionId("top"), title: "Kid", description: "", slug: "target", restricted: false }), "slug");
    });
    expect(await getSection(await viewerOf("nobody"), "sibling")).toMatchObject({ status: "ok", value: { id: sectionId("sibling") } });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// Creating sections
// ─────────────────────────────────────────────────────────────────────────────────────

describe("S1 S3 S7 creating sections", () => {
  beforeEach(resetOrg);

  const child = (parent: string, slug: string, restricted: boolean) =>
    actions.createSection({ parentId: sectionId(parent), title: `Child ${slug}`, description: "About it", slug, restricted });

  it("S7 S3 a manager creates an open child: they manage it through the cascade, members of the parent view it", async () => {
    await as("mgr");
    const created = expectOk(await child("target", "kid", false));
    expect(await sectionRow("kid")).toMatchObject({ id: created.id, parentId: sectionId("target"), restricted: false, effectivelyRestricted: true });
    const closure = await rows<{ ancestor_id: number; depth: number }>(
      sql`select ancestor_id, depth from section_closure where descendant_id = ${created.id} order by depth`,
    );
    expect(closure).toEqual([
      { ancestor_id: created.id, depth: 0 },
      { ancestor_id: sectionId("target"), depth: 1 },
      { ancestor_id: sectionId("top"), depth: 2 },
    ]);
    expect(await getSectionManagement(await viewerOf("mgr"), "kid")).toMatchObject({ status: "ok", value: { id: created.id, restrictedByAncestor: true } });
    expect(await getSectionManagement(await viewerOf("anc-mgr"), "kid")).toMatchObject({ status: "ok" });
    expect(await canView("mgr", "kid")).toBe(true);
    expect(await canView("member", "kid")).toBe(true);
    expect(await canView("ext-member", "kid")).toBe(true);
    expect(await canView("existing-person", "kid")).toBe(true);
    expect(await canView("nobody", "kid")).toBe(false); // below a restricted section (S5)
    // Managing it through the cascade.
    expectOk(await actions.addSectionMembers({ sectionId: created.id, personIds: [person("nobody")], acknowledgeExternal: false }));
    expect(await canView("nobody", "kid")).toBe(true);
    expect(await auditActions()).toEqual(["section.create", "section.members.add"]);
  });

  it("S5 S7 a manager creates a restricted child under an open section: only members and role holders view it", async () => {
    await as("anc-mgr");
    const created = expectOk(await child("top", "closed-kid", true));
    expect(await sectionRow("closed-kid")).toMatchObject({ id: created.id, restricted: true, effectivelyRestricted: true });
    expect(await canView("anc-mgr", "closed-kid")).toBe(true);
    expect(await canView("nobody", "closed-kid")).toBe(false);
    expect(await canView("web", "closed-kid")).toBe(true);
    expect(await getSectionManagement(await viewerOf("anc-mgr"), "closed-kid")).toMatchObject({ status: "ok", value: { restricted: true, restrictedByAncestor: false } });
  });

  it("S1 S4 a webmaster creates a top-level section", async () => {
    await as("web");
    const created = expectOk(await actions.createSection({ parentId: null, title: "Newsroom", description: "", slug: "newsroom", restricted: false }));
    expect(await sectionRow("newsroom")).toMatchObject({ id: created.id, parentId: null, effectivelyRestricted: false });
    expect(await rows(sql`select ancestor_id, depth from section_closure where descendant_id = ${created.id}`)).toEqual([
      { ancestor_id: created.id, depth: 0 },
    ]);
    expect(await canView("nobody", "newsroom")).toBe(true);
    expect(await canView("outsider", "newsroom")).toBe(false);
  });

  it("S1 a slug in use is refused on the slug field, nothing changes", async () => {
    await as("mgr");
    await expectUnchanged(SECTION_TABLES, async () => {
      expectFieldError(await child("target", "below", false), "slug");
    });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// Moving sections
// ─────────────────────────────────────────────────────────────────────────────────────

describe("S1 S3 S5 moving sections (webmasters)", () => {
  beforeEach(async () => {
    await resetOrg();
    await as("web");
  });

  const ancestorsOf = async (slug: string) =>
    (
      await rows<{ slug: string; depth: number }>(
        sql`select s.slug, c.depth from section_closure c join sections s on s.id = c.ancestor_id where c.descendant_id = ${sectionId(slug)} order by c.depth`,
      )
    ).map((r) => `${r.slug}@${r.depth}`);

  it("S1 S5 moving a subtree under a restricted section: closure follows and the subtree is restricted for non-members", async () => {
    expect(await visibleSlugs("nobody")).toEqual(expect.arrayContaining(["sibling", "sibling-child"]));
    expectOk(await actions.moveSection({ sectionId: sectionId("sibling"), newParentId: sectionId("locked") }));
    expect((await sectionRow("sibling"))!.parentId).toBe(sectionId("locked"));
    expect(await ancestorsOf("sibling")).toEqual(["sibling@0", "locked@1"]);
    expect(await ancestorsOf("sibling-child")).toEqual(["sibling-child@0", "sibling@1", "locked@2"]);
    expect(await sectionRow("sibling-child")).toMatchObject({ restricted: false, effectivelyRestricted: true });
    expect(await canView("nobody", "sibling")).toBe(false);
    expect(await canView("nobody", "sibling-child")).toBe(false);
    expect(await canView("sib-mgr", "sibling-child")).toBe(true);
    // The old ancestor's manager no longer manages it (S7 follows the tree).
    expect(await getSectionManagement(await viewerOf("anc-mgr"), "sibling")).toEqual({ status: "forbidden" });

    // Back to the top: open again.
    expectOk(await actions.moveSection({ sectionId: sectionId("sibling"), newParentId: null }));
    expect(await ancestorsOf("sibling-child")).toEqual(["sibling-child@0", "sibling@1"]);
    expect(await canView("nobody", "sibling-child")).toBe(true);
  });

  it("S1 S5 moving a restricted section out from under nothing keeps its own flag; its subtree follows to the new place", async () => {
    expectOk(await actions.moveSection({ sectionId: sectionId("target"), newParentId: sectionId("other") }));
    expect(await ancestorsOf("deep")).toEqual(["deep@0", "below@1", "target@2", "other@3"]);
    expect(await sectionRow("deep")).toMatchObject({ effectivelyRestricted: true });
    expect(await canView("member", "deep")).toBe(true);
    expect(await canView("nobody", "deep")).toBe(false);
    expect(await getSectionManagement(await viewerOf("anc-mgr"), "target")).toEqual({ status: "forbidden" });
    expect(await getSectionManagement(await viewerOf("mgr"), "deep")).toMatchObject({ status: "ok" });
  });

  it("S1 moving a section under itself or its own descendant: field error on newParentId, nothing changes", async () => {
    await expectUnchanged(SECTION_TABLES, async () => {
      for (const under of ["deep", "below", "top"]) {
        expectFieldError(await actions.moveSection({ sectionId: sectionId("top"), newParentId: sectionId(under) }), "newParentId");
      }
    });
    expect(await auditActions()).toEqual([]);
  });

  it("S4 move targets exclude the section itself and everything below it", async () => {
    const search = async (query: string) =>
      expectOk(await actions.searchMoveTargetsForSection({ sectionId: sectionId("target"), query })).map((s) => s.slug);
    expect(await search("ta")).toEqual([]); // Target itself
    expect(await search("de")).toEqual([]); // Deep, below it
    expect(await search("lo")).toEqual(["locked"]); // Locked, not Below
    expect(await search("si")).toEqual(["sibling", "sibling-child"]);
  });

  it("S1 each move target shows its own path from the top, and nothing else", async () => {
    const [sib] = expectOk(await actions.searchMoveTargetsForSection({ sectionId: sectionId("target"), query: "sibling-ch" }));
    expect(sib).toMatchObject({ slug: "sibling-child", path: "Top › Sibling › Sibling child" });
    const [other] = expectOk(await actions.searchMoveTargetsForSection({ sectionId: sectionId("target"), query: "other" }));
    expect(other).toMatchObject({ slug: "other", path: "Other" });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// The management page's read
// ─────────────────────────────────────────────────────────────────────────────────────

describe("getSectionManagement", () => {
  beforeEach(resetOrg);

  it("S2 S7 lists direct members, role holders here, inherited role holders and teams with counts", async () => {
    await as("mgr");
    expectOk(await actions.addSectionTeam({ sectionId: sectionId("target"), teamId: teamId("parents"), includeChildren: true, acknowledgeExternal: true }));
    const found = await getSectionManagement(await viewerOf("mgr"), "target");
    if (found.status !== "ok") throw new Error(found.status);
    const m = found.value;
    expect(m).toMatchObject({ id: sectionId("target"), slug: "target", title: "Target", parentId: sectionId("top"), restricted: true, restrictedByAncestor: false });
    expect(m.breadcrumbs).toEqual([{ slug: "top", title: "Top" }]);
    const byEmail = Object.fromEntries(m.people.map((p) => [p.email, { direct: p.direct, roles: p.roles, inherited: p.inherited, audience: p.audience }]));
    expect(byEmail).toEqual({
      [E("anc-mgr")]: { direct: false, roles: [], inherited: [{ role: "manager", from: "Top" }], audience: "organisational" },
      [E("author")]: { direct: false, roles: ["author"], inherited: [], audience: "organisational" },
      [E("blocked")]: { direct: false, roles: ["manager"], inherited: [], audience: "organisational" },
      [E("editor")]: { direct: false, roles: ["editor"], inherited: [], audience: "organisational" },
      [E("ext-member")]: { direct: true, roles: [], inherited: [], audience: "external" },
      [E("member")]: { direct: true, roles: [], inherited: [], audience: "organisational" },
      [E("mgr")]: { direct: false, roles: ["manager"], inherited: [], audience: "organisational" },
    });
    // Team members are shown through their team, not one by one.
    expect(m.people.map((p) => p.email)).not.toContain(E("child-person"));
    expect(m.teams).toEqual([
      { id: teamId("existing"), name: "Existing team", includeChildren: false, members: 1, externalMembers: 0 },
      { id: teamId("parents"), name: "Parents team", includeChildren: true, members: 3, externalMembers: 1 },
    ]);

    // Below: everything above is inherited, with the title of the section it comes from.
    const foundBelow = await getSectionManagement(await viewerOf("mgr"), "below");
    if (foundBelow.status !== "ok") throw new Error(foundBelow.status);
    const below = foundBelow.value;
    expect(below.people.find((p) => p.email === E("mgr"))).toMatchObject({ direct: false, roles: [], inherited: [{ role: "manager", from: "Target" }] });
    expect(below.people.map((p) => p.email)).not.toContain(E("member"));
    expect(below.teams).toEqual([]);
  });

  it("S7 answers forbidden to everyone but managers and webmasters, and not-found for an unknown address", async () => {
    for (const local of ["editor", "author", "member", "ext-member", "nobody", "outsider", "sib-mgr"]) {
      expect(await getSectionManagement(await viewerOf(local), "target"), local).toEqual({ status: "forbidden" });
    }
    for (const local of ["mgr", "anc-mgr", "web"]) {
      expect(await getSectionManagement(await viewerOf(local), "target"), local).toMatchObject({ status: "ok", value: { id: sectionId("target") } });
    }
    expect(await getSectionManagement(await viewerOf("web"), "no-such-section")).toEqual({ status: "not-found" });
  });

  it("S2 team search offers teams not yet added", async () => {
    await as("mgr");
    const data = expectOk(await actions.searchTeamsForSection({ sectionId: sectionId("target"), query: "team" }));
    const names = data.map((t) => t.name);
    expect(names).not.toContain("Existing team");
    expect(names).toEqual(expect.arrayContaining(["Parents team", "Children team", "Partners team", "Plain team"]));
    expect(data.find((t) => t.name === "Children team")).toMatchObject({ parent: "Parents team" });
  });
});
