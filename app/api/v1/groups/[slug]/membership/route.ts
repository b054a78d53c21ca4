import { deleteMembership } from "@/lib/api/handlers/group-writes";

/** DELETE /api/v1/groups/{slug}/membership (D2 G5): leave a group, by the group page's own action as the token's person. */
export const DELETE = deleteMembership;
