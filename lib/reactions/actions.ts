"use server";
/**
 * K4 E3: favourite, rate and follow (server actions). Each is a defineAction: the viewer
 * re-read, the input parsed, the policy checked in the transaction of the change, audited
 * (M8). Adding needs the catalogue entry (viewing the item, section or group; a person's
 * profile for following people, E4 E5); taking one's own favourite, rating or follow away
 * needs only one's own account, so someone who lost access can still let go of it.
 */
import { can } from "@/lib/access/policies";
import { defineAction } from "@/lib/actions";
import { setFavourite, setFollow, setRating } from "./mutations";
import { favouriteInput, followGroupInput, followItemInput, followPersonInput, followSectionInput, rateInput } from "./schemas";

const item = (id: string) => ({ kind: "content" as const, id });
const contentTarget = (id: string) => ({ type: "content", id });

export const favouriteAction = defineAction({
  name: "content.favourite",
  input: favouriteInput,
  authorize: {
    policies: ["content.react", "account.own"],
    check: async ({ viewer, input, tx }) => (input.favourite ? can(viewer, "content.react", item(input.id), tx) : can(viewer, "account.own", null, tx)),
  },
  run: ({ viewer, input, tx }) => setFavourite(tx, viewer.id, input),
  audit: (input) => ({ target: contentTarget(input.id), details: { favourite: input.favourite } }),
});

export const rateAction = defineAction({
  name: "content.rate",
  input: rateInput,
  authorize: {
    policies: ["content.react", "account.own"],
    check: async ({ viewer, input, tx }) => (input.stars !== null ? can(viewer, "content.react", item(input.id), tx) : can(viewer, "account.own", null, tx)),
  },
  run: ({ viewer, input, tx }) => setRating(tx, viewer.id, input),
  audit: (input) => ({ target: contentTarget(input.id), details: { stars: input.stars } }),
});

export const followItemAction = defineAction({
  name: "content.follow",
  input: followItemInput,
  authorize: {
    policies: ["content.react", "account.own"],
    check: async ({ viewer, input, tx }) => (input.follow ? can(viewer, "content.react", item(input.id), tx) : can(viewer, "account.own", null, tx)),
  },
  run: ({ viewer, input, tx }) => setFollow(tx, viewer.id, { kind: "content", id: input.id }, input.follow),
  audit: (input) => ({ target: contentTarget(input.id), details: { follow: input.follow } }),
});

export const followSectionAction = defineAction({
  name: "section.follow",
  input: followSectionInput,
  authorize: {
    policies: ["section.follow", "account.own"],
    check: async ({ viewer, input, tx }) =>
      input.follow ? can(viewer, "section.follow", { kind: "section", id: input.sectionId }, tx) : can(viewer, "account.own", null, tx),
  },
  run: ({ viewer, input, tx }) => setFollow(tx, viewer.id, { kind: "section", id: input.sectionId }, input.follow),
  audit: (input) => ({ target: { type: "section", id: input.sectionId }, details: { follow: input.follow } }),
});

export const followGroupAction = defineAction({
  name: "group.follow",
  input: followGroupInput,
  authorize: {
    policies: ["group.follow", "account.own"],
    check: async ({ viewer, input, tx }) => (input.follow ? can(viewer, "group.follow", { kind: "group", id: input.groupId }, tx) : can(viewer, "account.own", null, tx)),
  },
  run: ({ viewer, input, tx }) => setFollow(tx, viewer.id, { kind: "group", id: input.groupId }, input.follow),
  audit: (input) => ({ target: { type: "group", id: input.groupId }, details: { follow: input.follow } }),
});

/** K4 E4 E5: no profile pages exist yet, so no button calls this; the rule is enforced here for when they do. */
export const followPersonAction = defineAction({
  name: "person.follow",
  input: followPersonInput,
  authorize: {
    policies: ["person.follow", "account.own"],
    check: async ({ viewer, input, tx }) =>
      input.follow ? can(viewer, "person.follow", { kind: "person", id: input.personId }, tx) : can(viewer, "account.own", null, tx),
  },
  run: ({ viewer, input, tx }) => setFollow(tx, viewer.id, { kind: "person", id: input.personId }, input.follow),
  audit: (input) => ({ target: { type: "person", id: input.personId }, details: { follow: input.follow } }),
});
