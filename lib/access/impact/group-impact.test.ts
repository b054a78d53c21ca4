/**
 * B4: the impact of a group's visibility (G1) and of the external access switches (E5, G3)
 * against the reference model. On random organisations, a random group's visibility set to
 * another value, or a random switch turned the other way, is measured the way the preview
 * measures it; the figures must equal the difference of the reference model of the
 * organisation before and after (who gains or loses reading groups' content, how many of them
 * external, how many groups and published items), every other switch must be reported as the
 * app every external person gains or loses (none while the app is off for everyone), and the
 * preview must change nothing.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import type { OrgFile } from "@/lib/org-file/schema";
import { EXTERNAL_APPS, type ExternalAccess, type ExternalApp } from "@/lib/settings/schemas";
import { orgArb, withoutPasswords } from "@/lib/testing/random-org";
import { loadRandomOrg, randomOrgDatabase } from "@/lib/testing/random-org-database";
import { expectImpactAsModelled } from "../testing/impact-model";
import { measureExternalAccessImpact, measureGroupVisibilityImpact } from "./group-impact";
import { rolledBack } from "./rollback";

const NUM_RUNS = Math.max(10, Math.round(Number(process.env.FC_RUNS ?? 120) / 2));
const VISIBILITIES = ["public", "private", "secret"] as const;

type Change = { kind: "visibility"; group: string; to: (typeof VISIBILITIES)[number] } | { kind: "switch"; app: ExternalApp };

function changeFor(org: OrgFile, pick: { kind: boolean; index: number; other: number }): Change {
  if (pick.kind && org.groups.length) {
    const g = org.groups[pick.index % org.groups.length]!;
    const others = VISIBILITIES.filter((v) => v !== g.visibility);
    return { kind: "visibility", group: g.slug, to: others[pick.other % others.length]! };
  }
  // The Groups switch half of the time: it is the one that changes content access.
  return { kind: "switch", app: pick.other % 2 === 0 ? "groups" : EXTERNAL_APPS[pick.index % EXTERNAL_APPS.length]! };
}

const switchesOf = (org: OrgFile): ExternalAccess =>
  Object.fromEntries(EXTERNAL_APPS.map((a) => [a, org.settings?.externalAccess?.[a] === true])) as ExternalAccess;

function changed(org: OrgFile, change: Change): OrgFile {
  if (change.kind === "visibility") return { ...org, groups: org.groups.map((g) => (g.slug === change.group ? { ...g, visibility: change.to } : g)) };
  const now = switchesOf(org);
  return { ...org, settings: { ...org.settings, externalAccess: { ...now, [change.app]: !now[change.app] } } };
}

describe("the group and switch impact previews equal the reference model's difference (B4 G1 G3 E5)", () => {
  const connection = randomOrgDatabase();

  it("B4 G1 G3 E5: the preview equals the model's difference for random visibility and switch changes", { timeout: Math.max(600_000, NUM_RUNS * 6_000) }, async () => {
    const pickArb = fc.record({ kind: fc.boolean(), index: fc.nat(20), other: fc.nat(20) });
    await fc.assert(
      fc.asyncProperty(orgArb.map(withoutPasswords), pickArb, async (org, pick) => {
        const change = changeFor(org, pick);
        const conn = connection();
        const db = conn.db;
        await loadRandomOrg(conn, org, { reset: true });
        const state = async () =>
          rowsOf(
            await db.execute(sql`select (select string_agg(id || ':' || visibility, ',' order by id) from groups) as groups,
              (select value::text from settings where key = 'externalAccess') as switches, (select count(*)::int from group_members) as members`),
          );
        const before = await state();
        // Ids are read before the preview: on PGlite a query outside its transaction would wait for it.
        const groupId =
          change.kind === "visibility" ? Number(rowsOf<{ id: number }>(await db.execute(sql`select id from groups where slug = ${change.group}`))[0]!.id) : 0;
        const after = changed(org, change);
        const impact = await rolledBack(db, (tx) =>
          change.kind === "visibility" ? measureGroupVisibilityImpact(tx, groupId, change.to) : measureExternalAccessImpact(tx, switchesOf(after)),
        );
        const what = `${JSON.stringify(change)} on ${JSON.stringify(org)}`;
        expectImpactAsModelled(impact, org, after, what);
        // Every other switch: the app or directory, for every external person who is not blocked, while the app is on.
        const externals = org.people.filter((p) => p.audience === "external" && !p.blocked).length;
        const appOn = change.kind === "switch" && (org.settings?.appsEnabled as Record<string, boolean> | undefined)?.[change.app] !== false;
        const expectedApps =
          change.kind === "switch" && change.app !== "groups" && appOn
            ? [{ app: change.app, change: switchesOf(after)[change.app] ? "gives" : "removes", people: externals }]
            : [];
        expect(
          impact.apps.map(({ label: _label, ...a }) => a),
          `apps: ${what}`,
        ).toEqual(expectedApps);
        expect(await state(), `the preview changed nothing: ${what}`).toEqual(before);
      }),
      { numRuns: NUM_RUNS, endOnFailure: process.env.CI === "true" },
    );
  });
});
