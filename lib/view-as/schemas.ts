/** B2: the view-as form's input (client-safe). */
import { z } from "zod";

export const CHOOSE_PERSON_TO_VIEW_AS = "Choose a person from the list.";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const startViewAsInput = z.object({ personId: z.string({ error: CHOOSE_PERSON_TO_VIEW_AS }).regex(UUID, CHOOSE_PERSON_TO_VIEW_AS) });

export const viewAsPeopleSearch = z.object({ query: z.string().trim().max(100, "Type at most 100 characters.") });

/** The form's own value: the chosen person (null until one is chosen). */
export const viewAsFormSchema = z
  .object({ person: z.object({ id: z.string(), name: z.string(), email: z.string(), audience: z.enum(["organisational", "external"]) }).nullable() })
  .superRefine((form, ctx) => {
    if (!form.person) ctx.addIssue({ code: "custom", path: ["person"], message: CHOOSE_PERSON_TO_VIEW_AS });
  });
export type ViewAsForm = z.infer<typeof viewAsFormSchema>;
