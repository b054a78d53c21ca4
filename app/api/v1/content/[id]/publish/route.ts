import { postPublish } from "@/lib/api/handlers/content-writes";

/** POST /api/v1/content/{id}/publish (D2): publish or unpublish, by the item page's own action as the token's person. */
export const POST = postPublish;
