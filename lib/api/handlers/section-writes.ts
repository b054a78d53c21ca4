import "server-only";
/**
 * D2: the API's section membership and role writes: the manage page's own actions performed as
 * the token's person (actAs: S7's permission in the writing transaction, S8's acknowledgement,
 * B4's preview check, the audit row naming the token). The address names the section as its
 * page finds it: 404 and 403 as the page, a moved section's new address (308, the method kept)
 * only to someone who may view it.
 */
import { type ActionResult, actAs } from "@/lib/actions";
import { addSectionMembers as addMembersAction, changeSectionRoles as changeRolesAction, removeSectionMembers as removeMembersAction } from "@/lib/sections/actions";
import { getSection } from "@/lib/sections/queries";
import { actionAnswer } from "../action-answer";
import { addSectionMembers, changeSectionRoles, removeSectionMember } from "../endpoints/section-writes";
import { type ApiCall, apiRoute, refusal } from "../route";

async function changePeople(endpoint: typeof addSectionMembers, call: ApiCall<{ slug: string }, unknown>, perform: (sectionId: number) => Promise<ActionResult<unknown>>, personIds: () => unknown) {
  const found = await getSection(call.viewer, call.path.slug, {});
  if (found.status === "moved") {
    const rest = new URL(call.request.url).pathname.split("/").slice(5).join("/");
    return new Response(null, { status: 308, headers: { Location: `/api/v1/sections/${encodeURIComponent(found.slug)}/${rest}`, "Cache-Control": "private, no-store" } });
  }
  if (found.status !== "ok") return refusal(endpoint, found.status);
  const sectionId = found.value.id;
  return actionAnswer(await perform(sectionId), () => ({ sectionId, personIds: personIds() as string[] }));
}

export const postMembers = apiRoute(addSectionMembers, (call) =>
  changePeople(addSectionMembers, call, (sectionId) => actAs(addMembersAction, call.caller)({ acknowledgeExternal: false, ...call.body, sectionId }), () => call.body.personIds),
);

export const deleteMember = apiRoute(removeSectionMember, (call) =>
  changePeople(removeSectionMember, call, (sectionId) => actAs(removeMembersAction, call.caller)({ sectionId, personIds: [call.path.personId] }), () => [call.path.personId]),
);

export const postRoles = apiRoute(changeSectionRoles, (call) =>
  changePeople(changeSectionRoles, call, (sectionId) => actAs(changeRolesAction, call.caller)({ ...call.body, sectionId }), () => call.body.personIds),
);
