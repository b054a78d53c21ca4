"use client";
/**
 * K2 K3: a wall moderator's controls in the moderation queue: hide a reported post (with a
 * reason), dismiss its reports, or restore a hidden one. Each action checks again on the
 * server and is audited (M8).
 */
import { useState } from "react";
import { DismissReportsButton, RestoreButton } from "@/components/moderation/queue-controls";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { dismissWallReportsAction, restoreWallPostAction } from "@/lib/wall/actions";
import { HideDialog } from "./post-controls";

export function WallQueueControls({ postId, about, hidden, reported }: { postId: string; about: string; hidden: boolean; reported: boolean }) {
  const [feedback, setFeedback] = useState<{ status: string; error: string | null }>({ status: "", error: null });
  const said = (status: string) => setFeedback({ status, error: null });
  return (
    <div className="mt-3">
      <div className="flex flex-wrap items-center gap-3">
        {hidden ? (
          <RestoreButton about={about} thing="post" restore={() => restoreWallPostAction({ postId })} onDone={(status, error) => setFeedback({ status: status ?? "", error })} />
        ) : (
          <HideDialog postId={postId} about={about} onDone={said} />
        )}
        {reported ? <DismissReportsButton about={about} thing="post" dismiss={() => dismissWallReportsAction({ postId })} onDone={said} /> : null}
      </div>
      <ActionFeedback status={feedback.status} error={feedback.error} />
    </div>
  );
}
