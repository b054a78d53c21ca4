import "server-only";
/**
 * D2: an item's conversation as its page shows it (lib/comments/queries.ts getConversation,
 * rendered by components/comments/comments.tsx) in the API's shape: each comment with what the
 * query let this viewer read (K2: a hidden comment's text only to its author, its reason also
 * to its moderators; K3: never a reporter, which the query does not even read), and the
 * controls the page offers them, as booleans.
 */
import type { z } from "zod";
import type { CommentView, ItemConversation } from "@/lib/comments/queries";
import type { commentSchema, conversationSchema } from "../endpoints/comments";
import { apiPersonLink } from "./common";

interface Offers {
  /** The page offers the box to write a comment (the item takes comments now, and they are on). */
  open: boolean;
  mayModerate: boolean;
}

/** One comment, and the controls the page offers the viewer on it (components/comments/comment-controls.tsx). */
function apiComment(c: CommentView, topLevel: boolean, offers: Offers): z.input<typeof commentSchema> {
  return {
    id: c.id,
    author: apiPersonLink({ id: c.authorId, name: c.authorName, linked: c.authorLinked }),
    mine: c.mine,
    createdAt: c.createdAt.toISOString(),
    edited: c.edited,
    state: c.state,
    body: c.body,
    hiddenReason: c.hiddenReason,
    permissions: {
      mayEdit: c.mine && c.state === "shown",
      mayDelete: c.mine && c.state !== "deleted",
      mayReport: c.mayReport && c.state === "shown",
      mayHide: offers.mayModerate && c.state === "shown",
      mayRestore: offers.mayModerate && c.state === "hidden",
      mayReply: topLevel && offers.open && c.state === "shown",
    },
  };
}

export function apiConversation(conversation: ItemConversation): z.input<typeof conversationSchema> {
  const offers: Offers = { open: conversation.mayComment && !conversation.commentsOff, mayModerate: conversation.mayModerate };
  return {
    items: conversation.threads.map((t) => ({
      ...apiComment(t, true, offers),
      replies: t.replies.map((r) => apiComment(r, false, offers)),
      moreReplies: t.moreReplies,
    })),
    next: conversation.next,
    count: conversation.count,
    commentsOff: conversation.commentsOff,
    order: conversation.order,
    mayComment: offers.open,
    mayTurnCommentsOff: conversation.mayToggle,
    mayModerate: conversation.mayModerate,
  };
}
