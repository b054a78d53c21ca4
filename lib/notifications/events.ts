import "server-only";
/**
 * K5: what happened that may notify people, recorded in the transaction of the change
 * (so an event exists if and only if its change committed). Nothing here decides who is
 * told or what they see: the fan-out worker (lib/notifications/fan-out.ts) expands an
 * event into notifications after the commit, and every notification is checked again
 * against the recipient's access when it is shown or e-mailed (C4, E6). An event carries
 * ids only, never a title or a body.
 */
import type { Db } from "@/db/client";
import { notificationEvents } from "@/db/schema";
import { type CommentTarget, targetColumns } from "@/lib/comments/target";

export type NotificationEvent =
  /** K1 K5: a comment or reply was written on `target` (an item, idea, wall post or query); `mentionedIds` are the people its text @mentions (E6). */
  | { kind: "comment"; actorId: string; target: CommentTarget; commentId: string; mentionedIds: string[] }
  /** S7 K5: an item was created, updated or published (its followers and section role holders). */
  | { kind: "content"; actorId: string; contentId: string; detail: "created" | "updated" | "published" }
  /** E6 K5: people @mentioned in an item's rich text, newly at this save. */
  | { kind: "content_mention"; actorId: string; contentId: string; mentionedIds: string[] }
  /** G1 G5 K5: a request to join a private group (its admins are told). */
  | { kind: "group_request"; actorId: string; groupId: number }
  /** G5 K5: people invited into a group. */
  | { kind: "group_invitation"; actorId: string; groupId: number; recipientIds: string[] }
  /** G8 K5: an idea's status was set, with a note (its author and followers are told). */
  | { kind: "idea_status"; actorId: string; ideaId: string; detail: "new" | "under_review" | "planned" | "done" | "declined" }
  /** G4 E6 K5: people @mentioned in a wall post, newly at this save (the fan-out tells only those who may use the wall). */
  | { kind: "mention"; actorId: string; wallPostId: string; mentionedIds: string[] }

  /** G8 K5: a query was asked (its team's members), answered (its asker), resolved (those who answered, and its asker). */
  | { kind: "query_new" | "query_answer" | "query_resolved"; actorId: string; queryId: string };

export type NotificationEventKind = NotificationEvent["kind"];

/** Records one event in the caller's transaction; the worker expands it after the commit. */
export async function recordNotificationEvent(tx: Db, event: NotificationEvent): Promise<void> {
  const recipients = "mentionedIds" in event ? event.mentionedIds : "recipientIds" in event ? event.recipientIds : null;
  const target = "target" in event ? targetColumns(event.target) : null;
  await tx.insert(notificationEvents).values({
    kind: event.kind,
    actorId: event.actorId,
    contentId: target ? target.contentId : "contentId" in event ? event.contentId : null,
    ideaId: target?.ideaId ?? ("ideaId" in event ? event.ideaId : null),
    wallPostId: target?.wallPostId ?? ("wallPostId" in event ? event.wallPostId : null),
    queryId: target?.queryId ?? ("queryId" in event ? event.queryId : null),
    commentId: "commentId" in event ? event.commentId : null,
    groupId: "groupId" in event ? event.groupId : null,
    recipientIds: recipients && recipients.length > 0 ? [...new Set(recipients)] : null,
    detail: "detail" in event ? event.detail : null,
  });
}
