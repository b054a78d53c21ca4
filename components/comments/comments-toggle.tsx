"use client";
/** K1: turn a target's comments off (new ones are refused; what was written stays) or on again: items, ideas, wall posts, queries. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { problemOf } from "@/lib/action-result";
import { setCommentsOffAction } from "@/lib/comments/actions";
import type { CommentTarget } from "@/lib/comments/schemas";

export function CommentsToggle({ target, off }: { target: CommentTarget; off: boolean }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const turnOn = async () => {
    setBusy(true);
    setError(null);
    const result = await setCommentsOffAction({ target, off: false });
    setBusy(false);
    if (result.ok) {
      setStatus("Comments are on.");
      router.refresh();
    } else setError(problemOf(result));
  };

  return (
    <div className="mt-3">
      {off ? (
        <button type="button" className={buttonClass.secondary} onClick={turnOn} disabled={busy}>
          {busy ? "Working…" : "Turn comments on"}
        </button>
      ) : (
        <ConfirmDialog
          trigger={
            <button type="button" className={buttonClass.secondary}>
              Turn comments off
            </button>
          }
          title="Turn comments off?"
          confirmLabel="Turn comments off"
          tone="primary"
          onConfirm={async () => {
            const result = await setCommentsOffAction({ target, off: true });
            if (result.ok) {
              setStatus("Comments are off.");
              router.refresh();
            }
            return problemOf(result);
          }}
        >
          <p>Nobody can add comments or replies until you turn them on again. The comments already written stay.</p>
        </ConfirmDialog>
      )}
      <ActionFeedback status={status} error={error} />
    </div>
  );
}
