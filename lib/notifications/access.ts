import "server-only";
/**
 * K5 C4 E6: a notification is decided when it is delivered. Whether its recipient may be
 * told of it, asked as the recipient with the very predicates the pages use
 * (visibleContent, visibleGroups), at the moment it is listed, counted or e-mailed:
 *   - its item, if any, is one they may view now (C2; a draft only to those who see drafts);
 *   - its idea, wall post or query, if any, is one they may view now (E5: they may use the
 *     app, and it is on; a hidden wall post only to its author and the wall's moderators),
 *     by the comment targets' own rules (lib/comments/target.ts);
 *   - its comment, if any, is neither hidden nor deleted (K2);
 *   - its group, if any, may be shown to them (G1: a secret group only to its members);
 *   - a join request only to someone who still administers the group (or a webmaster, G5);
 * A notification that fails is invisible: not listed, not counted, not e-mailed.
 */
import { type SQL, sql } from "drizzle-orm";
import { visibleContent, visibleGroups } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import { onTargetById } from "@/lib/comments/target";

/** Predicate on a notifications row (alias `n` unless given) for `recipient`. */
export function deliverableTo(recipient: AccessSubject, n: SQL = sql.raw("n")): SQL {
  const groupAdmin = recipient.isWebmaster
    ? sql`true`
    : sql`exists (select 1 from group_members gm_d where gm_d.group_id = ${n}.group_id and gm_d.person_id = ${recipient.id} and gm_d.is_admin)`;
  return sql`(
    (${n}.content_id is null or exists (select 1 from content where content.id = ${n}.content_id and ${visibleContent(recipient)}))
    and (${n}.comment_id is null or exists (select 1 from comments c_d where c_d.id = ${n}.comment_id and c_d.hidden_at is null and c_d.deleted_at is null))
    and (${n}.group_id is null or exists (select 1 from groups where groups.id = ${n}.group_id and ${visibleGroups(recipient)}))
    and (${n}.idea_id is null or ${onTargetById("idea", sql`${n}.idea_id`, (t) => t.mayView(recipient))})
    and (${n}.wall_post_id is null or ${onTargetById("wallPost", sql`${n}.wall_post_id`, (t) => t.mayView(recipient))})
    and (${n}.query_id is null or ${onTargetById("query", sql`${n}.query_id`, (t) => t.mayView(recipient))})
    and (${n}.kind <> 'group_request' or ${groupAdmin})
  )`;
}

/**
 * The same rule for many recipients at once: `personColumn` (an SQL column holding each
 * recipient's id) stands in for the viewer's id. The predicates only ever put viewer.id
 * into SQL, and otherwise branch on audience and webmaster, so callers ask once for each
 * (audience, webmaster) pair with every recipient of that pair in one query.
 */
export function deliverableToEach(personColumn: SQL, who: Pick<AccessSubject, "audience" | "isWebmaster">, n?: SQL): SQL {
  return deliverableTo({ id: personColumn as unknown as string, audience: who.audience, isWebmaster: who.isWebmaster }, n);
}
