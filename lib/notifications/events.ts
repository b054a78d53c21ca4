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

export type NotificationEvent =
  /** K1 K5: a comment or reply was written; `mentionedIds` are the people its text @mentions (E6). */
  | { kind: "comment"; actorId: string; contentId: string; commentId: string; mentionedIds: string[] }
  /** S7 K5: an item was created, updated or published (its followers and section role holders). */
  | { kind: "content"; actorId: string; contentId: string; detail: "created" | "updated" | "published" }
  /** E6 K5: people @mentioned in an item's rich text, newly at this save. */
  | { kind: "content_mention"; actorId: string; contentId: string; mentionedIds: string[] }
  /** G1 G5 K5: a request to join a private group (its admins are told). */
  | { kind: "group_request"; actorId: string; groupId: number }
  /** G5 K5: people invited into a group. */
  | { kind: "group_invitation"; actorId: string; groupId: number; recipientIds: string[] };

export type NotificationEventKind = NotificationEvent["kind"];

/** Records one event in the caller's transaction; the worker expands it after the commit. */
export async function recordNotificationEvent(tx: Db, event: NotificationEvent): Promise<void> {
  const recipients = "mentionedIds" in event ? event.mentionedIds : "recipientIds" in event ? event.recipientIds : null;
  await tx.insert(notificationEvents).values({
    kind: event.kind,
    actorId: event.actorId,
    contentId: "contentId" in event ? event.contentId : null,
    commentId: "commentId" in event ? event.commentId : null,
    groupId: "groupId" in event ? event.groupId : null,
    recipientIds: recipients && recipients.length > 0 ? [...new Set(recipients)] : null,
    detail: "detail" in event ? event.detail : null,
  });
}
