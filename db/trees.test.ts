/**
 * The incremental tree upkeep (add, move, restrict) must leave exactly what a full
 * rebuild would (S3 cascades, S5 effectively restricted), and refuse cycles.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "./connect";
import { rowsOf } from "./connect";
import { sections, teams } from "./schema";
import { createTestDatabase } from "./testing";
import {
  TreeCycleError,
  addSectionToTree,
  addTeamToTree,
  moveSectionInTree,
  moveTeamInTree,
  rebuildSectionClosure,
  rebuildTeamClosure,
  refreshEffectivelyRestricted,
} from "./trees";

let conn: Connection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(async () => conn?.close());

type Snapshot = { closure: string[]; restricted: string[] };

async function snapshot(kind: "section" | "team"): Promise<Snapshot> {
  const closure = rowsOf<{ k: string }>(
    await conn.db.execute(sql.raw(`select ancestor_id || '>' || descendant_id || '@' || depth as k from ${kind}_closure order by 1`)),
  ).map((r) => r.k);
  const restricted =
    kind === "section"
      ? rowsOf<{ k: string }>(await conn.db.execute(sql`select id || ':' || effectively_restricted as k from sections order by id`)).map((r) => r.k)
      : [];
  return { closure, restricted };
}

async function rebuilt(kind: "section" | "team"): Promise<Snapshot> {
  // Compare with a full rebuild inside a transaction that is rolled back.
  let result: Snapshot | undefined;
  await conn.db
    .transaction(async (tx) => {
      if (kind === "section") await rebuildSectionClosure(tx);
      else await rebuildTeamClosure(tx);
      const closure = rowsOf<{ k: string }>(
        await tx.execute(sql.raw(`select ancestor_id || '>' || descendant_id || '@' || depth as k from ${kind}_closure order by 1`)),
      ).map((r) => r.k);
      const restricted =
        kind === "section"
          ? rowsOf<{ k: string }>(await tx.execute(sql`select id || ':' || effectively_restricted as k from sections order by id`)).map((r) => r.k)
          : [];
      result = { closure, restricted };
      throw new Error("rollback");
    })
    .catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });
  return result!;
}

describe("incremental section tree upkeep (S3, S5)", () => {
  it("matches a full rebuild after random adds, moves and restriction changes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant("add" as const), parent: fc.option(fc.nat(20)), restricted: fc.boolean() }),
            fc.record({ op: fc.constant("move" as const), node: fc.nat(20), parent: fc.option(fc.nat(20)) }),
            fc.record({ op: fc.constant("restrict" as const), node: fc.nat(20), restricted: fc.boolean() }),
          ),
          { minLength: 1, maxLength: 25 },
        ),
        async (ops) => {
          await conn.db.execute(sql`delete from section_closure`);
          await conn.db.execute(sql`delete from sections`);
          const ids: number[] = [];
          for (const op of ops) {
            const pick = (n: number) => ids[n % ids.length]!;
            if (op.op === "add") {
              const parentId = op.parent === null || !ids.length ? null : pick(op.parent);
              const [row] = await conn.db
                .insert(sections)
                .values({ slug: `s-${ids.length}-${Math.random().toString(36).slice(2, 8)}`, title: "S", parentId, restricted: op.restricted })
                .returning({ id: sections.id });
              await addSectionToTree(conn.db, row!.id, parentId);
              ids.push(row!.id);
            } else if (op.op === "move" && ids.length) {
              const node = pick(op.node);
              const parentId = op.parent === null ? null : pick(op.parent);
              await conn.db
                .transaction(async (tx) => moveSectionInTree(tx, node, parentId))
                .catch((e) => {
                  if (!(e instanceof TreeCycleError)) throw e;
                });
            } else if (op.op === "restrict" && ids.length) {
              const node = pick(op.node);
              await conn.db.execute(sql`update sections set restricted = ${op.restricted} where id = ${node}`);
              await refreshEffectivelyRestricted(conn.db, node);
            }
          }
          expect(await snapshot("section")).toEqual(await rebuilt("section"));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses to move a section under its own descendant and changes nothing", async () => {
    await conn.db.execute(sql`delete from section_closure`);
    await conn.db.execute(sql`delete from sections`);
    const [a] = await conn.db.insert(sections).values({ slug: "cyc-a", title: "A" }).returning({ id: sections.id });
    await addSectionToTree(conn.db, a!.id, null);
    const [b] = await conn.db.insert(sections).values({ slug: "cyc-b", title: "B", parentId: a!.id }).returning({ id: sections.id });
    await addSectionToTree(conn.db, b!.id, a!.id);
    const before = await snapshot("section");
    await expect(conn.db.transaction(async (tx) => moveSectionInTree(tx, a!.id, b!.id))).rejects.toBeInstanceOf(TreeCycleError);
    await expect(conn.db.transaction(async (tx) => moveSectionInTree(tx, a!.id, a!.id))).rejects.toBeInstanceOf(TreeCycleError);
    expect(await snapshot("section")).toEqual(before);
  });
});

describe("incremental team tree upkeep (P5, S2)", () => {
  it("matches a full rebuild after random adds and moves", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant("add" as const), parent: fc.option(fc.nat(20)) }),
            fc.record({ op: fc.constant("move" as const), node: fc.nat(20), parent: fc.option(fc.nat(20)) }),
          ),
          { minLength: 1, maxLength: 25 },
        ),
        async (ops) => {
          await conn.db.execute(sql`delete from team_closure`);
          await conn.db.execute(sql`delete from teams`);
          const ids: number[] = [];
          for (const op of ops) {
            const pick = (n: number) => ids[n % ids.length]!;
            if (op.op === "add") {
              const parentId = op.parent === null || !ids.length ? null : pick(op.parent);
              const [row] = await conn.db
                .insert(teams)
                .values({ key: `t-${ids.length}-${Math.random().toString(36).slice(2, 8)}`, name: "T", parentId })
                .returning({ id: teams.id });
              await addTeamToTree(conn.db, row!.id, parentId);
              ids.push(row!.id);
            } else if (ids.length) {
              const node = pick(op.node);
              const parentId = op.parent === null ? null : pick(op.parent);
              await conn.db
                .transaction(async (tx) => moveTeamInTree(tx, node, parentId))
                .catch((e) => {
                  if (!(e instanceof TreeCycleError)) throw e;
                });
            }
          }
          expect(await snapshot("team")).toEqual(await rebuilt("team"));
        },
      ),
      { numRuns: 40 },
    );
  });
});
