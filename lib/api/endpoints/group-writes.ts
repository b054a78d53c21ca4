/**
 * D2: one's own place in a group through the API (G1, G3, G5, E5): join a public group, ask to
 * join a private one, leave; each the group page's own action performed as the token's person
 * (lib/actions.ts actAs), audited with the token's name, answering with the group as
 * GET /groups/{slug} then shows it.
 */
import { z } from "zod";
import { requestToJoinInput } from "@/lib/groups/schemas";
import { defineEndpoint } from "../endpoint";
import { groupSchema } from "./groups";

const slug = z.string().max(200).meta({ description: "The group's address, as in /groups/<slug>." });
const NOT_FOUND = "No group has this address, or the caller may not see it (G1: a secret group's non-member gets the same answer).";

export const joinGroup = defineEndpoint({
  operationId: "joinGroup",
  method: "post",
  path: "/groups/{slug}/join",
  summary: "Join a public group",
  description: "Joins a public group (G1; external people only with the Groups switch, G3 E5). Joining one is already a member of changes nothing.",
  needs: "write",
  pathParams: z.object({ slug }),
  response: groupSchema,
  notFound: NOT_FOUND,
  forbidden: "You may not join this group: a private group takes requests (POST /groups/{slug}/requests), a secret one invitations.",
});

export const requestToJoinGroup = defineEndpoint({
  operationId: "requestToJoinGroup",
  method: "post",
  path: "/groups/{slug}/requests",
  summary: "Ask to join a private group",
  description: "Asks a private group's admins to let the caller join, with an optional message; they are told in the site and by e-mail (G1, G5).",
  needs: "write",
  pathParams: z.object({ slug }),
  body: requestToJoinInput,
  bodyFromPath: ["groupId"],
  response: groupSchema,
  notFound: NOT_FOUND,
  forbidden: "You may not ask to join this group.",
});

export const leaveGroup = defineEndpoint({
  operationId: "leaveGroup",
  method: "delete",
  path: "/groups/{slug}/membership",
  summary: "Leave a group",
  description: "Leaves a group (G5): its only admin may not (409 says so), and leaving one is not a member of changes nothing.",
  needs: "write",
  pathParams: z.object({ slug }),
  response: groupSchema,
  notFound: NOT_FOUND,
});
