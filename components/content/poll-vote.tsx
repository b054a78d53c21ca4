"use client";
/**
 * E3: anyone who can view a published poll votes, once; voting again changes the vote.
 * A fieldset of radio buttons with a legend, the error beside it and announced (the form
 * layer's FormFieldset); the server parses the vote again (voteSchema).
 */
import { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormFieldset } from "@/components/ui/fields";
import { voteAction } from "@/lib/content/actions";

const CHOOSE = "Choose an option to vote for.";
/** The radio buttons give a string (or nothing when none is chosen); the action takes the option's number. */
const pollVoteForm = z.object({ optionId: z.string({ error: CHOOSE }).min(1, CHOOSE) });
type PollVoteForm = z.input<typeof pollVoteForm>;

export function PollVote({ id, options, myVote }: { id: string; options: { id: number; label: string }[]; myVote: number | null }) {
  const form = useActionForm(pollVoteForm, voteAction, {
    defaultValues: { optionId: myVote === null ? "" : String(myVote) },
    transform: ({ optionId }) => ({ id, optionId: Number(optionId) }),
    refresh: true,
    onSuccess: () => (myVote === null ? "Thank you: your vote is counted." : "Your vote is changed."),
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-4">
      <FormFieldset<PollVoteForm>
        name="optionId"
        legend={myVote === null ? "Your vote" : "Change your vote"}
        legendClassName="text-lg font-bold"
        options={options.map((o) => ({ value: String(o.id), label: o.label }))}
      />
      <FormSubmitRow label={myVote === null ? "Vote" : "Change my vote"} busyLabel="Sending…" />
    </ActionForm>
  );
}
