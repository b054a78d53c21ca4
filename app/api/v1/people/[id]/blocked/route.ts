import { putBlocked } from "@/lib/api/handlers/people-writes";

/** PUT /api/v1/people/{id}/blocked (D2, P3): block or unblock a person, by the People table's own action as the token's person. */
export const PUT = putBlocked;
