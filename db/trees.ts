/**
 * Keeps the derived tree data right: the closure tables of teams and sections and each
 * section's effectively-restricted flag (own flag or any ancestor's, S5). Set-based SQL,
 * so it stays fast at thousands of sections; call inside the transaction that changed
 * the tree or a flag.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./connect";

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
