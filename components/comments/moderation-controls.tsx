"use client";
/**
 * K2 K3: a moderator's controls in the moderation queue: hide a reported comment (with a
 * reason), dismiss its reports, or restore a hidden one. Each action checks again on the
 * server and is audited (M8).
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { problemOf } from "@/lib/action-result";
import { dismissReportsAction, restoreCommentAction } from "@/lib/comments/actions";
import { HideDialog } from "./comment-controls";

export function ReportedCommentControls({ commentId, about, hideable }: { commentId: string; about: string; hideable: boolean }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  return (
    <div className="mt-3">
      <div className="flex flex-wrap items-center gap-3">
        {hideable ? <HideDialog commentId={commentId} about={about} onDone={setStatus} /> : null}
        <ConfirmDialog
          trigger={
            <button type="button" className={buttonClass.secondary}>
              Dismiss reports<span className="sr-only"> on the {about}</span>
            </button>
          }
          title="Dismiss these reports?"
          confirmLabel="Dismiss reports"
          tone="primary"
          onConfirm={async () => {
            const result = await dismissReportsAction({ commentId });
            if (result.ok) {
              setStatus("The reports are dismissed; the comment stays as it is.");
              router.refresh();
            }
            return problemOf(result);
          }}
        >
          <p>The comment stays as it is, and leaves this list.</p>
        </ConfirmDialog>
      </div>
      <ActionFeedback status={status} error={null} />
    </div>
  );
}

export function RestoreCommentButton({ commentId, about }: { commentId: string; about: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const restore = async () => {
    setBusy(true);
    setError(null);
    const result = await restoreCommentAction({ commentId });
    setBusy(false);
    if (result.ok) {
      setStatus("The comment is shown again.");
      router.refresh();
    } else setError(problemOf(result));
  };
  return (
    <div className="mt-3">
      <button type="button" className={buttonClass.secondary} onClick={restore} disabled={busy}>
        {busy ? "Restoring…" : "Restore"}
        <span className="sr-only"> the {about}</span>
      </button>
      <ActionFeedback status={status} error={error} />
    </div>
  );
}
