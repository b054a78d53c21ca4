import "server-only";
/**
 * D7: the webmasters' changes to the vocabulary, each in the action's transaction, on every
 * kind of tagged thing at once (content, ideas, group files), so no item keeps an old name.
 * Renaming to a tag that already exists merges the two: items that had both keep one.
 * The search vectors follow by trigger (UPDATE OF tags, migration 0028).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { ActionError } from "@/lib/actions";
import { mergeNeedsConfirming } from "./admin-schemas";

const TAGGED_TABLES = ["content", "ideas", "group_files"] as const;

export interface TagChange {
  from: string;
  to: string | null;
  merged: boolean;
  /** How many items, ideas and files changed. */
  changed: number;
}

async function lockTag(tx: Db, name: string): Promise<void> {
  const [row] = rowsOf<{ name: string }>(await tx.execute(sql`select name from tags where name = ${name} for update`));
  if (!row) throw new ActionError("This tag no longer exists. Reload the page.");
}

/** Every tagged row's `tags` with `from` replaced by `to` (kept once, where it was first) or removed (`to` null). */
async function retag(tx: Db, from: string, to: string | null): Promise<number> {
  let changed = 0;
  for (const table of TAGGED_TABLES) {
    const replaced = to === null
      ? sql`array_remove(tags, ${from})`
      : sql`array(select u.tag from unnest(array_replace(tags, ${from}, ${to})) with ordinality u(tag, n) group by u.tag order by min(u.n))`;
    const rows = rowsOf<{ n: number }>(
      await tx.execute(sql`with changed as (update ${sql.identifier(table)} set tags = ${replaced} where tags @> array[${from}]::text[] returning 1) select count(*)::int as n from changed`),
    );
    changed += Number(rows[0]?.n ?? 0);
  }
  return changed;
}

/**
 * Renames `from` to `to`; when `to` is already a tag, the two become one (a merge), but only
 * when `merge` says the webmaster confirmed it: the page they renamed from may not have shown
 * the other tag (it lists a page at a time), so the server decides whether it is a merge.
 */
export async function renameTag(tx: Db, from: string, to: string, merge = false): Promise<TagChange> {
  if (from === to) throw new ActionError("The new name is the same as the old one.", "to");
  await lockTag(tx, from);
  const [existing] = rowsOf<{ name: string }>(await tx.execute(sql`select name from tags where name = ${to}`));
  if (existing && !merge) throw new ActionError(mergeNeedsConfirming(from, to), "to");
  await tx.execute(sql`insert into tags (name) values (${to}) on conflict do nothing`);
  const changed = await retag(tx, from, to);
  await tx.execute(sql`delete from tags where name = ${from}`);
  return { from, to, merged: Boolean(existing), changed };
}

/** Removes the tag from everything that carries it, and from the vocabulary. */
export async function deleteTag(tx: Db, name: string): Promise<TagChange> {
  await lockTag(tx, name);
  const changed = await retag(tx, name, null);
  await tx.execute(sql`delete from tags where name = ${name}`);
  return { from: name, to: null, merged: false, changed };
}
