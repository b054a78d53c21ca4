/**
 * Keeps the derived tree data right: the closure tables of teams and sections and each
 * section's effectively-restricted flag (own flag or any ancestor's, S5). Set-based SQL,
 * so it stays fast at thousands of sections; call inside the transaction that changed
 * the tree or a flag.
 */
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "./connect";

type Executor = Pick<Db, "execute">;

export async function rebuildTeamClosure(db: Executor): Promise<void> {
  await db.execute(sql`delete from team_closure`);
  await db.execute(sql`
    insert into team_closure (ancestor_id, descendant_id, depth)
    with recursive walk (ancestor_id, descendant_id, depth) as (
      select id, id, 0 from teams
      union all
      select walk.ancestor_id, t.id, walk.depth + 1 from walk join teams t on t.parent_id = walk.descendant_id
    )
    select ancestor_id, descendant_id, depth from walk`);
}

export async function rebuildSectionClosure(db: Executor): Promise<void> {
  await db.execute(sql`delete from section_closure`);
  await db.execute(sql`
    insert into section_closure (ancestor_id, descendant_id, depth)
    with recursive walk (ancestor_id, descendant_id, depth) as (
      select id, id, 0 from sections
      union all
      select walk.ancestor_id, s.id, walk.depth + 1 from walk join sections s on s.parent_id = walk.descendant_id
    )
    select ancestor_id, descendant_id, depth from walk`);
  await db.execute(sql`
    update sections s set effectively_restricted = exists (
      select 1 from section_closure c join sections a on a.id = c.ancestor_id
      where c.descendant_id = s.id and a.restricted
    )`);
}

/*
 * Incremental upkeep for changes made in the app (one section or team at a time), so a
 * change touches only the rows it affects instead of rebuilding whole tables.
 */

type Tree = { nodes: string; closure: string };
const SECTION_TREE: Tree = { nodes: "sections", closure: "section_closure" };
const TEAM_TREE: Tree = { nodes: "teams", closure: "team_closure" };

/** Closure rows for a new leaf: itself, and every ancestor of its parent. */
async function insertLeaf(db: Executor, tree: Tree, id: number, parentId: number | null): Promise<void> {
  await db.execute(sql`insert into ${sql.raw(tree.closure)} (ancestor_id, descendant_id, depth) values (${id}, ${id}, 0)`);
  if (parentId !== null) {
    await db.execute(sql`
      insert into ${sql.raw(tree.closure)} (ancestor_id, descendant_id, depth)
      select c.ancestor_id, ${id}::int, c.depth + 1 from ${sql.raw(tree.closure)} c where c.descendant_id = ${parentId}`);
  }
}

/**
 * Moves a subtree under a new parent (null: to the top). Refuses a move under itself or
 * one of its own descendants, which would make a cycle.
 */
async function moveSubtree(db: Executor, tree: Tree, id: number, newParentId: number | null): Promise<void> {
  const closure = sql.raw(tree.closure);
  if (newParentId !== null) {
    const cycle = await db.execute(sql`select 1 from ${closure} where ancestor_id = ${id} and descendant_id = ${newParentId}`);
    if (rowsOf(cycle).length > 0) throw new TreeCycleError();
  }
  // Unlink the subtree from its old ancestors (pairs that cross the subtree's boundary).
  await db.execute(sql`
    delete from ${closure} c
    where c.descendant_id in (select descendant_id from ${closure} where ancestor_id = ${id})
      and c.ancestor_id not in (select descendant_id from ${closure} where ancestor_id = ${id})`);
  await db.execute(sql`update ${sql.raw(tree.nodes)} set parent_id = ${newParentId} where id = ${id}`);
  if (newParentId !== null) {
    await db.execute(sql`
      insert into ${closure} (ancestor_id, descendant_id, depth)
      select up.ancestor_id, down.descendant_id, up.depth + down.depth + 1
      from ${closure} up cross join ${closure} down
      where up.descendant_id = ${newParentId} and down.ancestor_id = ${id}`);
  }
}

export class TreeCycleError extends Error {
  constructor() {
    super("A section or team cannot be moved under itself or one of its own descendants.");
  }
}

/** S5: recomputes effectively_restricted for a section and everything below it. */
export async function refreshEffectivelyRestricted(db: Executor, sectionId: number): Promise<void> {
  await db.execute(sql`
    update sections s set effectively_restricted = exists (
      select 1 from section_closure c join sections a on a.id = c.ancestor_id
      where c.descendant_id = s.id and a.restricted
    )
    where s.id in (select descendant_id from section_closure where ancestor_id = ${sectionId})`);
}

/** After inserting a section row: its closure rows and its effectively_restricted flag. */
export async function addSectionToTree(db: Executor, id: number, parentId: number | null): Promise<void> {
  await insertLeaf(db, SECTION_TREE, id, parentId);
  await refreshEffectivelyRestricted(db, id);
}

export async function moveSectionInTree(db: Executor, id: number, newParentId: number | null): Promise<void> {
  await moveSubtree(db, SECTION_TREE, id, newParentId);
  await refreshEffectivelyRestricted(db, id);
}

/** After inserting a team row: its closure rows. */
export async function addTeamToTree(db: Executor, id: number, parentId: number | null): Promise<void> {
  await insertLeaf(db, TEAM_TREE, id, parentId);
}

export async function moveTeamInTree(db: Executor, id: number, newParentId: number | null): Promise<void> {
  await moveSubtree(db, TEAM_TREE, id, newParentId);
}
