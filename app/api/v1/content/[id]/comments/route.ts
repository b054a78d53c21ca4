import { listContentComments } from "@/lib/api/endpoints/comments";
import { apiConversation } from "@/lib/api/present/comments";
import { apiRoute, refusal } from "@/lib/api/route";
import { getConversation } from "@/lib/comments/queries";
import { getContent } from "@/lib/content/item";

/**
 * GET /api/v1/content/{id}/comments (D2 K1–K3): an item's comments as its page shows them to
 * the token's person. As on the page, the item's own lookup decides first (403, or 404 for
 * secret-group content, C5); then the page's conversation query, in the order and from the
 * cursor asked for.
 */
export const GET = apiRoute(listContentComments, async ({ viewer, path: { id }, query: { order, cursor } }) => {
  const item = await getContent(viewer, id);
  if (item.status !== "ok") return refusal(listContentComments, item.status);
  const conversation = await getConversation(viewer, { kind: "content", id: item.value.id }, { order, cursor: cursor ?? null });
  // The item stopped being viewable (or existing) between the two reads: told no more than an unknown id.
  if (!conversation) return refusal(listContentComments, "not-found");
  return { ok: apiConversation(conversation) };
});

/** POST /api/v1/content/{id}/comments (D2 K1 E3): comment or reply, by the item page's own action as the token's person (lib/api/handlers/comment-writes.ts). */
export { postComment as POST } from "@/lib/api/handlers/comment-writes";
