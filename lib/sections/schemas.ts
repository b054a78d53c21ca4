/**
 * Section management input (S1–S8), shared by the forms and the server
 * actions, which parse again whatever the browser sent.
 */
import { z } from "zod";
import { S8_TICK_MESSAGE, pickedPeopleForm } from "@/lib/validation/picked-people";
import { slugFrom } from "@/lib/validation/slug";
import { dbId, plainText, searchText } from "@/lib/validation/text";
import { IMPACT_CHANGED, impactFingerprint } from "@/lib/validation/impact";

/** Paths under /sections/ that are pages of their own, so no section may take them as a slug. */
export const RESERVED_SLUGS = ["new"] as const;

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Enter a web address of at least 2 characters")
  .max(60, "Enter a web address of 60 characters or fewer")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use only lower-case letters, numbers and single hyphens, like team-news")
  .refine((s) => !(RESERVED_SLUGS as readonly string[]).includes(s), "This web address is reserved; choose another");

/** S1: the web address the new-section forms suggest as the title is typed (lib/validation/slug.ts); slugSchema still decides. */
export const slugify = (title: string): string => slugFrom(title);

const sectionId = dbId("This section could not be found. Reload the page, then try again.");
const personIds = z.array(z.string().uuid()).min(1, "Choose at least one person").max(200, "Choose at most 200 people at a time");

export const sectionRoleSchema = z.enum(["manager", "editor", "author"]);

export const sectionDetailsSchema = z.object({
  title: plainText(120, { required: "Enter a title", tooLong: "Enter a title of 120 characters or fewer" }),
  description: plainText(1000, { multiline: true, tooLong: "Enter a description of 1000 characters or fewer" }),
  slug: slugSchema,
});
export type SectionDetailsInput = z.input<typeof sectionDetailsSchema>;

export const updateSectionSchema = sectionDetailsSchema.extend({ sectionId });

export const createSectionSchema = sectionDetailsSchema.extend({
  /** Null: a top-level section (webmasters only). */
  parentId: sectionId.nullable(),
  restricted: z.boolean(),
});
export type CreateSectionInput = z.input<typeof createSectionSchema>;

export const S8_MESSAGE = "You are giving the selected users access to view this section and its content";

/** B4: the preview's fingerprint the person confirmed; the save re-measures and refuses when it differs (IMPACT_CHANGED). */
export { IMPACT_CHANGED, impactFingerprint };

export const addMembersSchema = z.object({
  sectionId,
  personIds,
  /** S8: required when anyone added is external; the server decides whether it is needed. */
  acknowledgeExternal: z.boolean(),
  impactFingerprint: impactFingerprint.optional(),
});
export const previewAddMembersSchema = addMembersSchema.pick({ sectionId: true, personIds: true });

export const removeMembersSchema = z.object({ sectionId, personIds, impactFingerprint: impactFingerprint.optional() });
export const previewRemoveMembersSchema = removeMembersSchema.pick({ sectionId: true, personIds: true });

/** The S8 checkbox's label on the review steps. */
export const S8_ACKNOWLEDGEMENT = `I understand: ${S8_MESSAGE.charAt(0).toLowerCase()}${S8_MESSAGE.slice(1)}.`;
export { S8_TICK_MESSAGE };

/** "+ Add member" in the browser (S2, S8): lib/validation/picked-people.ts. */
export const addMembersFormSchema = pickedPeopleForm(personIds);
export type AddMembersForm = z.infer<typeof addMembersFormSchema>;

export const addTeamSchema = z.object({
  sectionId,
  teamId: dbId("Choose a team"),
  includeChildren: z.boolean(),
  acknowledgeExternal: z.boolean(),
  impactFingerprint: impactFingerprint.optional(),
});
export const previewAddTeamSchema = addTeamSchema.pick({ sectionId: true, teamId: true, includeChildren: true });

/**
 * "+ Add team" in the browser: the team picked, with or without its children, and the
 * S8 acknowledgement once the review has counted external people in it.
 */
export const addTeamFormSchema = z
  .object({
    team: z.object({ id: z.number(), name: z.string() }).nullable(),
    includeChildren: z.boolean(),
    acknowledgeExternal: z.boolean(),
    /** Counted by the review (teamReachForSection); null until then. */
    externalMembers: z.number().int().nullable(),
    /** B4: the fingerprint of the impact the review showed (previewAddTeamImpact); null until then. */
    impactFingerprint: z.string().nullable(),
  })
  .superRefine((form, ctx) => {
    const teamId = addTeamSchema.shape.teamId.safeParse(form.team?.id);
    if (!teamId.success) ctx.addIssue({ code: "custom", path: ["team"], message: teamId.error.issues[0]!.message });
    if ((form.externalMembers ?? 0) > 0 && !form.acknowledgeExternal) {
      ctx.addIssue({ code: "custom", path: ["acknowledgeExternal"], message: S8_TICK_MESSAGE });
    }
  });
export type AddTeamForm = z.infer<typeof addTeamFormSchema>;

export const removeTeamsSchema = z.object({
  sectionId,
  teamIds: z.array(dbId("Choose teams from the list")).min(1, "Choose at least one team").max(200),
  impactFingerprint: impactFingerprint.optional(),
});
export const previewRemoveTeamsSchema = removeTeamsSchema.pick({ sectionId: true, teamIds: true });

export type SectionRole = z.infer<typeof sectionRoleSchema>;

/** S7: each role's name, and what it lets its holder do in the section and every section below it. */
export const SECTION_ROLE_WORDS: Record<SectionRole, { label: string; powers: string }> = {
  manager: { label: "Manager", powers: "manage members, roles and settings, create subsections, and write, edit, publish and delete everyone's content" },
  editor: { label: "Editor", powers: "write, edit, publish and delete everyone's content" },
  author: { label: "Author", powers: "write drafts for an editor or manager to publish" },
};

/**
 * S7 S8: what giving these roles to external people does, said before it is done (the
 * review's acknowledgement) and by the server when it refuses: the role reaches every
 * section below (S7), the strongest role given decides what they can do, and role holders
 * are e-mailed about content changes there.
 */
export function roleS8Consequence(roles: readonly SectionRole[], sectionTitle: string): string {
  const strongest = (["manager", "editor", "author"] as const).find((r) => roles.includes(r)) ?? "author";
  const names = roles.map((r) => SECTION_ROLE_WORDS[r].label).join(" and ");
  return `you are giving external users the ${roles.length === 1 ? "role" : "roles"} ${names} in ${sectionTitle} and every section below it: there they will be able to ${SECTION_ROLE_WORDS[strongest].powers}, and they will be e-mailed about content changes`;
}

export const changeRolesSchema = z.object({
  sectionId,
  personIds,
  roles: z.array(sectionRoleSchema).min(1, "Choose at least one role").max(3),
  change: z.enum(["add", "remove"]),
  /**
   * S8: required when a role is given to anyone external (the server decides whether it is
   * needed); not given counts as not confirmed. Taking roles away needs none.
   */
  acknowledgeExternal: z.boolean().default(false),
});

/**
 * The people table's bulk actions in the browser: who is ticked, what to do, and (for roles)
 * which roles; S8's acknowledgement, required once anyone ticked is external and roles are
 * being given (`externalChosen`, set by the table from the people it lists).
 */
export const memberActionsFormSchema = z
  .object({
    personIds,
    action: z.enum(["add-roles", "remove-roles", "remove"]),
    roles: changeRolesSchema.shape.roles,
    externalChosen: z.boolean(),
    acknowledgeExternal: z.boolean(),
  })
  .superRefine((form, ctx) => {
    if (form.action === "add-roles" && form.externalChosen && !form.acknowledgeExternal) {
      ctx.addIssue({ code: "custom", path: ["acknowledgeExternal"], message: S8_TICK_MESSAGE });
    }
  });
export type MemberActionsForm = z.infer<typeof memberActionsFormSchema>;

export const setRestrictedSchema = z.object({
  sectionId,
  restricted: z.boolean(),
  /** Un-restricting opens the section to the whole organisation: it must be confirmed. */
  confirmed: z.boolean(),
  impactFingerprint: impactFingerprint.optional(),
});
export const previewRestrictedSchema = setRestrictedSchema.pick({ sectionId: true, restricted: true });

export const moveSectionSchema = z.object({ sectionId, newParentId: sectionId.nullable(), impactFingerprint: impactFingerprint.optional() });
export const previewMoveSchema = moveSectionSchema.pick({ sectionId: true, newParentId: true });

export const searchSchema = z.object({ sectionId, query: searchText(100, "Enter at most 100 characters").min(2) });
