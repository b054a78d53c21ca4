"use server";
/**
 * People administration server actions (M1, M2, M3, P2, P3): webmasters only. Each is a
 * defineAction — the viewer re-read, the input parsed, `isWebmaster` re-checked from the
 * database inside the transaction, the change audited (M8) in that transaction.
 */
import { revalidatePath } from "next/cache";
import { defineAction, defineReadAction } from "@/lib/actions";
import { createPerson, sendWelcomes, setBlocked, updatePerson } from "./mutations";
import { planWelcome } from "./admin-queries";
import { bulkBlockInput, bulkWelcomeInput, createPersonInput, updatePersonInput } from "./schemas";

function refresh(personId?: string) {
  revalidatePath("/admin/users");
  if (personId) revalidatePath(`/admin/users/${personId}`);
}

/** M2: the review step — how many will get the e-mail, and why the others are skipped. */
export const previewWelcomeAction = defineReadAction({
  input: bulkWelcomeInput,
  authorize: "people.manage",
  run: async ({ viewer, input, db }) => {
    const plan = await planWelcome(db, viewer, input);
    return { count: plan.recipients.length, skipped: plan.skipped };
  },
});

export const sendWelcomeAction = defineAction({
  name: "people.welcome.send",
  input: bulkWelcomeInput,
  authorize: "people.manage",
  run: async ({ viewer, input, tx }) => {
    const result = await sendWelcomes(tx, viewer, input);
    refresh();
    return { sent: result.sent.length, skipped: result.skipped };
  },
  // Who received a link, never the link: the token is a secret (only its hash is stored).
  audit: (input, result) => ({ details: { filter: input.filter, personIds: input.personIds, sent: result.sent, skipped: result.skipped } }),
});

export const setBlockedAction = defineAction({
  name: "people.block",
  input: bulkBlockInput,
  authorize: "people.manage",
  run: async ({ viewer, input, tx }) => {
    const result = await setBlocked(tx, viewer, input.personIds, input.blocked);
    refresh();
    return { changed: result.changed.length };
  },
  audit: (input, result) => ({ details: { blocked: input.blocked, personIds: input.personIds, changed: result.changed } }),
});

export const createPersonAction = defineAction({
  name: "people.create",
  input: createPersonInput,
  authorize: "people.manage",
  run: async ({ input, tx }) => {
    const created = await createPerson(tx, input);
    refresh();
    return created;
  },
  audit: (input, result) => ({ target: { type: "person", id: result.id }, details: { input } }),
});

export const updatePersonAction = defineAction({
  name: "people.update",
  input: updatePersonInput,
  authorize: "people.manage",
  run: async ({ viewer, input, tx }) => {
    const result = await updatePerson(tx, viewer, input);
    refresh(input.personId);
    return result;
  },
  audit: (input, result) => ({ target: { type: "person", id: input.personId }, details: { input, ...result } }),
});
