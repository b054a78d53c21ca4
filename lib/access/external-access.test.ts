/**
 * E5: the External user access switches: webmasters set them (audited, M8), they start
 * off, and every app asks externalMayUse / requireExternalApp / externalSwitchOn, which
 * answer from the switch for external people and always yes for staff. The Teams
 * directory (the one E5 app that exists) follows its switch.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, rowsOf } from "@/db/connect";
import { auditEvents, people, settings } from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";
import { setClientAddress } from "@/lib/testing/request";
import { EXTERNAL_APPS } from "@/lib/settings/schemas";
import type { Viewer } from "@/lib/access/types";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { previewExternalAccessImpact, setAppsEnabledAction, setExternalAccessAction } = await import("@/lib/site-settings/actions");
const { IMPACT_CHANGED } = await import("@/lib/validation/impact");
const { appsFor, externalMayUse, externalSwitchOn, mayUseAppSql } = await import("./external-access");
const { loadViewer } = await import("./viewer");
const { requireExternalApp } = await import("./external-guard");
const { canViewTeams } = await import("./teams");
const { mayBrowsePeople } = await import("./pickers");
const { getExternalAccess } = await import("@/lib/settings/queries");

let harness: Harness;
let conn: Connection;
const PEOPLE = [
  { id: randomUUID(), name: "W", email: "w@example.org", audience: "organisational", roles: ["webmaster"] },
  { id: randomUUID(), name: "S", email: "s@example.org", audience: "organisational", roles: [] },
  { id: randomUUID(), name: "E", email: "e@example.org", audience: "external", roles: [] },
] as const;
// Read through the real loadViewer once the people exist (beforeAll).
let webmaster: Viewer;
let staff: Viewer;
let external: Viewer;
const allOff = Object.fromEntries(EXTERNAL_APPS.map((a) => [a, false]));

beforeAll(async () => {
  harness = await createHarness();
  conn = harness.conn;
  await conn.db.insert(people).values(PEOPLE.map((p) => ({ ...p, roles: [...p.roles] })));
  [webmaster, staff, external] = (await Promise.all(PEOPLE.map((p) => viewerOf(p.email)))) as [Viewer, Viewer, Viewer];
});
afterAll(async () => harness?.close());
beforeEach(() => setClientAddress("203.0.113.4"));

async function switchSql(app: (typeof EXTERNAL_APPS)[number]) {
  return rowsOf<{ on: boolean }>(await conn.db.execute(sql`select ${externalSwitchOn(app)} as on`))[0]!.on;
}

describe("E5 external user access", () => {
  it("starts with every switch off", async () => {
    expect(await getExternalAccess()).toEqual(allOff);
    for (const app of EXTERNAL_APPS) {
      expect(await externalMayUse(external, app)).toBe(false);
      expect(await externalMayUse(staff, app)).toBe(true);
      expect(await switchSql(app)).toBe(false);
    }
  });

  it("only webmasters change the switches; refusals and bad input change nothing", async () => {
    await signInAs(staff.email);
    expect(await setExternalAccessAction({ ...allOff, teams: true })).toMatchObject({ ok: false, formError: expect.stringMatching(/permission/) });
    await signInAs(external.email);
    expect(await setExternalAccessAction({ ...allOff, teams: true })).toMatchObject({ ok: false });
    await signInAs(webmaster.email);
    await expectUnchanged([settings], async () => {
      expect(await setExternalAccessAction({ ...allOff, teams: "yes" })).toMatchObject({ ok: false, fieldErrors: expect.any(Object) });
      expect(await setExternalAccessAction({ ...allOff, teams: true, admin: true })).toMatchObject({ ok: false });
    });
    expect(await getExternalAccess()).toEqual(allOff);
  });

  it("each switch opens exactly its app to external people, and is audited with before and after", async () => {
    await signInAs(webmaster.email);
    for (const app of EXTERNAL_APPS) {
      expect(await setExternalAccessAction({ ...allOff, [app]: true })).toMatchObject({ ok: true });
      for (const other of EXTERNAL_APPS) {
        expect(await externalMayUse(external, other), `${app} on, asking ${other}`).toBe(other === app);
        expect(await switchSql(other)).toBe(other === app);
      }
      expect((await appsFor(external))[app]).toBe(true);
    }
    const events = await conn.db.select().from(auditEvents).where(eq(auditEvents.action, "settings.externalAccess.set"));
    expect(events).toHaveLength(EXTERNAL_APPS.length);
    expect(events.at(-1)).toMatchObject({ actorId: webmaster.id, targetType: "setting", targetId: "externalAccess", address: "203.0.113.4" });
    expect(events.at(-1)!.details).toMatchObject({ after: { locations: true, teams: false } });
  });

  it("B4 E5: a change of the switches shows what it gives or takes before it is saved; saved only as previewed, the confirmation not stored", async () => {
    await signInAs(webmaster.email);
    expect(await setExternalAccessAction({ ...allOff })).toMatchObject({ ok: true });
    const [row] = rowsOf<{ n: number }>(await conn.db.execute(sql`select count(*)::int as n from people where audience = 'external' and not blocked`));
    const next = { ...allOff, users: true };
    const preview = await expectUnchanged([settings, auditEvents], () => previewExternalAccessImpact(next));
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    expect(preview.data.impact.apps).toEqual([{ app: "users", label: "Users", change: "gives", people: Number(row!.n) }]);
    expect(preview.data.impact.gives.people).toBe(0);
    // A confirmation of another change is refused, changing nothing.
    const other = await previewExternalAccessImpact({ ...allOff, teams: true });
    if (!other.ok) throw new Error("no preview");
    expect(await expectUnchanged([settings, auditEvents], () => setExternalAccessAction({ ...next, impactFingerprint: other.data.fingerprint }))).toEqual({
      ok: false,
      fieldErrors: { impactFingerprint: IMPACT_CHANGED },
    });
    expect(await setExternalAccessAction({ ...next, impactFingerprint: preview.data.fingerprint })).toMatchObject({ ok: true });
    const [stored] = await conn.db.select({ value: settings.value }).from(settings).where(eq(settings.key, "externalAccess"));
    expect(stored!.value).toEqual(next);
    // Taking it away again is said as such.
    const back = await previewExternalAccessImpact(allOff);
    expect(back.ok && back.data.impact.apps).toEqual([{ app: "users", label: "Users", change: "removes", people: Number(row!.n) }]);
    await signInAs(staff.email);
    expect(await previewExternalAccessImpact(next)).toMatchObject({ ok: false, formError: expect.stringMatching(/permission/) });
    await signInAs(webmaster.email);
    expect(await setExternalAccessAction({ ...allOff })).toMatchObject({ ok: true });
  });

  it("the page guard answers 404 to an external person while the app is off: the app is absent", async () => {
    await signInAs(webmaster.email);
    await setExternalAccessAction({ ...allOff, ideas: true });
    await signInAs(external.email);
    await expect(requireExternalApp("ideas")).resolves.toMatchObject({ id: external.id, audience: "external" });
    await expect(requireExternalApp("queries")).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    await signInAs(staff.email);
    await expect(requireExternalApp("queries")).resolves.toMatchObject({ id: staff.id, audience: "organisational" });
  });

  it("the Teams directory and the people search follow their switches", async () => {
    await signInAs(webmaster.email);
    await setExternalAccessAction({ ...allOff });
    expect(await canViewTeams(external)).toBe(false);
    expect(await mayBrowsePeople(external)).toBe(false);
    await setExternalAccessAction({ ...allOff, teams: true, users: true });
    expect(await canViewTeams(external)).toBe(true);
    expect(await mayBrowsePeople(external)).toBe(true);
  });

  it("an app a webmaster turns off is absent for everyone, webmasters included, and back at once when on", async () => {
    await signInAs(webmaster.email);
    await setExternalAccessAction({ ...allOff, ideas: true, messageWall: true, queries: true });
    const usable = async (v: Viewer, app: "ideas" | "messageWall" | "queries") => {
      const [row] = rowsOf<{ ok: boolean }>(await conn.db.execute(sql`select ${mayUseAppSql(v, app)} as ok`));
      const fresh = await loadViewer(conn.db, { personId: v.id, signedInAt: Date.now() });
      const answers = [await externalMayUse(v, app), row!.ok, (await appsFor(v))[app], fresh!.apps![app]];
      expect(new Set(answers).size, `${v.name} ${app}: ${answers.join(",")}`).toBe(1);
      return answers[0];
    };
    for (const v of [webmaster, staff, external]) expect(await usable(v, "ideas")).toBe(true);
    expect(await setAppsEnabledAction({ ideas: false, messageWall: true, queries: true })).toMatchObject({ ok: true });
    for (const v of [webmaster, staff, external]) {
      expect(await usable(v, "ideas")).toBe(false);
      expect(await usable(v, "messageWall")).toBe(true);
    }
    await signInAs(staff.email);
    await expect(requireExternalApp("ideas")).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    // Only webmasters switch apps; a refused change changes nothing.
    await expectUnchanged([settings], async () => {
      expect(await setAppsEnabledAction({ ideas: true, messageWall: true, queries: true })).toMatchObject({ ok: false });
    });
    await signInAs(webmaster.email);
    await setAppsEnabledAction({ ideas: true, messageWall: true, queries: true });
    for (const v of [webmaster, staff, external]) expect(await usable(v, "ideas")).toBe(true);
    const events = await conn.db.select().from(auditEvents).where(eq(auditEvents.action, "settings.appsEnabled.set"));
    expect(events).toHaveLength(2);
    expect(events[0]!.details).toMatchObject({ after: { ideas: false } });
  });

  it("a stored value of an older shape reads as off, not as an error", async () => {
    await conn.db.update(settings).set({ value: { teams: "maybe" } }).where(eq(settings.key, "externalAccess"));
    expect(await getExternalAccess()).toEqual(allOff);
  });
});
