import { deleteShare, putShare } from "@/lib/api/handlers/content-writes";

/** PUT and DELETE /api/v1/content/{id}/shares/{sectionId} (D2): share an item into a section and stop sharing it there (C1), by the item page's own actions. */
export const PUT = putShare;
export const DELETE = deleteShare;
