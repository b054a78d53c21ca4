import "server-only";
/**
 * D2: the API's group membership writes: the group page's own actions performed as the token's
 * person (actAs: the same permission in the writing transaction, messages and audit row,
 * naming the token). The address names the group as the group page finds it (a group the
 * caller may not see is the 404 of no group, C5); the answer is the group as it then shows.
 */
import { type ActionResult, actAs } from "@/lib/actions";
import { joinGroupAction, leaveGroupAction, requestToJoinGroupAction } from "@/lib/groups/actions";
import { getGroupPage } from "@/lib/groups/queries";
import { actionProblem } from "../action-answer";
import { joinGroup, leaveGroup, requestToJoinGroup } from "../endpoints/group-writes";
import { type ApiCall, apiRoute, refusal } from "../route";
import { readGroup } from "./groups";

type GroupCall = ApiCall<{ slug: string }, unknown>;

async function changeMembership(endpoint: typeof joinGroup, call: GroupCall, perform: (groupId: number) => Promise<ActionResult<unknown>>) {
  const found = await getGroupPage(call.viewer, call.path.slug);
  if (found.status !== "ok") return refusal(endpoint, found.status);
  const result = await perform(found.value.id);
  if (!result.ok) return actionProblem(result);
  const after = await readGroup(call.viewer, call.path.slug);
  // Left a group the caller may no longer see (a secret one): done, and nothing more to show.
  if (after.status !== "ok") return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
  return { ok: after.value };
}

export const postJoin = apiRoute(joinGroup, (call) => changeMembership(joinGroup, call, (groupId) => actAs(joinGroupAction, call.caller)({ groupId })));

export const postRequest = apiRoute(requestToJoinGroup, (call) =>
  changeMembership(requestToJoinGroup, call, (groupId) => actAs(requestToJoinGroupAction, call.caller)({ message: "", ...call.body, groupId })),
);

export const deleteMembership = apiRoute(leaveGroup, (call) => changeMembership(leaveGroup, call, (groupId) => actAs(leaveGroupAction, call.caller)({ groupId })));
