/**
 * Bad characters and numbers, as a hand-made request sends them to the server actions
 * (Q3): a NUL in a name or title, or an id beyond PostgreSQL's integer, gets the field's
 * message, changes nothing, and leaves nothing in the log (it used to reach the database:
 * "Something went wrong", and the statement's parameters, people's names, in the log).
 * A bidirectional override is removed before anything is stored.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { content, people, sections, teams } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";
import { CONTROL_MESSAGE_ONE_LINE, INT_MAX } from "./text";

const teamActions = await import("@/lib/teams/actions");
const sectionActions = await import("@/lib/sections/actions");
const contentActions = await import("@/lib/content/actions");
const peopleActions = await import("@/lib/people/actions");
const { getSection, getSectionManagement } = await import("@/lib/sections/queries");
const { getCreateContext } = await import("@/lib/content/authoring-queries");
const { getTeamPage } = await import("@/lib/teams/queries");

const D = "validation.test";
const WEB = `web@${D}`;
const org: OrgFile = {
  teams: [{ key: "north", name: "North", parent: null }],
  locations: [],
  people: [{ email: WEB, name: "Wen Web", audience: "organisational", roles: ["webmaster"], teams: ["north"], teamAdmin: ["north"] }],
  sections: [{ slug: "news", title: "News", parent: null, restricted: false }],
  content: [],
  groups: [],
};
const TABLES = [teams, sections, content, people];
const NUL = "\u0000";
const SECRET = "Ann Secret-Name";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness(org);
});
afterAll(async () => harness?.close());
afterEach(() => vi.restoreAllMocks());

/** Calls an action as the webmaster, asserting nothing changed and nothing was logged. */
async function refusedQuietly<T>(call: () => Promise<T>): Promise<T> {
  await signInAs(WEB);
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  const result = await expectUnchanged(TABLES, call);
  expect(logged).not.toHaveBeenCalled();
  return result;
}

describe("a NUL character", () => {
  it("in a team's name (P5)", async () => {
    const r = await refusedQuietly(() => teamActions.renameTeamAction({ teamId: harness.team("north"), name: `${SECRET}${NUL}` }));
    expect(r).toEqual({ ok: false, fieldErrors: { name: CONTROL_MESSAGE_ONE_LINE } });
    const r2 = await refusedQuietly(() => teamActions.createChildTeamAction({ parentId: harness.team("north"), name: `North${NUL}Depot` }));
    expect(r2).toEqual({ ok: false, fieldErrors: { name: CONTROL_MESSAGE_ONE_LINE } });
  });

  it("in a section's title (S1)", async () => {
    const r = await refusedQuietly(() => sectionActions.createSection({ title: `${SECRET}${NUL}`, description: "", slug: "secret", parentId: null, restricted: false }));
    expect(r).toEqual({ ok: false, fieldErrors: { title: CONTROL_MESSAGE_ONE_LINE } });
  });

  it("in an item's title (C1)", async () => {
    const r = await refusedQuietly(() => contentActions.createContentAction({ type: "news", title: `${SECRET}${NUL}`, body: "<p>Hi</p>", sectionId: harness.section("news") }));
    expect(r).toEqual({ ok: false, fieldErrors: { title: CONTROL_MESSAGE_ONE_LINE } });
  });

  it("in a person's name (M3)", async () => {
    const r = await refusedQuietly(() =>
      peopleActions.createPersonAction({ name: `${SECRET}${NUL}`, email: `ann@${D}`, roles: ["organisational"], mobile: "", locationId: "" }),
    );
    expect(r).toEqual({ ok: false, fieldErrors: { name: CONTROL_MESSAGE_ONE_LINE } });
  });
});

describe("an id out of range", () => {
  it("for a section, a team or an item's section", async () => {
    const tooBig = INT_MAX + 1;
    const section = await refusedQuietly(() => sectionActions.updateSectionDetails({ sectionId: tooBig, title: "News", description: "", slug: "news" }));
    expect(section).toMatchObject({ ok: false, fieldErrors: { sectionId: expect.stringMatching(/could not be found/) } });
    const team = await refusedQuietly(() => teamActions.renameTeamAction({ teamId: 1e12, name: "North" }));
    expect(team).toEqual({ ok: false, fieldErrors: { teamId: "Choose a team" } });
    const item = await refusedQuietly(() => contentActions.createContentAction({ type: "news", title: "Hello", body: "", sectionId: tooBig }));
    expect(item).toEqual({ ok: false, fieldErrors: { sectionId: "Choose a section." } });
  });
});

describe("bidirectional overrides", () => {
  it("are removed from a name before it is stored", async () => {
    await signInAs(WEB);
    expect(await teamActions.renameTeamAction({ teamId: harness.team("north"), name: "\u202eNorth\u2066" })).toMatchObject({ ok: true });
    const [row] = await harness.db.select({ name: teams.name }).from(teams).where(eq(teams.id, harness.team("north")));
    expect(row!.name).toBe("North");
  });
});

describe("a NUL in a page's address", () => {
  it("finds nothing (404) instead of failing in the database (500)", async () => {
    const web = await viewerOf(WEB);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const slug of [NUL, `ne${NUL}ws`]) {
      expect(await getSection(web, slug)).toMatchObject({ status: "not-found" });
      expect(await getSectionManagement(web, slug)).toMatchObject({ status: "not-found" });
      expect(await getCreateContext(web, slug)).toMatchObject({ status: "not-found" });
      expect(await getTeamPage(web, slug)).toMatchObject({ status: "not-found" });
    }
    expect(logged).not.toHaveBeenCalled();
  });
});
