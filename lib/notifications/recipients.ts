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
 * - content_mention: the people named (mention). group_request: the group's admins.
 *   group_invitation: the people invited.
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

function reasonsFor(event: StoredEvent): SQL | null {
  switch (event.kind) {
    case "comment": {
      if (!event.contentId || !event.commentId) return null;
      const commentId = sql`${event.commentId}::uuid`;
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
