"use server";
/**
 * Authoring server actions (C1, C2, C6, E3). Each is a defineAction: the viewer is
 * re-read, the input parsed with the same schema as the form, the permission checked
 * with can() inside the transaction of the change, and an audit row written (M8).
 *
 * Who may do what (roles held in the item's home section, cascading down the tree, S7):
 * - create: author, editor or manager of the section (webmasters anywhere); publishing
 *   at once needs editor or manager there.
 * - edit: editors and managers; the item's author while they still hold a role there.
 * - publish / unpublish: editors and managers.
 * - delete: editors and managers; the author of a draft.
 * An item homed in a group instead (G2, G5, G6; groups have no editors):
 * - create, published at once or as a draft: the group's members, and webmasters;
 * - edit, publish / unpublish, delete, history: its author while a member, the group's
 *   admins, webmasters.
 * - share into a section: whoever may edit the item, into a section where they are
 *   editor or manager (C1); stop sharing: an editor or manager of that section who can
 *   view the item.
 * - vote: anyone who can view the (published) poll, until its closing date (E3).
 */
import { can } from "@/lib/access/policies";
import { defineAction } from "@/lib/actions";
import { deleteReleasedObjects } from "@/lib/storage/lifecycle";
import { castVote, createContent, deleteContent, setPublished, shareContent, unshareContent, updateContent } from "./mutations";
import { createContentSchema, deleteSchema, homeOf, publishSchema, shareSchema, updateContentSchema, voteSchema } from "./schemas";

const item = (id: string) => ({ kind: "content" as const, id });
const section = (id: number) => ({ kind: "section" as const, id });

export const createContentAction = defineAction({
  name: "content.create",
  input: createContentSchema,
  authorize: {
    policies: ["content.create", "content.publishIn", "content.createInGroup"],
    check: async ({ viewer, input, tx }) => {
      const home = homeOf(input);
      // G2 G6: in a group, whoever may post there publishes their own items.
      if (home.kind === "group") return can(viewer, "content.createInGroup", home, tx);
      return (
        (await can(viewer, "content.create", section(home.id), tx)) &&
        (input.intent !== "publish" || (await can(viewer, "content.publishIn", section(home.id), tx)))
      );
    },
  },
  run: ({ viewer, input, tx }) => createContent(tx, viewer, input),
  audit: (input, result) => ({
    target: { type: "content", id: result.id },
    details: { type: input.type, title: input.title, sectionId: input.sectionId, groupId: input.groupId, intent: input.intent, version: result.version },
  }),
});

export const updateContentAction = defineAction({
  name: "content.update",
  input: updateContentSchema,
  authorize: {
    policies: ["content.edit", "content.publish"],
    check: async ({ viewer, input, tx }) =>
      (await can(viewer, "content.edit", item(input.id), tx)) && (input.intent !== "publish" || (await can(viewer, "content.publish", item(input.id), tx))),
  },
  run: ({ viewer, input, tx }) => updateContent(tx, viewer, input),
  audit: (input, result) => ({
    target: { type: "content", id: input.id },
    details: { title: input.title, intent: input.intent, fromVersion: input.baseVersion, version: result.version, status: result.status },
  }),
});

export const setPublishedAction = defineAction({
  name: "content.publish",
  input: publishSchema,
  authorize: "content.publish",
  run: ({ viewer, input, tx }) => setPublished(tx, viewer, input),
  audit: (input, result) => ({ target: { type: "content", id: input.id }, details: { publish: input.publish, version: result.version } }),
});

/** Deletes (after the person confirmed); the item's image files go once the rows are gone. */
export const deleteContentAction = defineAction({
  name: "content.delete",
  input: deleteSchema,
  authorize: "content.delete",
  run: ({ input, tx }) => deleteContent(tx, input),
  audit: (input, result) => ({ target: { type: "content", id: input.id }, details: { title: result.title, images: result.uploadIds.length } }),
  afterCommit: (result) => deleteReleasedObjects(result.uploadIds),
});

export const shareContentAction = defineAction({
  name: "content.share",
  input: shareSchema,
  authorize: {
    policies: ["content.edit", "section.share"],
    check: async ({ viewer, input, tx }) => (await can(viewer, "content.edit", item(input.id), tx)) && (await can(viewer, "section.share", section(input.sectionId), tx)),
  },
  run: ({ input, tx }) => shareContent(tx, input),
  audit: (input) => ({ target: { type: "content", id: input.id }, details: { sectionId: input.sectionId } }),
});

export const unshareContentAction = defineAction({
  name: "content.unshare",
  input: shareSchema,
  authorize: {
    policies: ["content.view", "section.share"],
    check: async ({ viewer, input, tx }) => (await can(viewer, "content.view", item(input.id), tx)) && (await can(viewer, "section.share", section(input.sectionId), tx)),
  },
  run: ({ input, tx }) => unshareContent(tx, input),
  audit: (input) => ({ target: { type: "content", id: input.id }, details: { sectionId: input.sectionId } }),
});

export const voteAction = defineAction({
  name: "content.vote",
  input: voteSchema,
  // E3: whoever can view the poll; its closing date is castVote's own check.
  authorize: "poll.vote",
  run: ({ viewer, input, tx }) => castVote(tx, viewer, input),
  // A vote is a ballot: the log records that the person voted, never for which option.
  audit: (input) => ({ target: { type: "content", id: input.id }, details: {} }),
});
