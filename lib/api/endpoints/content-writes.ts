/**
 * D2: changing content through the API: each endpoint performs the authoring page's own
 * action (lib/content/actions.ts) as the token's person (lib/actions.ts actAs): the same input
 * schema (the document's request bodies are generated from it), the same permission checked in
 * the writing transaction, and the same audit row, naming the token (M8). Each answers with the
 * item as GET /content/{id} shows it after the change.
 */
import { z } from "zod";
import { createContentSchema, publishSchema, updateContentSchema } from "@/lib/content/schemas";
import { defineEndpoint } from "../endpoint";
import { named } from "../schemas";
import { contentIdParam, contentItemSchema } from "./content";

const sectionIdParam = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .meta({ description: "The section's id (a Section's `id`)." });

export const createContent = defineEndpoint({
  operationId: "createContent",
  method: "post",
  path: "/content",
  summary: "Create an item",
  description:
    "Creates an item in a section (`sectionId`) or a group (`groupId`), as a draft or, with `intent: \"publish\"`, published (C1, S7, G2, G6): authors, editors and managers of the section (publishing at once: editors and managers), a group's members. `body` is HTML, kept to the safe subset (C6).",
  needs: "write",
  body: createContentSchema,
  creates: true,
  response: contentItemSchema,
});

export const updateContent = defineEndpoint({
  operationId: "updateContent",
  method: "patch",
  path: "/content/{id}",
  summary: "Change an item",
  description:
    "Changes the fields sent and keeps the others (an event's or a poll's fields within `event` and `poll` likewise; a poll's `options`, when sent, are its whole list). `baseVersion` is required: the item's `version` the change was made from, so that a newer change is never overwritten (409 when the item has changed since). Editors and managers of its home, and its author while they hold a role there (C1, S7; in a group: its author while a member, its admins). `intent: \"publish\"` also publishes it (editors and managers).",
  needs: "write",
  pathParams: z.object({ id: contentIdParam }),
  body: updateContentSchema,
  bodyFromPath: ["id"],
  response: contentItemSchema,
  notFound: "No item has this id, or it is not one whose existence may be told to you (C5).",
  forbidden: "You may not change this item.",
});

export const publishContent = defineEndpoint({
  operationId: "publishContent",
  method: "post",
  path: "/content/{id}/publish",
  summary: "Publish or unpublish an item",
  description: "`publish: true` publishes the item, `false` takes it back to a draft (S7: editors and managers of its home; a group's admins). `baseVersion` as for a change.",
  needs: "write",
  pathParams: z.object({ id: contentIdParam }),
  body: publishSchema,
  bodyFromPath: ["id"],
  response: contentItemSchema,
  forbidden: "You may not publish this item.",
});

export const contentDeletedSchema = named(
  "ContentDeleted",
  z.object({ id: z.uuid(), deleted: z.literal(true) }).meta({ description: "The item, its versions, comments and images are gone." }),
);

export const deleteContent = defineEndpoint({
  operationId: "deleteContent",
  method: "delete",
  path: "/content/{id}",
  summary: "Delete an item",
  description: "Deletes the item with its versions, comments and images (S7: editors and managers of its home; its author, a draft of their own; in a group its author while a member, its admins). Recorded in the audit log.",
  needs: "write",
  pathParams: z.object({ id: contentIdParam }),
  response: contentDeletedSchema,
  forbidden: "You may not delete this item.",
});

export const shareContent = defineEndpoint({
  operationId: "shareContent",
  method: "put",
  path: "/content/{id}/shares/{sectionId}",
  summary: "Share an item into a section",
  description: "Shows the item in a further section too (C1): whoever may change the item, into a section where they are an editor or manager.",
  needs: "write",
  pathParams: z.object({ id: contentIdParam, sectionId: sectionIdParam }),
  response: contentItemSchema,
  forbidden: "You may not share this item into that section.",
});

export const unshareContent = defineEndpoint({
  operationId: "unshareContent",
  method: "delete",
  path: "/content/{id}/shares/{sectionId}",
  summary: "Stop sharing an item into a section",
  description: "Takes the item out of a section it is shared into (C1): an editor or manager of that section who may view the item.",
  needs: "write",
  pathParams: z.object({ id: contentIdParam, sectionId: sectionIdParam }),
  response: contentItemSchema,
  forbidden: "You may not stop sharing this item there.",
});
