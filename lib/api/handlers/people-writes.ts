import "server-only";
/**
 * D2 D5: the API's people writes (M3, P2, P3): each the admin pages' own action performed as
 * the token's person (actAs: the schema, the webmaster right in the writing transaction, P3's
 * last-way-in rule, the audit row naming the token), answered with the person as GET
 * /people/{id} shows the caller after the change.
 */
import { externalMayUse } from "@/lib/access/external-access";
import { type ActionResult, actAs } from "@/lib/actions";
import { createPersonAction, setBlockedAction, updatePersonAction } from "@/lib/people/actions";
import { getPersonForAdmin, personFormValues } from "@/lib/people/admin-queries";
import { getProfile, listPersonContent } from "@/lib/people/directory";
import { actionAnswer, actionProblem } from "../action-answer";
import type { profileSchema } from "../endpoints/people";
import { createPerson, setPersonBlocked, updatePerson } from "../endpoints/people-writes";
import { apiProfile } from "../present/people";
import { problemResponse } from "../problem";
import { type ApiAnswer, type ApiCall, apiRoute, refusal } from "../route";

type ProfileAnswer = ApiAnswer<typeof profileSchema>;

/** The person as their profile page shows the caller now, composed as GET /people/{id}; 204 should the change have left them out of sight. */
async function personAfter<T>(call: ApiCall<unknown, unknown>, result: ActionResult<T>, id: (data: T) => string, success: { status?: 201 } = {}): Promise<ProfileAnswer> {
  if (!result.ok) return actionProblem(result);
  const personId = id(result.data);
  const profile = await getProfile(call.viewer, personId);
  if (profile.status !== "ok") return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
  const [content, locationsLinked] = await Promise.all([listPersonContent(call.viewer, personId, null), externalMayUse(call.viewer, "locations")]);
  return actionAnswer(result, () => apiProfile(profile.value, content, locationsLinked), { status: success.status, location: () => `/api/v1/people/${personId}` });
}

export const postPerson = apiRoute(createPerson, async (call) => {
  const result = await actAs(createPersonAction, call.caller)(call.body);
  return personAfter(call, result, (data) => data.id, { status: 201 });
});

/**
 * A change sends only the fields it changes: the others are the person's own, as the edit
 * page fills its form with them (getPersonForAdmin, which answers 403 and 404 as the page).
 * The action takes no version, as the form sends none: the last change wins, as on the page.
 */
export const patchPerson = apiRoute(updatePerson, async (call) => {
  const { id } = call.path;
  const current = await getPersonForAdmin(call.viewer, id);
  if (current.status !== "ok") return refusal(updatePerson, current.status);
  const merged = { ...personFormValues(current.value), ...call.body, personId: current.value.id };
  return personAfter(call, await actAs(updatePersonAction, call.caller)(merged), () => current.value.id);
});

/**
 * The People table's Block and Unblock for one person. The path names them, so P3's refusals
 * (oneself, the last active webmaster), which the table shows beside the ticked rows, are a
 * conflict with the state of things here (409), not a field of the body to correct.
 */
export const putBlocked = apiRoute(setPersonBlocked, async (call) => {
  const { id } = call.path;
  const current = await getPersonForAdmin(call.viewer, id);
  if (current.status !== "ok") return refusal(setPersonBlocked, current.status);
  const result = await actAs(setBlockedAction, call.caller)({ blocked: call.body.blocked, personIds: [current.value.id] });
  const wayIn = !result.ok ? result.fieldErrors?.personIds : undefined;
  if (wayIn) return problemResponse({ status: 409, title: "Conflict", detail: wayIn });
  return personAfter(call, result, () => current.value.id);
});
