/**
 * The "choose people, then review" forms in the browser (adding section members, S2;
 * adding and inviting group members, G5): the people picked, kept whole for the chips and
 * the review, and S8's acknowledgement, required once anyone picked is external. The ids
 * are checked with the server's own rule (`ids`); the server decides S8 again from the database.
 */
import { z } from "zod";

export const S8_TICK_MESSAGE = "Tick the box to confirm that you are giving external users access";

const pickedPerson = z.object({ id: z.string(), name: z.string(), email: z.string(), audience: z.enum(["organisational", "external"]) });

export function pickedPeopleForm(ids: z.ZodType<string[]>) {
  return z.object({ people: z.array(pickedPerson), acknowledgeExternal: z.boolean() }).superRefine((form, ctx) => {
    const checked = ids.safeParse(form.people.map((p) => p.id));
    if (!checked.success) ctx.addIssue({ code: "custom", path: ["people"], message: checked.error.issues[0]!.message });
    if (form.people.some((p) => p.audience === "external") && !form.acknowledgeExternal) {
      ctx.addIssue({ code: "custom", path: ["acknowledgeExternal"], message: S8_TICK_MESSAGE });
    }
  });
}
export type PickedPeopleForm = z.infer<ReturnType<typeof pickedPeopleForm>>;
