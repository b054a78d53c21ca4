/**
 * App moderators (G8: "webmasters and the people they name"; K2): only webmasters name them,
 * only organisational unblocked people can be named, and a named person moderates only that
 * app, only while it is on. Expectations written from SPEC G8, K2, E5, M8.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { addAppModeratorsAction, removeAppModeratorAction, searchModeratorCandidatesAction } = await import("./actions");
const { listAppModerators } = await import("./queries");
const { appModeratorSql } = await import("@/lib/access/app-moderators");
const { can } = await import("@/lib/access/policies");
const { setAppsEnabledAction } = await import("@/lib/site-settings/actions");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { loadViewer } = await import("@/lib/access/viewer");

const E = (local: string) => `${local}@moderators.test`;
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("ann"), name: "Ann Able", audience: "organisational" },
    { email: E("ben"), name: "Ben Bright", audience: "organisational" },
    { email: E("ext"), name: "Xena External", audience: "external" },
    { email: E("blocked"), name: "Bo Blocked", audience: "organisational", blocked: true },
  ],
  sections: [],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
let conn: Connection;
const id = (local: string) => h.ids.people.get(E(local))!;

async function moderates(local: string, app: "ideas" | "messageWall" | "queries") {
  const viewer = await viewerOf(E(local));
  const [row] = rowsOf<{ ok: boolean }>(await conn.db.execute(sql`select ${appModeratorSql(viewer, app)} as ok`));
  const policy = app === "ideas" ? "ideas.moderate" : app === "messageWall" ? "wall.moderate" : "queries.moderate";
  const byCatalogue = await can(viewer, policy, null);
  expect(byCatalogue, `${local} ${app}: the catalogue and the predicate agree`).toBe(row!.ok);
  return row!.ok;
}

beforeAll(async () => {
  h = await createHarness(ORG);
  conn = h.conn;
});
afterAll(async () => h?.close());

describe("G8: webmasters name app moderators", () => {
  it("a named person moderates that app only; webmasters moderate every app", async () => {
    expect(await moderates("ann", "ideas")).toBe(false);
    await signInAs(E("web"));
    expect(await addAppModeratorsAction({ app: "ideas", personIds: [id("ann")] })).toMatchObject({ ok: true, data: { added: 1 } });
    // Adding again changes nothing and says so.
    expect(await addAppModeratorsAction({ app: "ideas", personIds: [id("ann")] })).toMatchObject({ ok: true, data: { added: 0 } });
    expect(await moderates("ann", "ideas")).toBe(true);
    expect(await moderates("ann", "messageWall")).toBe(false);
    expect(await moderates("ben", "ideas")).toBe(false);
    for (const app of ["ideas", "messageWall", "queries"] as const) expect(await moderates("web", app)).toBe(true);
    const listed = await listAppModerators(await viewerOf(E("web")));
    expect(listed!.ideas.map((m) => m.name)).toEqual(["Ann Able"]);
    expect(listed!.messageWall).toEqual([]);
    // K2 K3: the header's Moderation link for a named moderator.
    const ann = await loadViewer(conn.db, { personId: id("ann"), signedInAt: Date.now() });
    expect(ann!.moderates).toBe(true);
    const [audit] = await conn.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, "apps.moderators.add"));
    expect(audit).toMatchObject({ targetType: "app", targetId: "ideas" });
  });

  it("an app turned off has no moderators, and they are back when it is on", async () => {
    await signInAs(E("web"));
    await setAppsEnabledAction({ ideas: false, messageWall: true, queries: true });
    expect(await moderates("ann", "ideas")).toBe(false);
    expect(await moderates("web", "ideas")).toBe(false);
    await setAppsEnabledAction({ ideas: true, messageWall: true, queries: true });
    expect(await moderates("ann", "ideas")).toBe(true);
  });

  it("external and blocked people cannot be named; refused and nothing changes", async () => {
    await signInAs(E("web"));
    await expectUnchanged([schema.appModerators], async () => {
      expect(await addAppModeratorsAction({ app: "queries", personIds: [id("ext")] })).toMatchObject({ ok: false, fieldErrors: { people: expect.stringContaining("external person") } });
      expect(await addAppModeratorsAction({ app: "queries", personIds: [id("ben"), id("blocked")] })).toMatchObject({ ok: false, fieldErrors: { people: expect.stringContaining("blocked") } });
      expect(await addAppModeratorsAction({ app: "queries", personIds: ["00000000-0000-4000-8000-000000000000"] })).toMatchObject({ ok: false });
      expect(await addAppModeratorsAction({ app: "groups" as never, personIds: [id("ben")] })).toMatchObject({ ok: false, fieldErrors: { app: expect.any(String) } });
      expect(await addAppModeratorsAction({ app: "queries", personIds: [] })).toMatchObject({ ok: false });
    });
    // The picker offers neither.
    expect((await searchModeratorCandidatesAction("queries", "Xena")).map((p) => p.name)).toEqual([]);
    expect((await searchModeratorCandidatesAction("queries", "Bo Blocked")).map((p) => p.name)).toEqual([]);
    expect((await searchModeratorCandidatesAction("queries", "Ben")).map((p) => p.name)).toEqual(["Ben Bright"]);
  });

  it("only webmasters name, remove or search: others are refused and nothing changes", async () => {
    await signInAs(E("ann"));
    await expectUnchanged([schema.appModerators], async () => {
      expect(await addAppModeratorsAction({ app: "ideas", personIds: [id("ben")] })).toMatchObject({ ok: false, formError: REFUSED_MESSAGE });
      expect(await removeAppModeratorAction({ app: "ideas", personId: id("ann") })).toMatchObject({ ok: false, formError: REFUSED_MESSAGE });
    });
    await expect(searchModeratorCandidatesAction("ideas", "be")).rejects.toThrow("permission");
    expect(await listAppModerators(await viewerOf(E("ann")))).toBeNull();
  });

  it("removing a moderator ends their moderation at once, audited", async () => {
    await signInAs(E("web"));
    expect(await removeAppModeratorAction({ app: "ideas", personId: id("ann") })).toMatchObject({ ok: true, data: { removed: true } });
    expect(await moderates("ann", "ideas")).toBe(false);
    expect(await removeAppModeratorAction({ app: "ideas", personId: id("ann") })).toMatchObject({ ok: true, data: { removed: false } });
    const audits = await conn.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, "apps.moderators.remove"));
    expect(audits).toHaveLength(2);
  });
});
