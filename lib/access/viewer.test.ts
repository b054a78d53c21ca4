import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people, teamMembers } from "@/db/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { loadViewer } from "./viewer";

const NOW = new Date("2026-05-04T12:00:00.000Z");
const ms = (d: Date) => d.getTime();
const minutesBefore = (n: number, from = NOW) => new Date(from.getTime() - n * 60_000);

/**
 * Whose grants are read: a member of one section, an author in another, and (once they join
 * the team "own", under "parent") a member through teams, with and without children.
 */
const ROOTS = "roots@viewer.test";
const ORG = {
  teams: [
    { key: "parent", name: "Parent", parent: null },
    { key: "own", name: "Own", parent: "parent" },
  ],
  people: [{ email: ROOTS, name: "Rita Roots", audience: "organisational" }],
  sections: [
    { slug: "direct", title: "Direct", parent: null, restricted: false, members: [ROOTS] },
    { slug: "role", title: "Role", parent: null, restricted: false, roles: [{ person: ROOTS, role: "author" }] },
    { slug: "team", title: "Team", parent: null, restricted: false, teams: [{ team: "own", includeChildren: false }] },
    { slug: "parent-with-children", title: "Parent with children", parent: null, restricted: false, teams: [{ team: "parent", includeChildren: true }] },
    // A parent team added without its children grants its own members only.
    { slug: "parent-alone", title: "Parent alone", parent: null, restricted: false, teams: [{ team: "parent", includeChildren: false }] },
    { slug: "unrelated", title: "Unrelated", parent: null, restricted: false },
  ],
};

let h: Harness;
let serial = 0;

/** A unique person whose sessions are valid from an hour before NOW. */
async function makePerson(fields: Partial<typeof people.$inferInsert> = {}) {
  serial++;
  const [row] = await h.db
    .insert(people)
    .values({
      email: `viewer-${serial}-${randomUUID().slice(0, 8)}@example.org`,
      name: `Viewer ${serial}`,
      audience: "organisational",
      sessionsValidFrom: minutesBefore(60),
      ...fields,
    })
    .returning();
  return row!;
}

/** A session that started ten minutes before NOW, well after sessionsValidFrom. */
const sessionOf = (p: { id: string; audience: "organisational" | "external" }) => ({
  personId: p.id,
  signedInAt: ms(minutesBefore(10)),
  audience: p.audience,
});

async function lastAccessOf(id: string) {
  const [row] = await h.db.select({ at: people.lastAccessAt }).from(people).where(eq(people.id, id));
  return row!.at;
}

beforeAll(async () => {
  h = await createHarness(ORG);
});
afterAll(async () => h?.close());

describe("loadViewer (P3, P4, E1)", () => {
  it("turns a session into the viewer, re-read from the database", async () => {
    const p = await makePerson({ roles: ["webmaster"] });
    const viewer = await loadViewer(h.db, sessionOf(p), NOW);
    expect(viewer).toEqual({
      id: p.id,
      name: p.name,
      email: p.email,
      audience: "organisational",
      isWebmaster: true,
      sessionAudienceStale: false,
      canViewTeams: true,
      sessionId: null,
      mustEnrolTwoFactor: false,
      grantRoots: [],
      imageId: null,
      moderates: true, // K2: a webmaster moderates everywhere
      // E5: every directory and app is on by default, and staff use them all.
      apps: { groups: true, ideas: true, messageWall: true, queries: true, users: true, teams: true, locations: true },
    });
  });

  it("reads the roots of the person's grants live with the account (S2, S7)", async () => {
    const p = { id: h.person(ROOTS) };
    const [direct, byRole, byTeam, byParentTeamWithChildren, byParentTeamAlone, unrelated] = [
      h.section("direct"),
      h.section("role"),
      h.section("team"),
      h.section("parent-with-children"),
      h.section("parent-alone"),
      h.section("unrelated"),
    ];
    const own = h.team("own");
    // Each read is a new request's: the real loadViewer, now.
    const rootsNow = async () => [...((await viewerOf(ROOTS)).grantRoots ?? [])].sort((a, b) => a - b);

    expect(await rootsNow()).toEqual([direct, byRole]);
    await h.db.insert(teamMembers).values({ teamId: own, personId: p.id });
    expect(await rootsNow()).toEqual([direct, byRole, byTeam, byParentTeamWithChildren].sort((a, b) => a - b));
    expect(await rootsNow()).not.toContain(byParentTeamAlone);
    expect(await rootsNow()).not.toContain(unrelated);
    // Leaving the team takes its grants away on the next read (S2: read live, nothing copied).
    await h.db.delete(teamMembers).where(eq(teamMembers.personId, p.id));
    expect(await rootsNow()).toEqual([direct, byRole]);
  });

  it("is not a webmaster without the role", async () => {
    const p = await makePerson();
    expect((await loadViewer(h.db, sessionOf(p), NOW))?.isWebmaster).toBe(false);
  });

  it("gives no viewer for an unknown person", async () => {
    expect(await loadViewer(h.db, { personId: randomUUID(), signedInAt: ms(NOW), audience: "organisational" }, NOW)).toBeNull();
  });

  it("ends a blocked person's session at the next request (P3)", async () => {
    const p = await makePerson();
    expect(await loadViewer(h.db, sessionOf(p), NOW)).not.toBeNull();
    await h.db.update(people).set({ blocked: true }).where(eq(people.id, p.id));
    expect(await loadViewer(h.db, sessionOf(p), NOW)).toBeNull();
  });

  it("refuses a session that started before the account's sessionsValidFrom, to the millisecond", async () => {
    const validFrom = new Date("2026-05-04T11:30:00.000Z");
    const p = await makePerson({ sessionsValidFrom: validFrom });
    const at = (signedInAt: number) => loadViewer(h.db, { personId: p.id, signedInAt, audience: "organisational" }, NOW);
    expect(await at(ms(validFrom) - 1)).toBeNull();
    expect(await at(ms(validFrom) - 3600)).toBeNull();
    expect(await at(ms(validFrom))).not.toBeNull();
    expect(await at(ms(validFrom) + 60)).not.toBeNull();
    // A password change or block moves sessionsValidFrom: the same session stops working.
    await h.db.update(people).set({ sessionsValidFrom: new Date(validFrom.getTime() + 120_000) }).where(eq(people.id, p.id));
    expect(await at(ms(validFrom) + 60)).toBeNull();
  });

  it("reflects an audience changed in the database and marks the session's claim stale (E1)", async () => {
    const p = await makePerson({ roles: ["webmaster"] });
    const session = sessionOf(p); // issued while organisational
    await h.db.update(people).set({ audience: "external", roles: [] }).where(eq(people.id, p.id));
    const viewer = await loadViewer(h.db, session, NOW);
    expect(viewer).toMatchObject({ id: p.id, audience: "external", isWebmaster: false, sessionAudienceStale: true });
    // A session issued after the change agrees with the account.
    expect(await loadViewer(h.db, { ...session, audience: "external" }, NOW)).toMatchObject({ audience: "external", sessionAudienceStale: false });
    // A session without an audience claim is not called stale.
    expect(await loadViewer(h.db, { personId: p.id, signedInAt: session.signedInAt }, NOW)).toMatchObject({ sessionAudienceStale: false });
  });

  it("never makes an external person a webmaster, even if the roles column says so (P2)", async () => {
    const p = await makePerson({ audience: "external", roles: ["webmaster"] });
    const viewer = await loadViewer(h.db, sessionOf(p), NOW);
    expect(viewer).toMatchObject({ audience: "external", isWebmaster: false });
  });

  it("records last access when there is none (P4)", async () => {
    const p = await makePerson();
    expect(await lastAccessOf(p.id)).toBeNull();
    await loadViewer(h.db, sessionOf(p), NOW);
    expect((await lastAccessOf(p.id))?.toISOString()).toBe(NOW.toISOString());
  });

  it("rewrites last access when it is more than five minutes old (P4)", async () => {
    const p = await makePerson({ lastAccessAt: minutesBefore(6) });
    await loadViewer(h.db, sessionOf(p), NOW);
    expect((await lastAccessOf(p.id))?.toISOString()).toBe(NOW.toISOString());
  });

  it("does not rewrite last access within five minutes (P4)", async () => {
    const recent = minutesBefore(4);
    const p = await makePerson({ lastAccessAt: recent });
    await loadViewer(h.db, sessionOf(p), NOW);
    expect((await lastAccessOf(p.id))?.toISOString()).toBe(recent.toISOString());
    // A request just over five minutes after the recorded access writes it again.
    const later = new Date(recent.getTime() + 5 * 60_000 + 1000);
    await loadViewer(h.db, sessionOf(p), later);
    expect((await lastAccessOf(p.id))?.toISOString()).toBe(later.toISOString());
  });

  it("writes no last access for a refused session (P3, P4)", async () => {
    const blocked = await makePerson({ blocked: true });
    await loadViewer(h.db, sessionOf(blocked), NOW);
    expect(await lastAccessOf(blocked.id)).toBeNull();
    const p = await makePerson({ sessionsValidFrom: NOW });
    await loadViewer(h.db, { personId: p.id, signedInAt: ms(NOW) - 1, audience: "organisational" }, NOW);
    expect(await lastAccessOf(p.id)).toBeNull();
  });
});
