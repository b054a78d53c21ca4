/**
 * D2: content, as its pages show it: an item (/content/<id>, C1–C6, E3, D7) and its version
 * history (/content/<id>/history, C1). Each answer is the page's own lib function's, for the
 * token's person: 403 where the page answers 403, 404 where it answers 404 (secret-group
 * content, C5), and nothing the page would not show them.
 */
import { z } from "zod";
import { contentType } from "@/db/schema";
import { defineEndpoint } from "../endpoint";
import { groupLink, isoTime, named, personLink, sectionLink } from "../schemas";

/** An item's id in the address: anything that is not a uuid names nothing (404). */
export const contentIdParam = z.uuid().meta({ description: "The item's id, as in /content/<id>." });

const CONTENT_NOT_FOUND = "No item has this id, or it is not one whose existence may be told to you (secret-group content, C5).";
const CONTENT_FORBIDDEN = "You may not view this item (C2): nothing of it is shown, title included (C5).";

export const pollSchema = named(
  "Poll",
  z
    .object({
      options: z.array(
        z.object({
          id: z.number().int().meta({ description: "The option's id (a vote names it)." }),
          label: z.string(),
          votes: z.number().int().nullable().meta({ description: "Its votes, or null while the caller may not see the results (E3: `resultsVisible`)." }),
        }),
      ),
      totalVotes: z.number().int().meta({ description: "How many votes there are in all (shown to everyone who may view the poll)." }),
      myVote: z.number().int().nullable().meta({ description: "The option the caller voted for, or null." }),
      resultsVisible: z.boolean().meta({
        description: "E3: whether the caller sees each option's votes: once the poll has closed; while it is open as its author chose (after voting, or not before closing); always for its home section's editors and managers, its home group's admins and webmasters.",
      }),
      closesAt: isoTime.nullable().meta({ description: "When voting ends; null: it has no closing date." }),
      closed: z.boolean().meta({ description: "Voting has ended (by the server's clock)." }),
      resultsShown: z.enum(["after_voting", "after_closing"]).meta({ description: "When the results are shown to those who do not see them always: after voting, or after closing." }),
    })
    .meta({ description: "A poll's options and what the caller may see of its results (E3)." }),
);

export const contentPermissionsSchema = named(
  "ContentPermissions",
  z
    .object({
      mayEdit: z.boolean().meta({ description: "The item page offers Edit (C1, S7, G5, G6)." }),
      mayPublish: z.boolean().meta({ description: "The item page offers Publish / Unpublish (S7, G5)." }),
      mayDelete: z.boolean().meta({ description: "The item page offers Delete (S7, G5; an author their own draft)." }),
      mayViewHistory: z.boolean().meta({ description: "The item page offers its history: GET /content/{id}/versions answers (C1)." }),
      mayShare: z.boolean().meta({ description: "The item page offers sharing it into a further section: there is one the caller may share it into (C1)." }),
      mayExplainAccess: z.boolean().meta({ description: "The item page offers \u201cWhy can \u2026 see this?\u201d (B1)." }),
    })
    .meta({ description: "What the item's page offers the caller to do with it; each action checks again when it is done." }),
);

export const contentItemSchema = named(
  "ContentItem",
  z
    .object({
      id: z.uuid(),
      type: z.enum(contentType.enumValues).meta({ description: "C1: news, policy, page, blog (post), event or poll." }),
      title: z.string(),
      status: z.enum(["draft", "published"]).meta({ description: "A draft is seen only by its author, its home's editors and managers (a group's admins) and webmasters (C2, C7, G6)." }),
      bodyHtml: z.string().meta({ description: "Its text as HTML of the safe subset (C6): sanitised on save and again on the way out." }),
      tags: z.array(z.string()).meta({ description: "D7: its tags, as stored (lower case); each has its page at GET /tags/{tag}." }),
      author: personLink,
      publishedAt: isoTime.nullable(),
      updatedAt: isoTime,
      event: z
        .object({ startsAt: isoTime.nullable(), endsAt: isoTime.nullable(), place: z.string().nullable() })
        .nullable()
        .meta({ description: "An event's time and place; null for other types." }),
      poll: pollSchema.nullable().meta({ description: "A poll's options and results as the caller may see them (E3); null for other types." }),
      homeSection: sectionLink.nullable().meta({ description: "Its home section, only when the caller may view that section (C3): an item seen through a share names only the sections it is shared into." }),
      homeGroup: groupLink.nullable().meta({ description: "Its home group, only when the caller may see that group (G1, G6)." }),
      sharedInto: z
        .array(sectionLink.extend({ mayStopSharing: z.boolean().meta({ description: "The caller may stop sharing it there (C1)." }) }))
        .meta({ description: "The further sections it is shared into that the caller may view (C1, C3), by title." }),
      version: z.number().int().meta({ description: "Bumped by every save: a change sends it back, so that a stale change is refused." }),
      permissions: contentPermissionsSchema,
    })
    .meta({ description: "An item the caller may view, as its page shows it." }),
);

export const getContent = defineEndpoint({
  operationId: "getContent",
  method: "get",
  path: "/content/{id}",
  summary: "An item",
  description:
    "An item the caller may view, as its page shows it (C1–C6): its text (sanitised, C6), tags (D7), author, event, poll and what the caller may see of its results (E3), its home section and group and the sections it is shared into (only those the caller may view, C3, G6), and what the page offers them to do. Its comments are at /content/{id}/comments.",
  needs: "read",
  pathParams: z.object({ id: contentIdParam }),
  response: contentItemSchema,
  notFound: CONTENT_NOT_FOUND,
  forbidden: CONTENT_FORBIDDEN,
});

const versionSummary = z.object({
  version: z.number().int().meta({ description: "Its number: 1 is the first version recorded." }),
  status: z.enum(["draft", "published"]).meta({ description: "The item's status as this version saved it." }),
  editorName: z.string().meta({ description: "Who saved it, by name as it was then." }),
  savedAt: isoTime,
});

export const contentHistorySchema = named(
  "ContentHistory",
  z
    .object({
      id: z.uuid(),
      title: z.string().meta({ description: "The item's title now." }),
      homeSection: sectionLink.nullable().meta({ description: "Its home section, only when the caller may view it (as on the item)." }),
      homeGroup: groupLink.nullable().meta({ description: "Its home group, only when the caller may see it (as on the item)." }),
      versions: z.array(versionSummary).meta({ description: "Every saved version, newest first; empty for an item not changed since it was imported." }),
    })
    .meta({ description: "An item's version history, as its history page lists it (C1: one item, one history)." }),
);

export const contentVersionSnapshotSchema = named(
  "ContentVersionSnapshot",
  versionSummary
    .extend({
      title: z.string().meta({ description: "The title as this version saved it." }),
      bodyHtml: z.string().meta({ description: "The text as this version saved it: HTML of the safe subset, sanitised again on the way out (C6)." }),
      event: z
        .object({ startsAt: isoTime.nullable(), endsAt: isoTime.nullable(), place: z.string().nullable() })
        .nullable()
        .meta({ description: "An event's time and place as saved; null for other types." }),
      pollOptions: z.array(z.string()).nullable().meta({ description: "A poll's options as saved, in order; null for other types." }),
    })
    .meta({ description: "One saved version of an item, whole." }),
);

export const contentVersionSchema = named(
  "ContentVersion",
  z
    .object({
      id: z.uuid().meta({ description: "The item's id." }),
      current: contentVersionSnapshotSchema,
      previous: contentVersionSnapshotSchema.nullable().meta({ description: "The version before it, which the history page compares it with; null for the first version recorded." }),
    })
    .meta({ description: "A version of an item beside the one before it, as the history page compares them (C1)." }),
);

const HISTORY_FORBIDDEN = "You may not view this item (C2), or not its history: that is for its editors (its home section's authors who wrote it, editors and managers; its group's admins; webmasters, C1 S7 G5).";

export const listContentVersions = defineEndpoint({
  operationId: "listContentVersions",
  method: "get",
  path: "/content/{id}/versions",
  summary: "An item's version history",
  description:
    "Every saved version of an item, newest first, with who saved it and when, as its history page lists them (C1): for those the page shows it to (403 otherwise; 404 as the item itself).",
  needs: "read",
  pathParams: z.object({ id: contentIdParam }),
  response: contentHistorySchema,
  notFound: CONTENT_NOT_FOUND,
  forbidden: HISTORY_FORBIDDEN,
});

export const getContentVersion = defineEndpoint({
  operationId: "getContentVersion",
  method: "get",
  path: "/content/{id}/versions/{number}",
  summary: "One version of an item, and the one before it",
  description:
    "A saved version of an item whole (title, text, an event's time and place, a poll's options) and the version before it, as the history page compares them (C1): for those the page shows the history to.",
  needs: "read",
  pathParams: z.object({
    id: contentIdParam,
    number: z
      .string()
      .regex(/^[1-9][0-9]{0,8}$/)
      .transform(Number)
      .meta({ description: "The version's number, as GET /content/{id}/versions lists them." }),
  }),
  response: contentVersionSchema,
  notFound: `${CONTENT_NOT_FOUND} Or the item has no version of this number.`,
  forbidden: HISTORY_FORBIDDEN,
});
