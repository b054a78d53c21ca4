/** Naming app moderators (G8, K2): the forms' shapes, shared by the forms and the actions. Client-safe. */
import { z } from "zod";
import { SWITCHABLE_APPS } from "@/lib/settings/schemas";
import { searchText } from "@/lib/validation/text";

const app = z.enum(SWITCHABLE_APPS, { error: "Choose one of the apps." });
const personId = z.uuid({ error: "This person could not be found. Reload the page, then try again." });
const pickedPerson = z.object({ id: z.string(), name: z.string(), email: z.string(), audience: z.enum(["organisational", "external"]) });

export const MODERATORS_PER_APP_MAX = 100;

export const addAppModeratorsInput = z.object({
  app,
  personIds: z.array(personId).min(1, "Choose at least one person.").max(20, "Add at most 20 people at a time."),
});

/** The form: people picked with the picker; only organisational people may moderate. */
export const addAppModeratorsForm = z.object({ people: z.array(pickedPerson) }).superRefine((form, ctx) => {
  if (form.people.length === 0) ctx.addIssue({ code: "custom", path: ["people"], message: "Choose at least one person." });
  const external = form.people.find((p) => p.audience === "external");
  if (external) ctx.addIssue({ code: "custom", path: ["people"], message: `${external.name} is an external person: only people in the organisation can moderate an app.` });
});
export type AddAppModeratorsForm = z.input<typeof addAppModeratorsForm>;

export const removeAppModeratorInput = z.object({ app, personId });

export const searchModeratorCandidatesInput = z.object({ app, query: searchText(200, "Enter at most 200 characters") });
