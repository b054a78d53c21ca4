"use client";
/**
 * K2 K3: a moderator's controls in the moderation queue: hide a reported comment (with a
 * reason), dismiss its reports, or restore a hidden one. Each action checks again on the
 * server and is audited (M8).
 */
import { useState } from "react";
import { DismissReportsButton, RestoreButton } from "@/components/moderation/queue-controls";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { dismissReportsAction, restoreCommentAction } from "@/lib/comments/actions";
import { HideDialog } from "./comment-controls";

export function ReportedCommentControls({ commentId, about, hideable }: { commentId: string; about: string; hideable: boolean }) {
  const [status, setStatus] = useState("");
  return (
    <div className="mt-3">
      <div className="flex flex-wrap items-center gap-3">
        {hideable ? <HideDialog commentId={commentId} about={about} onDone={setStatus} /> : null}
        <DismissReportsButton about={about} thing="comment" dismiss={() => dismissReportsAction({ commentId })} onDone={setStatus} />
      </div>
      <ActionFeedback status={status} error={null} />
    </div>
  );
}

export function RestoreCommentButton({ commentId, about }: { commentId: string; about: string }) {
  const [feedback, setFeedback] = useState<{ status: string; error: string | null }>({ status: "", error: null });
  return (
    <div className="mt-3">
      <RestoreButton about={about} thing="comment" restore={() => restoreCommentAction({ commentId })} onDone={(status, error) => setFeedback({ status: status ?? "", error })} />
      <ActionFeedback status={feedback.status} error={feedback.error} />
    </div>
  );
}
