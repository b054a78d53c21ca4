import { postJoin } from "@/lib/api/handlers/group-writes";

/** POST /api/v1/groups/{slug}/join (D2 G1): join a public group, by the group page's own action as the token's person. */
export const POST = postJoin;
