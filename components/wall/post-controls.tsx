"use client";
/**
 * What the viewer may do with one wall post (G4 K2 K3), each control shown only to those
 * allowed (the query decided it from the same predicates the actions check again): edit and
 * delete one's own, report someone else's with a reason, and for the wall's moderators hide
 * with a reason and restore. Deleting and hiding are confirmed. An edit against an older
 * version is refused by the server; the text typed stays in the box with the message.
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
import { deleteWallPostAction, editWallPostAction, hideWallPostAction, reportWallPostAction, restoreWallPostAction } from "@/lib/wall/actions";
import { WALL_POST_MAX, hideWallPostSchema, reportWallPostSchema, wallPostBody } from "@/lib/wall/schemas";

export interface PostControlsProps {
  postId: string;
  authorName: string;
  hidden: boolean;
  /** The text and version, for editing one's own. */
  body: string | null;
  version: string;
  mayEdit: boolean;
  mayDelete: boolean;
  mayReport: boolean;
  reported: boolean;
  mayModerate: boolean;
  /** Where to go after deleting (the permalink goes back to the wall). */
  afterDelete?: string;
}

export function PostControls(props: PostControlsProps) {
  const { postId, hidden, mayEdit, mayDelete, mayReport, mayModerate } = props;
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const about = `post by ${props.authorName}`;

  const restore = async () => {
    setError(null);
    const result = await restoreWallPostAction({ postId });
    if (result.ok) {
      setStatus("The post is shown again.");
      router.refresh();
    } else setError(problemOf(result));
  };

  if (!mayEdit && !mayDelete && !mayReport && !mayModerate && !props.reported) return null;
  return (
    <div className="mt-2">
      <div className="flex flex-wrap items-center gap-x-2">
        {mayEdit && !hidden && props.body !== null ? (
          <button type="button" className={small} aria-expanded={editing} onClick={() => setEditing(!editing)}>
            Edit<span className="sr-only"> your post</span>
          </button>
        ) : null}
        {mayDelete ? (
          <ConfirmDialog
            trigger={
              <button type="button" className={small}>
                Delete<span className="sr-only"> your post</span>
              </button>
            }
            title="Delete your post?"
            confirmLabel="Delete post"
            onConfirm={async () => {
              const result = await deleteWallPostAction({ postId });
              if (!result.ok) return problemOf(result);
              if (props.afterDelete) router.push(props.afterDelete);
              else router.refresh();
              return null;
            }}
          >
            <p>The post, its image and its favourites are gone for good.</p>
          </ConfirmDialog>
        ) : null}
        {mayReport && !props.reported ? <ReportDialog postId={postId} about={about} onDone={setStatus} /> : null}
        {props.reported ? <span className="text-sm text-gray-800">You reported this post.</span> : null}
        {mayModerate && !hidden ? <HideDialog postId={postId} about={about} onDone={setStatus} /> : null}
        {mayModerate && hidden ? (
          <button type="button" className={small} onClick={restore}>
            Restore<span className="sr-only"> the {about}</span>
          </button>
        ) : null}
      </div>
      {editing && props.body !== null ? <EditForm postId={postId} body={props.body} version={props.version} onDone={() => setEditing(false)} /> : null}
      <ActionFeedback status={status} error={error} />
    </div>
  );
}

const editSchema = z.object({ body: wallPostBody });

function EditForm({ postId, body, version, onDone }: { postId: string; body: string; version: string; onDone: () => void }) {
  const form = useActionForm(editSchema, editWallPostAction, {
    defaultValues: { body },
    transform: (values) => ({ postId, body: values.body, version }),
    refresh: true,
    onSuccess: () => void onDone(),
  });
  return (
    <ActionForm form={form} className="mt-2 space-y-3">
      <FormTextArea name="body" label="Your post" hint={`At most ${WALL_POST_MAX} characters.`} rows={4} maxLength={WALL_POST_MAX + 200} autoFocus />
      <div className="flex flex-wrap gap-3">
        <FormSubmitRow label="Save changes" withStatus={false} />
        <button type="button" className={buttonClass.secondary} onClick={onDone}>
          Cancel
        </button>
      </div>
    </ActionForm>
  );
}

const reasonForm = z.object({ reason: reportWallPostSchema.shape.reason });
const hideForm = z.object({ reason: hideWallPostSchema.shape.reason });

type DialogProps = { postId: string; about: string; onDone: (status: string) => void };

/** K3: the reason goes to the wall's moderators; who reported it is never shown to its author. */
function ReportDialog({ postId, about, onDone }: DialogProps) {
  return (
    <ReasonDialog
      label="Report"
      about={about}
      title="Report this post"
      description={<p>Your report goes to the people who moderate the Message Wall. Its author is not told who reported it.</p>}
      fieldLabel="Why are you reporting it?"
      submitLabel="Send report"
      busyLabel="Sending…"
      schema={reasonForm}
      action={reportWallPostAction}
      input={(reason) => ({ postId, reason })}
      done="Thank you: the wall's moderators will look at this post."
      refresh
      onDone={onDone}
    />
  );
}

/** K2: hiding needs a reason, which the post's author is shown. */
export function HideDialog({ postId, about, onDone }: DialogProps) {
  return (
    <ReasonDialog
      label="Hide"
      about={about}
      title="Hide this post"
      description={<p>Others will see “Hidden by a moderator”. Its author sees your reason. You can restore it later.</p>}
      fieldLabel="Reason for hiding it"
      submitLabel="Hide post"
      busyLabel="Hiding…"
      schema={hideForm}
      action={hideWallPostAction}
      input={(reason) => ({ postId, reason })}
      done="The post is hidden."
      refresh
      onDone={onDone}
    />
  );
}
