import "server-only";
/**
 * K5: who an event may notify, and for which reason (kind), before anyone's access is
 * checked. One query an event, set-based: followers are read along the follows indexes,
 * however many there are.
 *
 * - comment: the item's author (comment_on_my_item), the parent comment's author (reply),
 *   the people the comment mentions (mention, E6), and the followers (comment_on_followed)
 *   of the item, of the sections it appears in or any section above them (following a
 *   section follows what is below it, as membership cascades, S3), of its group and of the
 *   comment's author.
 * - content: S7 role holders of the item's home section or a section it is shared into,
 *   held there or above (content_role); the followers of the item, of those sections or
 *   any above, of its group and of its author (content_followed).
 * - comment on an idea, a wall post or a query (lib/comments/target.ts): its author or asker
 *   (comment_on_my_item), the parent comment's author (reply), the people mentioned
 *   (mention), and the followers (comment_on_followed) of the idea (G8) and of the
 *   comment's author.
 * - content_mention, and mention (a wall post's, G4): the people named (mention). group_request: the group's admins.
 *   group_invitation: the people invited.
 * - idea_status: the idea's author and its followers (G8).
 * - query_new: the members of the team it was sent to; query_answer: its asker;
 *   query_resolved: everyone who answered it, and its asker (when a moderator accepted) (G8).
 *
 * One reason a person (the strongest, KIND_PRIORITY); never the actor; never a blocked
 * person. Whether each may view what it is about is decided next (./fan-out.ts), as them.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { KIND_PRIORITY, type NotificationKind } from "./kinds";

export interface StoredEvent {
  id: number;
  kind: string;
  actorId: string | null;
  contentId: string | null;
  commentId: string | null;
  groupId: number | null;
  ideaId?: string | null;
  wallPostId?: string | null;
  queryId?: string | null;
  recipientIds: string[] | null;
  detail: string | null;
  createdAt?: string;
}

export interface Candidate {
  personId: string;
  audience: "organisational" | "external";
  isWebmaster: boolean;
  kind: NotificationKind;
}

const reason = (kind: NotificationKind) => sql`${kind}::text as kind, ${KIND_PRIORITY[kind]}::int as prio`;

function named(ids: string[] | null): SQL {
  // A uuid[] literal; the ids were written by our own actions, and are cast, never spliced.
  return sql`unnest(${`{${(ids ?? []).filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(",")}}`}::uuid[])`;
}

/** The sections an item appears in (home and shares) and every section above them. */
function sectionsAround(contentId: string): SQL {
  return sql`(
    select sc.ancestor_id from section_closure sc
    where sc.descendant_id in (
      select c_home.home_section_id from content c_home where c_home.id = ${contentId}::uuid and c_home.home_section_id is not null
      union select cs.section_id from content_shares cs where cs.content_id = ${contentId}::uuid
    )
  )`;
}

/** Followers of the item, the sections around it, its group and of `personColumn`'s person. */
function followersOf(contentId: string, person: SQL, kind: NotificationKind): SQL {
  return sql`
    select f.person_id, ${reason(kind)} from follows f where f.content_id = ${contentId}::uuid
    union all select f.person_id, ${reason(kind)} from follows f where f.section_id in ${sectionsAround(contentId)}
    union all select f.person_id, ${reason(kind)} from follows f
      where f.group_id = (select c_g.home_group_id from content c_g where c_g.id = ${contentId}::uuid)
    union all select f.person_id, ${reason(kind)} from follows f where f.followed_person_id = (${person})`;
}

/** K1 K5: a comment on an idea, a wall post or a query (the target's own column is set on the event). */
function appCommentReasons(event: StoredEvent, commentId: SQL): SQL | null {
  const owner = event.ideaId
    ? sql`select i_o.author_id from ideas i_o where i_o.id = ${event.ideaId}::uuid`
    : event.wallPostId
      ? sql`select wp_o.author_id from wall_posts wp_o where wp_o.id = ${event.wallPostId}::uuid`
      : event.queryId
        ? sql`select q_o.asker_id from queries q_o where q_o.id = ${event.queryId}::uuid`
        : null;
  if (!owner) return null;
  const ideaFollowers = event.ideaId
    ? sql`union all select f.person_id, ${reason("comment_on_followed")} from follows f where f.idea_id = ${event.ideaId}::uuid`
    : sql``;
  return sql`
    select o.author_id as person_id, ${reason("comment_on_my_item")} from (${owner}) as o(author_id)
    union all select parent.author_id, ${reason("reply")} from comments cm join comments parent on parent.id = cm.parent_id where cm.id = ${commentId}
    union all select m.id, ${reason("mention")} from ${named(event.recipientIds)} as m(id)
    ${ideaFollowers}
    union all select f.person_id, ${reason("comment_on_followed")} from follows f
      where f.followed_person_id = (select cm_a.author_id from comments cm_a where cm_a.id = ${commentId})`;
}

function reasonsFor(event: StoredEvent): SQL | null {
  switch (event.kind) {
    case "comment": {
      if (!event.commentId) return null;
      const commentId = sql`${event.commentId}::uuid`;
      if (!event.contentId) return appCommentReasons(event, commentId);
      return sql`
        select c_i.author_id as person_id, ${reason("comment_on_my_item")} from content c_i where c_i.id = ${event.contentId}::uuid
        union all select parent.author_id, ${reason("reply")} from comments cm join comments parent on parent.id = cm.parent_id where cm.id = ${commentId}
        union all select m.id, ${reason("mention")} from ${named(event.recipientIds)} as m(id)
        union all ${followersOf(event.contentId, sql`select cm_a.author_id from comments cm_a where cm_a.id = ${commentId}`, "comment_on_followed")}`;
    }
    case "content": {
      if (!event.contentId) return null;
      // S7: a role on the home section or a section it is shared into, held there or above.
      // Items homed in a group have no section roles (groups have admins instead).
      return sql`
        select sr.person_id, ${reason("content_role")}
        from content c_r
        join section_closure sc on sc.descendant_id = c_r.home_section_id
          or sc.descendant_id in (select cs.section_id from content_shares cs where cs.content_id = c_r.id)
        join section_roles sr on sr.section_id = sc.ancestor_id
        where c_r.id = ${event.contentId}::uuid and c_r.home_section_id is not null
        union all ${followersOf(event.contentId, sql`select c_a.author_id from content c_a where c_a.id = ${event.contentId}::uuid`, "content_followed")}`;
    }
    case "content_mention":
      return event.contentId ? sql`select m.id, ${reason("mention")} from ${named(event.recipientIds)} as m(id)` : null;
    case "group_request":
      return event.groupId === null
        ? null
        : sql`select gm.person_id, ${reason("group_request")} from group_members gm where gm.group_id = ${event.groupId} and gm.is_admin`;
    case "group_invitation":
      return event.groupId === null ? null : sql`select m.id, ${reason("group_invitation")} from ${named(event.recipientIds)} as m(id)`;
    case "idea_status":
      return event.ideaId
        ? sql`select i_a.author_id, ${reason("idea_status")} from ideas i_a where i_a.id = ${event.ideaId}::uuid
          union all select f.person_id, ${reason("idea_status")} from follows f where f.idea_id = ${event.ideaId}::uuid`
        : null;
    case "mention":
      // G4 E6: the people a wall post mentions.
      return event.wallPostId ? sql`select m.id, ${reason("mention")} from ${named(event.recipientIds)} as m(id)` : null;
    case "query_new":
      return event.queryId
        ? sql`select tm.person_id, ${reason("query_new")} from queries q join team_members tm on tm.team_id = q.team_id where q.id = ${event.queryId}::uuid`
        : null;
    case "query_answer":
      return event.queryId ? sql`select q.asker_id, ${reason("query_answer")} from queries q where q.id = ${event.queryId}::uuid` : null;
    case "query_resolved":
      return event.queryId
        ? sql`select qa.author_id, ${reason("query_resolved")} from query_answers qa where qa.query_id = ${event.queryId}::uuid
            union all select q.asker_id, ${reason("query_resolved")} from queries q where q.id = ${event.queryId}::uuid`
        : null;
    default:
      return null;
  }
}

/** Everyone the event may notify, with their strongest reason; not yet checked for access. */
export async function candidatesOf(db: Db, event: StoredEvent): Promise<Candidate[]> {
  const reasons = reasonsFor(event);
  if (!reasons) return [];
  const actor = event.actorId ? sql`${event.actorId}::uuid` : sql`null::uuid`;
  return rowsOf<Candidate>(
    await db.execute(sql`
      select distinct on (p.id) p.id as "personId", p.audience::text as audience,
        (p.audience = 'organisational' and 'webmaster' = any(p.roles)) as "isWebmaster", r.kind
      from (${reasons}) as r(person_id, kind, prio)
      join people p on p.id = r.person_id
      where not p.blocked and p.id is distinct from ${actor}
      order by p.id, r.prio`),
  );
}
