import { deleteMember } from "@/lib/api/handlers/section-writes";

/** DELETE /api/v1/sections/{slug}/members/{personId} (D2 S2): remove a member, by the manage page's own action as the token's person. */
export const DELETE = deleteMember;
