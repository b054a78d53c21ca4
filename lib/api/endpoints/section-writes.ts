/**
 * D2: a section's members and roles through the API, for the people who manage it (S2, S7,
 * S8, B4): each the section's manage page's own action performed as the token's person
 * (lib/actions.ts actAs), audited with the token's name.
 */
import { z } from "zod";
import { addMembersSchema, changeRolesSchema } from "@/lib/sections/schemas";
import { defineEndpoint } from "../endpoint";
import { named } from "../schemas";

const slug = z.string().max(200).meta({ description: "The section's address, as in /sections/<slug>." });
const NOT_FOUND = "No section has this address.";
const FORBIDDEN = "You do not manage this section (S7: its managers, managers of a section above it, webmasters).";

export const sectionPeopleChangedSchema = named(
  "SectionPeopleChanged",
  z
    .object({
      sectionId: z.number().int(),
      personIds: z.array(z.uuid()).meta({ description: "The people the change was asked for." }),
    })
    .meta({ description: "A change to a section's members or roles, made." }),
);

const moved = { "308": "The section's address changed: Location gives the new one (only to a caller who may view it); send the request there." };

export const addSectionMembers = defineEndpoint({
  operationId: "addSectionMembers",
  method: "post",
  path: "/sections/{slug}/members",
  summary: "Add people to a section",
  description:
    "Makes people members of a section (S2). Adding an external person needs `acknowledgeExternal: true` (S8: they will see the section's content; 422 says so otherwise). With `impactFingerprint` from the manage page's preview, the change is made only while its effect is still what was previewed (B4; 409 otherwise).",
  needs: "write",
  pathParams: z.object({ slug }),
  body: addMembersSchema,
  bodyFromPath: ["sectionId"],
  response: sectionPeopleChangedSchema,
  notFound: NOT_FOUND,
  forbidden: FORBIDDEN,
  otherResponses: moved,
});

export const removeSectionMember = defineEndpoint({
  operationId: "removeSectionMember",
  method: "delete",
  path: "/sections/{slug}/members/{personId}",
  summary: "Remove a person from a section",
  description: "Ends a person's own membership of a section (S2); access they have through a team stays.",
  needs: "write",
  pathParams: z.object({ slug, personId: z.uuid().meta({ description: "The person's id." }) }),
  response: sectionPeopleChangedSchema,
  notFound: NOT_FOUND,
  forbidden: FORBIDDEN,
  otherResponses: moved,
});

export const changeSectionRoles = defineEndpoint({
  operationId: "changeSectionRoles",
  method: "post",
  path: "/sections/{slug}/roles",
  summary: "Give or take section roles",
  description:
    "Gives (`change: \"add\"`) or takes (`\"remove\"`) the roles manager, editor or author in a section (S7) for people. Giving a role to an external person needs `acknowledgeExternal: true` (S8: the role reaches every section below and gives them its powers there; 422 says so otherwise).",
  needs: "write",
  pathParams: z.object({ slug }),
  body: changeRolesSchema,
  bodyFromPath: ["sectionId"],
  response: sectionPeopleChangedSchema,
  notFound: NOT_FOUND,
  forbidden: FORBIDDEN,
  otherResponses: moved,
});
