/**
 * The inputs of the group actions (G1–G5, E5, S8), shared by the forms (react-hook-form)
 * and the server actions that parse again whatever the browser sent. No server-only here:
 * client components import it.
 */
import { z } from "zod";
import { impactFingerprint } from "@/lib/validation/impact";
import { S8_TICK_MESSAGE, pickedPeopleForm } from "@/lib/validation/picked-people";
import { slugFrom } from "@/lib/validation/slug";
import { dbId, plainText, searchText } from "@/lib/validation/text";

/** Paths under /groups/ that are pages of their own, so no group may take them as a slug. */
export const RESERVED_GROUP_SLUGS = ["new", "invitations"] as const;

export const VISIBILITIES = ["public", "private", "secret"] as const;
export type GroupVisibility = (typeof VISIBILITIES)[number];

/** G1, said to the people choosing it. */
export const VISIBILITY_LABELS: Record<GroupVisibility, { label: string; hint: string }> = {
  public: { label: "Public", hint: "Listed; everyone with Groups access reads its content and may join." },
  private: { label: "Private", hint: "Listed by name and description; content for members; people ask to join and an admin approves." },
  secret: { label: "Secret", hint: "Not listed and not found by search; only members know it exists; joining by invitation only." },
};

const groupId = dbId("This group could not be found. Reload the page, then try again.");
const personId = z.uuid({ error: "Choose a person" });
const personIds = z.array(personId).min(1, "Choose at least one person").max(100, "Choose at most 100 people at a time");

export const groupName = plainText(120, { invalid: "Enter a name", required: "Enter a name for the group", tooLong: "Use 120 characters or fewer for the name" });
export const groupDescription = plainText(2000, { multiline: true, tooLong: "Use 2000 characters or fewer for the description" });
export const visibility = z.enum(VISIBILITIES, { error: "Choose who can find and read the group" });
/** G1: the requester's optional note to the admins. */
export const requestMessage = plainText(500, { multiline: true, tooLong: "Use 500 characters or fewer for your message" });

/** A web address for a group from its name: lower-case words joined by hyphens, ASCII only ("Book club!" → "book-club"; lib/validation/slug.ts). */
export function groupSlugFromName(name: string): string {
  return slugFrom(name);
}

/** "3 published items become" / "1 published item becomes". */
const itemsBecome = (n: number) => (n === 1 ? "1 published item becomes" : `${n} published items become`);

/** G1: what a change of visibility exposes or hides, said before it is saved. */
export function visibilityConsequence(from: GroupVisibility, to: GroupVisibility, publishedItems: number): string | null {
  if (from === to) return null;
  const parts: string[] = [];
  if (to === "public") parts.push(`The group's ${itemsBecome(publishedItems)} readable by everyone with Groups access, and anyone with Groups access can join without asking.`);
  if (from === "public") parts.push(`The group's ${itemsBecome(publishedItems)} readable by members only.`);
  if (to === "private") parts.push(from === "secret" ? "The group appears in the directory (name and description) for everyone with Groups access, who can ask to join." : "People ask to join and an admin approves.");
  if (to === "secret") parts.push("The group disappears from the directory and search for non-members; only invitations bring people in. Pending requests stay for you to decide.");
  return parts.join(" ");
}

export const createGroupInput = z.object({ name: groupName, description: groupDescription, visibility });
export type CreateGroupForm = z.input<typeof createGroupInput>;

export const updateGroupInput = z.object({ groupId, name: groupName, description: groupDescription });
export type UpdateGroupForm = z.input<typeof updateGroupInput>;

export const CONFIRM_VISIBILITY_MESSAGE = "Tick the box to confirm the change of visibility";
export const setVisibilityInput = z.object({
  groupId,
  visibility,
  /** The form showed what the change exposes or hides (G1); the server asks for it too. */
  confirmed: z.literal(true, { error: CONFIRM_VISIBILITY_MESSAGE }),
  /** B4: the fingerprint of what the change does, as previewed (previewGroupVisibilityImpact). */
  impactFingerprint: impactFingerprint.optional(),
});
export const previewVisibilityInput = setVisibilityInput.pick({ groupId: true, visibility: true });
export const setVisibilityForm = z.object({ visibility, confirmed: z.boolean() }).refine((v) => v.confirmed, { path: ["confirmed"], message: CONFIRM_VISIBILITY_MESSAGE });
export type SetVisibilityForm = z.input<typeof setVisibilityForm>;

export const deleteGroupInput = z.object({
  groupId,
  /** The group's name typed again: deleting takes its content with it. */
  confirmName: plainText(120, { required: "Type the group's name to confirm", tooLong: "Type the group's name to confirm" }),
});
export type DeleteGroupForm = z.input<typeof deleteGroupInput>;

export const groupOnlyInput = z.object({ groupId });
export const requestToJoinInput = z.object({ groupId, message: requestMessage });
export type RequestToJoinForm = z.input<typeof requestToJoinInput>;

export const decideRequestInput = z.object({ groupId, requestId: dbId("This request could not be found. Reload the page."), decision: z.enum(["approve", "decline"]) });
export const respondInvitationInput = z.object({ groupId, accept: z.boolean() });
export const cancelInvitationInput = z.object({ groupId, invitationId: dbId("This invitation could not be found. Reload the page.") });

export const memberInput = z.object({ groupId, personId });
export const setAdminInput = z.object({ groupId, personId, isAdmin: z.boolean() });

/** S8 for groups: the consequence of giving external people a place in the group. */
export const GROUP_S8_MESSAGE = "You are giving the selected users access to view this group and its content";
export const GROUP_S8_ACKNOWLEDGEMENT = `I understand: ${GROUP_S8_MESSAGE.charAt(0).toLowerCase()}${GROUP_S8_MESSAGE.slice(1)}.`;
export const GROUP_S8_TICK_MESSAGE = S8_TICK_MESSAGE;

/** Adding members (admins, G5) and inviting people (G1, G5) take the same input; S8 for external people. */
export const peopleToGroupInput = z.object({ groupId, personIds, acknowledgeExternal: z.boolean() });

/** The add/invite form in the browser (G5, S8): lib/validation/picked-people.ts. */
export const peopleToGroupForm = pickedPeopleForm(personIds);
export type PeopleToGroupForm = z.infer<typeof peopleToGroupForm>;

export const searchGroupPeopleInput = z.object({ groupId, query: searchText(100, "Enter at most 100 characters").min(2) });
