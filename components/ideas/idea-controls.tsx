"use client";
/**
 * The controls of an idea's page (G8 K4): vote and take the vote back, follow, delete, and the
 * moderators' status form. Votes and follows change at once and go back, with the server's
 * message, when refused (components/reactions). Every action decides again on the server.
 */
import { useRouter } from "next/navigation";
import { ToggleButton } from "@/components/reactions/toggle-button";
import { useFeedback, useOptimisticAction } from "@/components/reactions/use-optimistic-action";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormSelect, FormTextArea } from "@/components/ui/fields";
import { problemOf } from "@/lib/action-result";
import { deleteIdeaAction, followIdeaAction, setIdeaStatusAction, voteIdeaAction } from "@/lib/ideas/actions";
import { IDEA_NOTE_MAX, IDEA_STATUSES, IDEA_STATUS_LABEL, type IdeaStatus, type IdeaStatusFormInput, ideaStatusFormSchema } from "@/lib/ideas/schemas";

/** G8: one vote a person. The count shown is the server's after each change. */
export function VoteControls({ ideaId, voted, voteCount }: { ideaId: string; voted: boolean; voteCount: number }) {
  const feedback = useFeedback();
  const vote = useOptimisticAction({ voted, voteCount }, feedback);
  const toggle = () => {
    const next = !vote.state.voted;
    vote.run(
      { voted: next, voteCount: Math.max(0, vote.state.voteCount + (next ? 1 : -1)) },
      () => voteIdeaAction({ ideaId, vote: next }),
      (d) => (d.voted ? "Your vote is counted." : "Your vote was taken back."),
      (d) => d,
    );
  };
  const { voted: isVoted, voteCount: count } = vote.state;
  return (
    <div className="flex flex-col gap-2">
      <p className="flex flex-wrap items-baseline gap-x-3">
        <span className="text-3xl font-bold" data-testid="vote-count">
          {count}
        </span>
        <span>{count === 1 ? "vote" : "votes"}</span>
        {isVoted ? <span className="font-semibold text-green-800">You voted</span> : null}
      </p>
      <button type="button" onClick={toggle} aria-busy={vote.pending || undefined} className={isVoted ? buttonClass.secondary : buttonClass.primary}>
        {isVoted ? "Take back my vote" : "Vote for this idea"}
      </button>
      <ActionFeedback status={feedback.status} error={feedback.error} />
    </div>
  );
}

/** K4: follow the idea, to hear of its status changes (and, later, its comments). */
export function FollowIdeaButton({ ideaId, following }: { ideaId: string; following: boolean }) {
  const feedback = useFeedback();
  const follow = useOptimisticAction(following, feedback);
  const toggle = () => {
    const next = !follow.state;
    follow.run(next, () => followIdeaAction({ ideaId, follow: next }), (d) => (d.following ? "You follow this idea." : "You no longer follow this idea."));
  };
  return (
    <div>
      <ToggleButton label="Follow" pressed={follow.state} busy={follow.pending} onToggle={toggle} />
      <ActionFeedback status={feedback.status} error={feedback.error} />
    </div>
  );
}

/** G4 G8: delete, after a confirmation; then back to the listing. */
export function DeleteIdeaButton({ ideaId, title }: { ideaId: string; title: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className={buttonClass.secondary}>
          Delete
        </button>
      }
      title="Delete this idea?"
      confirmLabel="Delete idea"
      tone="danger"
      onConfirm={async () => {
        const result = await deleteIdeaAction({ ideaId });
        if (!result.ok) return problemOf(result) ?? "The idea could not be deleted.";
        router.push("/ideas");
        router.refresh();
        return null;
      }}
    >
      <p>
        “{title}” will be deleted with its votes and followers. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}

/** G8: the moderators move the idea to a status, with a note (required for declined). */
export function IdeaStatusForm({ ideaId, status }: { ideaId: string; status: IdeaStatus }) {
  const form = useActionForm(ideaStatusFormSchema, (values: { status: IdeaStatus; note: string }) => setIdeaStatusAction({ ...values, ideaId }), {
    defaultValues: { status, note: "" },
    resetOnSuccess: false,
    refresh: true,
    onSuccess: (data) => {
      form.form.reset({ status: data.to, note: "" });
      return `Status set to ${IDEA_STATUS_LABEL[data.to]}. The author and followers are told.`;
    },
  });
  return (
    <ActionForm form={form} className="space-y-4 rounded border border-gray-400 p-4" aria-labelledby="idea-status-heading">
      <h2 id="idea-status-heading" className="text-xl font-bold">
        Set the status
      </h2>
      <FormSelect<IdeaStatusFormInput> name="status" label="Status">
        {IDEA_STATUSES.map((s) => (
          <option key={s} value={s}>
            {IDEA_STATUS_LABEL[s]}
          </option>
        ))}
      </FormSelect>
      <FormTextArea<IdeaStatusFormInput>
        name="note"
        label="Note to the author and followers"
        hint={`Optional, but required when declining. Up to ${IDEA_NOTE_MAX} characters.`}
        rows={3}
        maxLength={IDEA_NOTE_MAX * 2}
      />
      <FormSubmitRow label="Save status" busyLabel="Saving…" />
    </ActionForm>
  );
}
