/**
 * The inputs of the team actions (P5), shared by the forms (react-hook-form) and the
 * server actions that re-parse them. No server-only here: client components import it.
 */
import { z } from "zod";
import { dbId, plainText, searchText } from "@/lib/validation/text";

const teamId = dbId("Choose a team");
const personId = z.uuid({ error: "Choose a person" });

export const teamName = plainText(120, { invalid: "Enter a name", required: "Enter a name for the team", tooLong: "Use 120 characters or fewer for the name" });

export const addTeamMembersInput = z.object({
  teamId,
  personIds: z.array(personId).min(1, "Choose at least one person to add").max(100, "Add at most 100 people at a time"),
  /**
   * S8 (as for sections): adding external people gives them access to the sections the
   * team is a member of, so it needs an explicit confirmation after the review.
   */
  confirmExternal: z.boolean().default(false),
});

/**
 * The add-members form (P5): the people chosen with the picker, as the picker gives them
 * (the review names the external ones, S8). The form sends their ids, which the action
 * parses again with addTeamMembersInput; the same limits are checked here first.
 */
const pickedPerson = z.object({ id: z.string(), name: z.string(), email: z.string(), audience: z.enum(["organisational", "external"]) });
export const addTeamMembersFormSchema = z.object({ people: z.array(pickedPerson) }).superRefine((form, ctx) => {
  const ids = addTeamMembersInput.shape.personIds.safeParse(form.people.map((p) => p.id));
  if (!ids.success) ctx.addIssue({ code: "custom", path: ["people"], message: ids.error.issues[0]!.message });
});
export type AddTeamMembersForm = z.input<typeof addTeamMembersFormSchema>;

export const removeTeamMemberInput = z.object({ teamId, personId });

export const setTeamAdminInput = z.object({ teamId, personId, isAdmin: z.boolean() });

export const renameTeamInput = z.object({ teamId, name: teamName });

export const createChildTeamInput = z.object({ parentId: teamId, name: teamName });

export const searchTeamCandidatesInput = z.object({ teamId, query: searchText(200, "Enter at most 200 characters") });

export type AddTeamMembersInput = z.input<typeof addTeamMembersInput>;
export type RenameTeamInput = z.input<typeof renameTeamInput>;
export type CreateChildTeamInput = z.input<typeof createChildTeamInput>;

/** A team key from its name: lower-case words joined by hyphens, ASCII only ("Roads North" → "roads-north"). */
export function keyFromName(name: string): string {
  const key = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return key || "team";
}
