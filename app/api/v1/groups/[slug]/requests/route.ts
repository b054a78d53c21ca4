import { postRequest } from "@/lib/api/handlers/group-writes";

/** POST /api/v1/groups/{slug}/requests (D2 G1 G5): ask to join a private group, by the group page's own action as the token's person. */
export const POST = postRequest;
