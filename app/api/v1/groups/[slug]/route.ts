import { getGroup } from "@/lib/api/endpoints/groups";
import { readGroup } from "@/lib/api/handlers/groups";
import { answerLookup, apiRoute } from "@/lib/api/route";

/**
 * GET /api/v1/groups/{slug} (D2): a group by the group page's own query as the token's person
 * (G1, G3, G5, G6, E5): its summary to a private group's non-member, its members, content,
 * drafts and first files to whoever may read it, and for a group they may not see the 404 of
 * an address no group has, byte for byte (C5).
 */
export const GET = apiRoute(getGroup, async ({ viewer, path: { slug }, query: { cursor } }) => answerLookup(getGroup, await readGroup(viewer, slug, cursor ?? null), (group) => group));
