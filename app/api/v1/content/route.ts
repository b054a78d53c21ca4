import { postContent } from "@/lib/api/handlers/content-writes";

/** POST /api/v1/content (D2): create an item, by the authoring page's own action as the token's person. */
export const POST = postContent;
