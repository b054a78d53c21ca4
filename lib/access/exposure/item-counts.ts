import "server-only";
/**
 * B4: how many published items the sections and groups of an exposure report hold: each
 * section's listing (homed in it or shared into it, C2), each group's own, and the distinct
 * total over all of them (an item homed in one and shared into another counts once).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { intArray } from "@/db/sql";

export interface ItemCounts {
  bySection: Map<number, number>;
  byGroup: Map<number, number>;
  total: number;
}

export async function countItems(db: Db, sectionIds: readonly number[], groupIds: readonly number[]): Promise<ItemCounts> {
  const sectionsArr = intArray(sectionIds);
  const groupsArr = intArray(groupIds);
  const [perSection, perGroup, total] = await Promise.all([
    sectionIds.length
      ? db.execute(sql`
          select x.section_id, count(*)::int as n from (
            select c.home_section_id as section_id, c.id from content c
            where c.status = 'published' and c.home_section_id = any(${sectionsArr})
            union
            select cs.section_id, cs.content_id from content_shares cs join content c on c.id = cs.content_id
            where c.status = 'published' and cs.section_id = any(${sectionsArr})
          ) x group by x.section_id`)
      : null,
    groupIds.length
      ? db.execute(sql`
          select c.home_group_id as group_id, count(*)::int as n from content c
          where c.status = 'published' and c.home_group_id = any(${groupsArr}) group by c.home_group_id`)
      : null,
    sectionIds.length || groupIds.length
      ? db.execute(sql`
          select count(*)::int as n from content c
          where c.status = 'published' and (
            c.home_section_id = any(${sectionsArr})
            or c.home_group_id = any(${groupsArr})
            or exists (select 1 from content_shares cs where cs.content_id = c.id and cs.section_id = any(${sectionsArr}))
          )`)
      : null,
  ]);
  const bySection = new Map<number, number>();
  for (const r of perSection ? rowsOf<{ section_id: number; n: number }>(perSection) : []) bySection.set(Number(r.section_id), Number(r.n));
  const byGroup = new Map<number, number>();
  for (const r of perGroup ? rowsOf<{ group_id: number; n: number }>(perGroup) : []) byGroup.set(Number(r.group_id), Number(r.n));
  const [t] = total ? rowsOf<{ n: number }>(total) : [];
  return { bySection, byGroup, total: Number(t?.n ?? 0) };
}
