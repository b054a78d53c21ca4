import { getGroup } from "@/lib/api/endpoints/groups";
import { apiGroup } from "@/lib/api/present/groups";
import { apiRoute, refusal } from "@/lib/api/route";
import { mayPostInGroupAs } from "@/lib/access/group-roles";
import { getGroupPage } from "@/lib/groups/queries";
import { isFollowing } from "@/lib/reactions/queries";

/**
 * GET /api/v1/groups/{slug} (D2): a group by the group page's own query as the token's person
 * (G1, G3, G5, G6, E5): its summary to a private group's non-member, its members, content,
 * drafts and first files to whoever may read it, and for a group they may not see the 404 of
 * an address no group has, byte for byte (C5). Beside it, what the page also asks: whether
 * they may post there (the "New item" link) and, to its readers, whether they follow it.
 */
export const GET = apiRoute(getGroup, async ({ viewer, path: { slug }, query: { cursor } }) => {
  const lookup = await getGroupPage(viewer, slug, { cursor: cursor ?? null });
  if (lookup.status !== "ok") return refusal(getGroup, lookup.status);
  const group = lookup.value;
  const following = group.access === "full" ? await isFollowing(viewer, { kind: "group", id: group.id }) : null;
  return { ok: apiGroup(group, { mayPost: mayPostInGroupAs(viewer, group.membership), following }) };
});
