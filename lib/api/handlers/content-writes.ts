import "server-only";
/**
 * D2: the API's content writes: each performs the authoring page's action as the token's
 * person (actAs: the same schema, permission in the writing transaction and audit row, naming
 * the token) and answers with the item as GET /content/{id} shows that person after the change.
 */
import { type ActionResult, actAs } from "@/lib/actions";
import { createContentAction, deleteContentAction, setPublishedAction, shareContentAction, unshareContentAction, updateContentAction } from "@/lib/content/actions";
import { getContentForEdit } from "@/lib/content/authoring-queries";
import { getContent as getContentPage } from "@/lib/content/item";
import { actionAnswer, actionProblem } from "../action-answer";
import type { contentItemSchema } from "../endpoints/content";
import { createContent, deleteContent, publishContent, shareContent, unshareContent, updateContent } from "../endpoints/content-writes";
import { apiContentItem } from "../present/content";
import { problemResponse } from "../problem";
import { type ApiAnswer, type ApiCall, apiRoute, refusal } from "../route";

type ItemAnswer = ApiAnswer<typeof contentItemSchema>;

/** The item as its page shows the caller now; 204 in the unlikely case that the change left it out of their sight. */
async function itemAfter<T>(call: ApiCall<unknown, unknown>, result: ActionResult<T>, id: (data: T) => string, success: { status?: 201 } = {}): Promise<ItemAnswer> {
  if (!result.ok) return actionProblem(result);
  const itemId = id(result.data);
  const seen = await getContentPage(call.viewer, itemId);
  if (seen.status !== "ok") return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
  return actionAnswer(result, () => apiContentItem(seen.value), { status: success.status, location: () => `/api/v1/content/${itemId}` });
}

export const postContent = apiRoute(createContent, async (call) => {
  const result = await actAs(createContentAction, call.caller)(call.body);
  return itemAfter(call, result, (data) => data.id, { status: 201 });
});

/**
 * A change sends only the fields it changes: the others are the item's own, as its edit form
 * holds them (getContentForEdit, which also answers 403/404 as the page would).
 */
export const patchContent = apiRoute(updateContent, async (call) => {
  const { id } = call.path;
  if (call.body.baseVersion === undefined) {
    return problemResponse({
      status: 422,
      title: "Unprocessable Content",
      detail: "Some fields are not right: see errors.",
      errors: { baseVersion: "Send the item's version your change was made from (its `version`), so that a newer change is never overwritten." },
    });
  }
  const current = await getContentForEdit(call.viewer, id);
  if (current.status !== "ok") return refusal(updateContent, current.status);
  const item = current.value;
  const patch = call.body;
  const nested = (name: "event" | "poll", now: object | null) => {
    const sent = patch[name];
    if (sent !== undefined && (typeof sent !== "object" || sent === null || Array.isArray(sent))) return sent; // the schema's message
    return now || sent ? { ...(now ?? {}), ...((sent as object | undefined) ?? {}) } : undefined;
  };
  const merged = { type: item.type, title: item.title, body: item.body, tags: item.tags, ...patch, event: nested("event", item.event), poll: nested("poll", item.poll), id };
  return itemAfter(call, await actAs(updateContentAction, call.caller)(merged), (data) => data.id);
});

export const postPublish = apiRoute(publishContent, async (call) => {
  const result = await actAs(setPublishedAction, call.caller)({ ...call.body, id: call.path.id });
  return itemAfter(call, result, (data) => data.id);
});

export const deleteContentRoute = apiRoute(deleteContent, async (call) => {
  const result = await actAs(deleteContentAction, call.caller)({ id: call.path.id, confirmed: true });
  return actionAnswer(result, (data) => ({ id: data.id, deleted: true as const }));
});

export const putShare = apiRoute(shareContent, async (call) => {
  const result = await actAs(shareContentAction, call.caller)({ id: call.path.id, sectionId: call.path.sectionId });
  return itemAfter(call, result, (data) => data.id);
});

export const deleteShare = apiRoute(unshareContent, async (call) => {
  const result = await actAs(unshareContentAction, call.caller)({ id: call.path.id, sectionId: call.path.sectionId });
  return itemAfter(call, result, (data) => data.id);
});
