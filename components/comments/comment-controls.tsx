"use client";
/**
 * What the viewer may do with one comment (K1 K2 K3), each control shown only to those
 * allowed (the query decided it from the same predicates the actions check again): reply,
 * edit and delete one's own, report someone else's with a reason, and for the target's
 * moderators hide with a reason and restore (the same for comments on items, ideas, wall posts
 * and queries). Deleting and hiding are confirmed.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormTextArea } from "@/components/ui/fields";
import { ReasonDialog, smallControl as small } from "@/components/moderation/reason-dialog";
import { problemOf } from "@/lib/action-result";
import { deleteCommentAction, editCommentAction, hideCommentAction, reportCommentAction, restoreCommentAction } from "@/lib/comments/actions";
import { COMMENT_MAX, type CommentTarget, commentBody, hideCommentSchema, reportCommentSchema } from "@/lib/comments/schemas";
import { CommentBox } from "./comment-box";

export interface CommentControlsProps {
  /** What the comment is on (an item, idea, wall post or query). */
  target: CommentTarget;
  commentId: string;
  authorName: string;
  state: "shown" | "hidden" | "deleted";
  mine: boolean;
  /** The text, for editing one's own. */
  body: string | null;
  mayReport: boolean;
  mayModerate: boolean;
  /** A top-level comment of an item that takes comments now. */
  mayReply: boolean;
}

export function CommentControls(props: CommentControlsProps) {
  const { commentId, state, mine, mayReport, mayModerate, mayReply } = props;
  const router = useRouter();
  const [open, setOpen] = useState<"reply" | "edit" | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const about = `comment by ${props.authorName}`;

  const restore = async () => {
    setError(null);
    const result = await restoreCommentAction({ commentId });
    if (result.ok) {
      setStatus("The comment is shown again.");
      router.refresh();
    } else setError(problemOf(result));
  };

  const canReply = mayReply && state === "shown";
  const canEdit = mine && state === "shown";
  const canDelete = mine && state !== "deleted";
  if (!canReply && !canEdit && !canDelete && !mayReport && !mayModerate) return null;

  return (
    <div className="mt-1">
      <div className="flex flex-wrap items-center gap-x-2">
        {canReply ? (
          <button type="button" className={small} aria-expanded={open === "reply"} onClick={() => setOpen(open === "reply" ? null : "reply")}>
            Reply<span className="sr-only"> to the {about}</span>
          </button>
        ) : null}
        {canEdit ? (
          <button type="button" className={small} aria-expanded={open === "edit"} onClick={() => setOpen(open === "edit" ? null : "edit")}>
            Edit<span className="sr-only"> your comment</span>
          </button>
        ) : null}
        {canDelete ? (
          <ConfirmDialog
            trigger={
              <button type="button" className={small}>
                Delete<span className="sr-only"> your comment</span>
              </button>
            }
            title="Delete your comment?"
            confirmLabel="Delete comment"
            onConfirm={async () => {
              const result = await deleteCommentAction({ commentId });
              if (result.ok) router.refresh();
              return problemOf(result);
            }}
          >
            <p>Its text is gone for good. If it has replies, it keeps its place marked as deleted.</p>
          </ConfirmDialog>
        ) : null}
        {mayReport && state === "shown" ? <ReportDialog commentId={commentId} about={about} onDone={setStatus} /> : null}
        {mayModerate && state === "shown" ? <HideDialog commentId={commentId} about={about} onDone={setStatus} /> : null}
        {mayModerate && state === "hidden" ? (
          <button type="button" className={small} onClick={restore}>
            Restore<span className="sr-only"> the {about}</span>
          </button>
        ) : null}
      </div>
      {open === "edit" && props.body !== null ? <EditForm commentId={commentId} body={props.body} onDone={() => setOpen(null)} /> : null}
      {open === "reply" ? (
        <CommentBox target={props.target} parentId={commentId} label={`Your reply to ${props.authorName}`} submitLabel="Post reply" onDone={() => setOpen(null)} />
      ) : null}
      <ActionFeedback status={status} error={error} />
    </div>
  );
}

const editSchema = z.object({ body: commentBody });

function EditForm({ commentId, body, onDone }: { commentId: string; body: string; onDone: () => void }) {
  const form = useActionForm(editSchema, editCommentAction, {
    defaultValues: { body },
    transform: (values) => ({ commentId, body: values.body }),
    refresh: true,
    onSuccess: () => void onDone(),
  });
  return (
    <ActionForm form={form} className="mt-2 space-y-3">
      <FormTextArea name="body" label="Your comment" rows={4} maxLength={COMMENT_MAX + 1000} autoFocus />
      <div className="flex flex-wrap gap-3">
        <FormSubmitRow label="Save changes" withStatus={false} />
        <button type="button" className={buttonClass.secondary} onClick={onDone}>
          Cancel
        </button>
      </div>
    </ActionForm>
  );
}

const reasonForm = z.object({ reason: reportCommentSchema.shape.reason });
const hideForm = z.object({ reason: hideCommentSchema.shape.reason });

type DialogProps = { commentId: string; about: string; onDone: (status: string) => void };

/** K3: the reason goes to the comment's moderators; who reported it is never shown to its author. */
function ReportDialog({ commentId, about, onDone }: DialogProps) {
  return (
    <ReasonDialog
      label="Report"
      about={about}
      title="Report this comment"
      description={<p>Your report goes to the people who moderate this item. Its author is not told who reported it.</p>}
      fieldLabel="Why are you reporting it?"
      submitLabel="Send report"
      busyLabel="Sending…"
      schema={reasonForm}
      action={reportCommentAction}
      input={(reason) => ({ commentId, reason })}
      done="Thank you: the moderators will look at this comment."
      onDone={onDone}
    />
  );
}

/** K2: hiding needs a reason, which the comment's author is shown. */
export function HideDialog({ commentId, about, onDone }: DialogProps) {
  return (
    <ReasonDialog
      label="Hide"
      about={about}
      title="Hide this comment"
      description={<p>Others will see “Hidden by a moderator”. Its author sees your reason. You can restore it later.</p>}
      fieldLabel="Reason for hiding it"
      submitLabel="Hide comment"
      busyLabel="Hiding…"
      schema={hideForm}
      action={hideCommentAction}
      input={(reason) => ({ commentId, reason })}
      done="The comment is hidden."
      refresh
      onDone={onDone}
    />
  );
}
