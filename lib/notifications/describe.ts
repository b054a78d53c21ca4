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
import { targetHref } from "@/lib/comments/target";
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
  /** K1 K5: an idea, wall post or query the notification is about (read only as deliverableTo allowed). */
  ideaId: string | null;
  ideaTitle: string | null;
  wallPostId: string | null;
  /** A wall post has no title: it is named by its author. */
  wallPostAuthorName: string | null;
  /** Whether the recipient wrote that wall post ("your wall post"). */
  wallPostMine: boolean;
  queryId: string | null;
  queryTitle: string | null;
  /** G8: the note sent with the status, while the idea still has that status. */
  ideaNote: string | null;
  /** G4: the wall post's first words (plain text), for a mention's e-mail. */
  wallPostExcerpt: string | null;
}

/** The columns of NotificationFacts for a notifications row aliased `n`. */
export const FACT_COLUMNS: SQL = sql`
  n.id, n.kind::text as kind, n.created_at::text as "createdAt", n.read_at::text as "readAt",
  (select a.name from people a where a.id = n.actor_id) as "actorName",
  n.content_id as "contentId", ci.title as "contentTitle", coalesce(ci.status = 'draft', false) as "contentIsDraft",
  n.comment_id as "commentId", left(cmt.body, 200) as "commentExcerpt", n.detail,
  gi.name as "groupName", gi.slug as "groupSlug",
  n.idea_id as "ideaId", idi.title as "ideaTitle", case when idi.status::text = n.detail then idi.status_note end as "ideaNote",
  n.wall_post_id as "wallPostId", (select wpa.name from people wpa where wpa.id = wpi.author_id) as "wallPostAuthorName",
  coalesce(wpi.author_id = n.recipient_id, false) as "wallPostMine",
  n.query_id as "queryId", qi.title as "queryTitle", left(wpi.body, 200) as "wallPostExcerpt"`;

/** The joins FACT_COLUMNS reads. */
export const FACT_JOINS: SQL = sql`
  left join content ci on ci.id = n.content_id
  left join comments cmt on cmt.id = n.comment_id
  left join groups gi on gi.id = n.group_id
  left join ideas idi on idi.id = n.idea_id
  left join wall_posts wpi on wpi.id = n.wall_post_id
  left join queries qi on qi.id = n.query_id`;

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

type TargetFacts = Pick<NotificationFacts, "contentTitle" | "ideaId" | "ideaTitle" | "wallPostId" | "wallPostAuthorName" | "wallPostMine" | "queryId" | "queryTitle">;

/** What a comment notification is about, as a phrase: an item's title, "the idea “…”", "a wall post by …", "the query “…”". */
function thingOf(f: TargetFacts, mine: boolean): string {
  if (f.ideaId) return `${mine ? "your" : "the"} idea ${quoted(f.ideaTitle ?? "an idea")}`;
  if (f.wallPostId) return mine || f.wallPostMine ? "your wall post" : `a wall post by ${f.wallPostAuthorName ?? "someone"}`;
  if (f.queryId) return `${mine ? "your" : "the"} query ${quoted(f.queryTitle ?? "a query")}`;
  return mine ? `your ${quoted(f.contentTitle)}` : quoted(f.contentTitle);
}

/** G8: an idea's statuses as a notification says them. */
const IDEA_STATUS_WORDS: Record<string, string> = { new: "New", under_review: "Under review", planned: "Planned", done: "Done", declined: "Declined" };

/** One sentence saying what happened, in plain text (React and the mail templates escape it). */
export function summaryOf(f: NotificationFacts): string {
  const who = f.actorName ?? "Someone";
  switch (f.kind) {
    case "mention":
      if (f.wallPostId && !f.commentId) return `${who} mentioned you in a post on the Message Wall`;
      return f.commentId ? `${who} mentioned you in a comment on ${thingOf(f, false)}` : `${who} mentioned you in ${quoted(f.contentTitle)}`;
    case "reply":
      return `${who} replied to your comment on ${thingOf(f, false)}`;
    case "comment_on_my_item":
      return `${who} commented on ${thingOf(f, true)}`;
    case "comment_on_followed":
      return `${who} commented on ${thingOf(f, false)}`;
    case "content_role":
    case "content_followed": {
      const verb = f.detail === "created" ? (f.contentIsDraft ? "created a draft," : "created") : f.detail === "published" ? "published" : "updated";
      return `${who} ${verb} ${quoted(f.contentTitle)}`;
    }
    case "group_request":
      return `${who} asks to join ${f.groupName ?? "a group"}`;
    case "group_invitation":
      return `${who} invited you to join ${f.groupName ?? "a group"}`;
    case "idea_status":
      return `${who} moved the idea ${quoted(f.ideaTitle)} to ${IDEA_STATUS_WORDS[f.detail ?? ""] ?? "a new status"}`;
    case "query_new":
      return `${who} sent your team the query ${quoted(f.queryTitle ?? "a query")}`;
    case "query_answer":
      return `${who} answered your query ${quoted(f.queryTitle ?? "a query")}`;
    case "query_resolved":
      return `${who} accepted an answer: the query ${quoted(f.queryTitle ?? "a query")} is resolved`;
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
      return "You receive this because you wrote what was commented on.";
    case "comment_on_followed":
    case "content_followed":
      return "You receive this because you follow the item, its section, its group or its author.";
    case "content_role":
      return "You receive this because you hold a role in a section where the item appears.";
    case "group_request":
      return "You receive this because you are an admin of the group.";
    case "group_invitation":
      return "You receive this because you were invited.";
    case "idea_status":
      return "You receive this because you submitted or follow the idea.";
    case "query_new":
      return "You receive this because you are a member of the team the query was sent to.";
    case "query_answer":
      return "You receive this because you asked the query.";
    case "query_resolved":
      return "You receive this because you asked or answered the query.";
    default:
      return "";
  }
}

/** Where the notification leads (a path on the site). */
export function pathOf(f: Pick<NotificationFacts, "kind" | "contentId" | "commentId" | "groupSlug"> & Partial<Pick<NotificationFacts, "ideaId" | "wallPostId" | "queryId">>): string {
  if (f.kind === "idea_status" && f.ideaId) return `/ideas/${f.ideaId}`;
  if (f.kind === "group_request" && f.groupSlug) return `/groups/${encodeURIComponent(f.groupSlug)}/manage`;
  if (f.kind === "group_invitation") return "/groups/invitations";
  const anchor = f.commentId ? `#comment-${f.commentId}` : "";
  if (f.contentId) return `/content/${f.contentId}${anchor}`;
  // The comment targets' pages (lib/comments/target.ts).
  if (f.ideaId) return `${targetHref({ kind: "idea", id: f.ideaId })}${anchor}`;
  if (f.wallPostId) return `${targetHref({ kind: "wallPost", id: f.wallPostId })}${anchor}`;
  if (f.queryId) return `${targetHref({ kind: "query", id: f.queryId })}${anchor}`;
  return "/notifications";
}
