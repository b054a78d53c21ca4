import { postApply } from "@/lib/api/handlers/import-writes";

/** POST /api/v1/imports/{id}/apply (D2, M6): apply exactly the previewed plan, by the import page's own action as the token's person. */
export const POST = postApply;
