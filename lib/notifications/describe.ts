import "server-only";
/**
 * K5: what a notification says and where it leads, read when it is shown or e-mailed
 * (never stored: titles and names may change, and may stop being viewable). Callers read
 * only rows that passed deliverableTo for their recipient (./access.ts), so every title
 * and name read here is one the recipient may see.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import type { NotificationKind } from "./kinds";

export interface NotificationFacts {
  id: number;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  actorName: string | null;
  contentId: string | null;
  contentTitle: string | null;
  contentIsDraft: boolean;
  commentId: string | null;
  /** The comment's first words (plain text), for mentions and replies. */
  commentExcerpt: string | null;
  detail: string | null;
  groupName: string | null;
  groupSlug: string | null;
}

/** The columns of NotificationFacts for a notifications row aliased `n`. */
export const FACT_COLUMNS: SQL = sql`
  n.id, n.kind::text as kind, n.created_at::text as "createdAt", n.read_at::text as "readAt",
  (select a.name from people a where a.id = n.actor_id) as "actorName",
  n.content_id as "contentId", ci.title as "contentTitle", coalesce(ci.status = 'draft', false) as "contentIsDraft",
  n.comment_id as "commentId", left(cmt.body, 200) as "commentExcerpt", n.detail,
  gi.name as "groupName", gi.slug as "groupSlug"`;

/** The joins FACT_COLUMNS reads. */
export const FACT_JOINS: SQL = sql`
  left join content ci on ci.id = n.content_id
  left join comments cmt on cmt.id = n.comment_id
  left join groups gi on gi.id = n.group_id`;

/** A bigint id arrives as a string from postgres.js and as a number from PGlite: always a number here. */
export const withNumberId = (f: NotificationFacts): NotificationFacts => ({ ...f, id: Number(f.id) });

/** Facts of these notifications (already checked for their recipient), oldest first. */
export async function factsOf(db: Db, ids: number[]): Promise<NotificationFacts[]> {
  if (!ids.length) return [];
  return rowsOf<NotificationFacts>(
    await db.execute(sql`select ${FACT_COLUMNS} from notifications n ${FACT_JOINS} where n.id in ${ids} order by n.created_at, n.id`),
  ).map(withNumberId);
}

const quoted = (title: string | null) => `“${title ?? "an item"}”`;

/** One sentence saying what happened, in plain text (React and the mail templates escape it). */
export function summaryOf(f: NotificationFacts): string {
  const who = f.actorName ?? "Someone";
  switch (f.kind) {
    case "mention":
      return f.commentId ? `${who} mentioned you in a comment on ${quoted(f.contentTitle)}` : `${who} mentioned you in ${quoted(f.contentTitle)}`;
    case "reply":
      return `${who} replied to your comment on ${quoted(f.contentTitle)}`;
    case "comment_on_my_item":
      return `${who} commented on your ${quoted(f.contentTitle)}`;
    case "comment_on_followed":
      return `${who} commented on ${quoted(f.contentTitle)}`;
    case "content_role":
    case "content_followed": {
      const verb = f.detail === "created" ? (f.contentIsDraft ? "created a draft," : "created") : f.detail === "published" ? "published" : "updated";
      return `${who} ${verb} ${quoted(f.contentTitle)}`;
    }
    case "group_request":
      return `${who} asks to join ${f.groupName ?? "a group"}`;
    case "group_invitation":
      return `${who} invited you to join ${f.groupName ?? "a group"}`;
    default:
      return `${who} did something`;
  }
}

/** Why the person was told, for the e-mail's footer. */
export function reasonOf(kind: NotificationKind): string {
  switch (kind) {
    case "mention":
      return "You receive this because you were mentioned.";
    case "reply":
      return "You receive this because it replies to your comment.";
    case "comment_on_my_item":
      return "You receive this because you wrote the item.";
    case "comment_on_followed":
    case "content_followed":
      return "You receive this because you follow the item, its section, its group or its author.";
    case "content_role":
      return "You receive this because you hold a role in a section where the item appears.";
    case "group_request":
      return "You receive this because you are an admin of the group.";
    case "group_invitation":
      return "You receive this because you were invited.";
    default:
      return "";
  }
}

/** Where the notification leads (a path on the site). */
export function pathOf(f: Pick<NotificationFacts, "kind" | "contentId" | "commentId" | "groupSlug">): string {
  if (f.kind === "group_request" && f.groupSlug) return `/groups/${encodeURIComponent(f.groupSlug)}/manage`;
  if (f.kind === "group_invitation") return "/groups/invitations";
  if (f.contentId) return `/content/${f.contentId}${f.commentId ? `#comment-${f.commentId}` : ""}`;
  return "/notifications";
}
