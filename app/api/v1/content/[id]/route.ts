import { getContent } from "@/lib/api/endpoints/content";
import { apiContentItem } from "@/lib/api/present/content";
import { answerLookup, apiRoute } from "@/lib/api/route";
import { getContent as getContentPage } from "@/lib/content/item";

/**
 * GET /api/v1/content/{id} (D2): an item by the item page's own query as the token's person:
 * 403 where the page answers 403 (C5: nothing of the item), 404 where it answers 404 (secret-
 * group content, as an unknown id), and on 200 what the page shows them (C6 E3 G6).
 */
export const GET = apiRoute(getContent, async ({ viewer, path: { id } }) => answerLookup(getContent, await getContentPage(viewer, id), apiContentItem));

/** PATCH and DELETE /api/v1/content/{id} (D2): change (only the fields sent) or delete an item, by the authoring pages' own actions as the token's person (lib/api/handlers/content-writes.ts). */
export { patchContent as PATCH, deleteContentRoute as DELETE } from "@/lib/api/handlers/content-writes";
