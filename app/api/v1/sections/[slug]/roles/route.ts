import { postRoles } from "@/lib/api/handlers/section-writes";

/** POST /api/v1/sections/{slug}/roles (D2 S7): give or take roles, by the manage page's own action as the token's person. */
export const POST = postRoles;
