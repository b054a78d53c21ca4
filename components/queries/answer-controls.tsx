"use client";
/**
 * G8: what the viewer may do with one answer, each control shown only to those allowed (the
 * page's query decided it; the actions decide again): its author edits it while the query is
 * not resolved (the edit the form opened on is sent, so a change made in another tab is not
 * overwritten); the asker, or a moderator, accepts it after a confirmation, which resolves
 * the query for good.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormTextArea } from "@/components/ui/fields";
import { problemOf } from "@/lib/action-result";
import { acceptAnswerAction, editAnswerAction } from "@/lib/queries-app/actions";
import { ANSWER_MAX, answerBody } from "@/lib/queries-app/schemas";

const small = "min-h-11 rounded px-2 font-semibold text-brand-700 underline hover:bg-gray-100";

export interface AnswerControlsProps {
  queryId: string;
  answerId: string;
  authorName: string;
  body: string;
  /** The answer's last edit as read ("" for never): the edit form's version. */
  version: string;
  mayEdit: boolean;
  mayAccept: boolean;
  /** The viewer accepts for the asker (a moderator), said in the confirmation. */
  onBehalf: boolean;
}

export function AnswerControls(props: AnswerControlsProps) {
  const { queryId, answerId, mayEdit, mayAccept } = props;
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState("");
  if (!mayEdit && !mayAccept) return null;
  return (
    <div className="mt-2">
      <div className="flex flex-wrap items-center gap-2">
        {mayAccept ? (
          <ConfirmDialog
            trigger={
              <button type="button" className={buttonClass.secondary}>
                Accept this answer<span className="sr-only"> by {props.authorName}</span>
              </button>
            }
            title="Accept this answer?"
            confirmLabel="Accept and resolve"
            tone="primary"
            onConfirm={async () => {
              const result = await acceptAnswerAction({ queryId, answerId });
              if (result.ok) router.refresh();
              return problemOf(result);
            }}
          >
            <p>
              The query is then resolved: this answer is marked as accepted and shown first, and the query takes no more answers. This cannot be undone.
              {props.onBehalf ? " You are accepting it for the asker, as a moderator of Queries." : ""}
            </p>
          </ConfirmDialog>
        ) : null}
        {mayEdit ? (
          <button type="button" className={small} aria-expanded={editing} onClick={() => setEditing(!editing)}>
            Edit<span className="sr-only"> your answer</span>
          </button>
        ) : null}
      </div>
      {editing ? (
        <EditAnswerForm
          {...props}
          onDone={(message) => {
            setEditing(false);
            if (message) setStatus(message);
          }}
        />
      ) : null}
      <ActionFeedback status={status} error={null} />
    </div>
  );
}

const editSchema = z.object({ body: answerBody });

function EditAnswerForm({ queryId, answerId, body, version, onDone }: AnswerControlsProps & { onDone: (message?: string) => void }) {
  const form = useActionForm(editSchema, editAnswerAction, {
    defaultValues: { body },
    transform: (values) => ({ answerId, queryId, body: values.body, version }),
    refresh: true,
    onSuccess: (data) => void onDone(data.changed ? "Your answer is saved." : "Nothing was changed."),
  });
  return (
    <ActionForm form={form} className="mt-2 space-y-3">
      <FormTextArea name="body" label="Your answer" rows={5} maxLength={ANSWER_MAX + 1000} autoFocus />
      <div className="flex flex-wrap gap-3">
        <FormSubmitRow label="Save changes" withStatus={false} />
        <button type="button" className={buttonClass.secondary} onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </ActionForm>
  );
}
