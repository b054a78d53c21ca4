import { postMembers } from "@/lib/api/handlers/section-writes";

/** POST /api/v1/sections/{slug}/members (D2 S2 S8): add members, by the manage page's own action as the token's person. */
export const POST = postMembers;
