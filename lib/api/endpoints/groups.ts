/**
 * D2: groups, as the groups directory and a group's page show them (G1, G3, G5, G6, E5, C5):
 * the same groups, the same verdicts, the same members, content and files, for the token's
 * person. A secret group is not admitted to exist to a non-member: its 404 is exactly that of
 * an address no group has.
 */
import { z } from "zod";
import { GROUP_FILTERS, GROUP_SEARCH_MAX } from "@/lib/groups/directory-params";
import { searchText } from "@/lib/validation/text";
import { cursorParam, defineEndpoint } from "../endpoint";
import { contentSummarySchema, named, pageOf, personLink } from "../schemas";
import { groupFilesPageSchema } from "./files";

const visibility = z.enum(["public", "private", "secret"]).meta({
  description: "G1: public (listed; anyone with Groups access reads it and may join), private (listed by name and description; content for members; joining by request) or secret (for its members only; joining by invitation).",
});
const membership = z.enum(["admin", "member", "none"]).meta({ description: "The caller's place in the group (G5)." });

export const groupCardSchema = named(
  "GroupCard",
  z
    .object({
      id: z.number().int(),
      slug: z.string().meta({ description: "Its address, for /groups/{slug}." }),
      name: z.string(),
      description: z.string().meta({ description: "Its description, as the directory's card reads it: at most its first 400 characters." }),
      visibility,
      memberCount: z.number().int(),
      membership,
    })
    .meta({ description: "A group as the groups directory lists it." }),
);

export const groupMemberSchema = named(
  "GroupMember",
  personLink.extend({ isAdmin: z.boolean().meta({ description: "A group admin (G5)." }) }).meta({ description: "A member of a group, as its page lists them." }),
);

export const groupSchema = named(
  "Group",
  z
    .object({
      id: z.number().int(),
      slug: z.string(),
      name: z.string(),
      description: z.string(),
      visibility,
      memberCount: z.number().int().meta({ description: "How many members it has (all of them, not only those listed)." }),
      membership,
      membershipState: z
        .object({
          state: z.enum(["admin", "member", "requested", "invited", "none"]).meta({ description: "The caller's standing: a member or admin, invited, asked to join, or neither." }),
          mayJoin: z.boolean().meta({ description: "The caller may join now (G1: a public group; G3 E5: for external people only with the Groups switch)." }),
          mayRequest: z.boolean().meta({ description: "The caller may ask to join now (G1: a private group)." }),
          onlyAdmin: z.boolean().meta({ description: "The caller is its only admin, so may not leave (G5)." }),
        })
        .meta({ description: "What the group page's membership controls offer the caller (G1, G3, G5)." }),
      canManage: z.boolean().meta({ description: "The caller manages the group (G5: its admins and webmasters)." }),
      mayPost: z.boolean().meta({ description: "The caller may write items in the group (G2: members; G5: webmasters)." }),
      access: z.enum(["full", "summary"]).meta({
        description: "full: the caller reads its content and members (G6); summary: a private group the caller is not in, or a secret one they are invited to: its name, description, visibility and size only, and members, content, drafts, files and following are null.",
      }),
      following: z.boolean().nullable().meta({ description: "The caller follows the group (K4); null in a summary." }),
      members: z.array(groupMemberSchema).nullable().meta({ description: "Its first 50 members, admins first, then by name; null in a summary." }),
      content: pageOf(contentSummarySchema, "Its published items, newest first, a page at a time.").nullable().meta({ description: "A page of its published items; null in a summary." }),
      drafts: z
        .array(contentSummarySchema)
        .nullable()
        .meta({ description: "The drafts the caller may see (G6: their own; every one for its admins and webmasters), at most 10, on the first page only (empty with a cursor); null in a summary." }),
      files: groupFilesPageSchema.nullable().meta({ description: "The first page of its files (G7); its `next` continues at /groups/{slug}/files?cursor=. Null in a summary." }),
    })
    .meta({ description: "A group the caller may see, as its page shows it." }),
);

export const listGroups = defineEndpoint({
  operationId: "listGroups",
  method: "get",
  path: "/groups",
  summary: "The groups directory",
  description:
    "The groups the caller may see, as the groups directory lists them (G1, G3, E5), in name order, a page at a time: public and private groups to everyone with Groups access, secret ones to their members (and webmasters, and whoever is invited); an external person without the Groups switch sees only their own groups.",
  needs: "read",
  query: z.object({
    filter: z
      .enum(GROUP_FILTERS, { error: `Choose one of: ${GROUP_FILTERS.join(", ")}.` })
      .optional()
      .meta({ description: "all (the default), mine (the caller's groups), public, private, or secret (G1: webmasters only; anyone else asking for it gets a 400, and finds their own secret groups under mine)." }),
    q: searchText(GROUP_SEARCH_MAX, `Search for at most ${GROUP_SEARCH_MAX} characters of a group's name.`)
      .optional()
      .meta({ description: "Words to look for in groups' names (G1: a secret group is found only by its members)." }),
    cursor: cursorParam,
  }),
  response: named("GroupPage", pageOf(groupCardSchema, "The groups, in name order.").meta({ description: "A page of the groups directory." })),
});

export const getGroup = defineEndpoint({
  operationId: "getGroup",
  method: "get",
  path: "/groups/{slug}",
  summary: "A group and a page of its content",
  description:
    "A group the caller may see, as its page shows it (G1, G3, G5, G6, E5): its description, visibility, size and the caller's membership; to whoever may read it, also its members (admins marked), a page of its published items, their drafts and its first files. A private group's non-member gets its summary only. A group the caller may not see (a secret group's non-member; for an external person without the Groups switch, any group not theirs) is a 404 exactly as for no group (C5).",
  needs: "read",
  pathParams: z.object({ slug: z.string().max(200).meta({ description: "The group's address, as in /groups/<slug>." }) }),
  query: z.object({ cursor: cursorParam.meta({ description: "The `content.next` of the page before, for the items after it (the page's `before`); a cursor that is not one reads as the first page." }) }),
  response: groupSchema,
  notFound: "No group has this address, or the caller may not see it (G1: a secret group's non-member gets the same answer).",
});
