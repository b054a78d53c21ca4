import { externalMayUse } from "@/lib/access/external-access";
import { getPerson } from "@/lib/api/endpoints/people";
import { apiProfile } from "@/lib/api/present/people";
import { apiRoute, refusal } from "@/lib/api/route";
import { getProfile, listPersonContent } from "@/lib/people/directory";

/**
 * GET /api/v1/people/{id} (D2): a profile by the profile page's own getProfile as the token's
 * person (mayViewProfile in its query: everyone their own, E2; others' as E4 E5 allow; a
 * profile one may not view is 404, the same as an unknown id), then, as the page, a page of
 * their published items the caller may view (listPersonContent), and the location linked only
 * for those who may use the locations directory (E5).
 */
export const GET = apiRoute(getPerson, async ({ viewer, path: { id }, query: { cursor } }) => {
  const profile = await getProfile(viewer, id);
  if (profile.status !== "ok") return refusal(getPerson, profile.status);
  const [content, locationsLinked] = await Promise.all([listPersonContent(viewer, profile.value.id, cursor ?? null), externalMayUse(viewer, "locations")]);
  return { ok: apiProfile(profile.value, content, locationsLinked) };
});

/** PATCH /api/v1/people/{id} (D2, M3): change a person (only the fields sent), by the edit page's own action as the token's person (lib/api/handlers/people-writes.ts). */
export { patchPerson as PATCH } from "@/lib/api/handlers/people-writes";
