import "server-only";
/**
 * E6: whom to suggest after "@" while writing an item or a comment on it (or on an idea, a
 * wall post or a query): people matching the text who (a) can view the item — for one not
 * yet out, who could view it once published in its place; for an app's entry, who may use
 * the app (lib/access/item-viewers.ts) — and (b) the writer may find at all (E4 E5: lib/access/pickers.ts,
 * the one rule for every people picker). At most MENTION_SUGGESTIONS_MAX, in one query
 * along the people trigram indexes; never the writer themself, never blocked people.
 * The caller has checked the writer may write there (lib/mentions/actions.ts).
 */
import { type SQL, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { content, contentShares } from "@/db/schema";
import { type ItemPlace, personMayViewAppTarget, personMayViewPublishedItem } from "@/lib/access/item-viewers";
import { pickPeople } from "@/lib/access/pickers";
import type { AccessSubject } from "@/lib/access/types";
import { MENTION_QUERY_MIN, MENTION_SUGGESTIONS_MAX, type MentionFor, type MentionSuggestion } from "./schemas";

/** Where the item is (or, for a new draft, will be); null for an item that does not exist. */
export async function placeOf(target: { id: string } | { sectionId: number } | { groupId: number }, db: Db): Promise<ItemPlace | null> {
  if ("sectionId" in target) return { homeSectionId: target.sectionId, homeGroupId: null, sharedInto: [] };
  if ("groupId" in target) return { homeSectionId: null, homeGroupId: target.groupId, sharedInto: [] };
  const [item] = await db.select({ homeSectionId: content.homeSectionId, homeGroupId: content.homeGroupId }).from(content).where(eq(content.id, target.id)).limit(1);
  if (!item) return null;
  const shares = await db.select({ sectionId: contentShares.sectionId }).from(contentShares).where(eq(contentShares.contentId, target.id));
  return { ...item, sharedInto: shares.map((s) => s.sectionId) };
}

/** SQL on `people`: who can view what is being written about (K1: an idea, wall post or query by its app's rules); null when it does not exist. */
async function viewersOf(target: MentionFor, db: Db): Promise<SQL | null> {
  if ("target" in target && target.target.kind !== "content") return personMayViewAppTarget({ kind: target.target.kind, id: target.target.id });
  const place = await placeOf("target" in target ? { id: target.target.id } : target, db);
  return place ? personMayViewPublishedItem(place) : null;
}

export async function suggestMentions(
  writer: AccessSubject,
  target: MentionFor,
  query: string,
  options: { db?: Db; limit?: number } = {},
): Promise<MentionSuggestion[]> {
  if (query.trim().length < MENTION_QUERY_MIN) return [];
  const db = options.db ?? (await getDb());
  const viewers = await viewersOf(target, db);
  if (!viewers) return [];
  const found = await pickPeople(writer, query, {
    db,
    limit: options.limit ?? MENTION_SUGGESTIONS_MAX,
    excludeIds: [writer.id],
    where: viewers,
  });
  // Names only: the writer is choosing whom to mention, not reading the directory.
  return found.map((p) => ({ id: p.id, name: p.name, audience: p.audience }));
}
