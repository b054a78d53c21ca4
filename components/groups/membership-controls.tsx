"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormTextArea } from "@/components/ui/fields";
import { type ActionResult, problemOf } from "@/lib/action-result";
import { cancelGroupRequestAction, joinGroupAction, leaveGroupAction, requestToJoinGroupAction, respondToGroupInvitationAction } from "@/lib/groups/actions";
import type { MembershipState } from "@/lib/groups/membership-state";
import { type RequestToJoinForm, requestToJoinInput } from "@/lib/groups/schemas";

/**
 * What a group page offers the viewer (G1, G3, G5), from `membershipState`: Join (public),
 * Request to join with an optional message (private), "Request sent — cancel",
 * "You're invited — accept / decline", or Leave (the only admin is told why they cannot).
 * Every button's action decides again on the server.
 */
export function MembershipControls({
  groupId,
  groupName,
  membership,
  onDone,
}: {
  groupId: number;
  groupName: string;
  membership: MembershipState;
  /** Where to say what happened when the controls themselves may go (a list the answered row leaves); by default they say it. */
  onDone?: (message: string) => void;
}) {
  const router = useRouter();
  const [ownStatus, setOwnStatus] = useState("");
  const setStatus = onDone ?? setOwnStatus;
  const status = onDone ? "" : ownStatus;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);

  async function run(call: () => Promise<ActionResult<unknown>>, done: string) {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      setError(problemOf(result));
      return problemOf(result);
    }
    setStatus(done);
    router.refresh();
    return null;
  }

  const request = useActionForm(requestToJoinInput, requestToJoinGroupAction, {
    defaultValues: { groupId, message: "" },
    refresh: true,
    onSuccess: (data) => {
      setAsking(false);
      setStatus(data.outcome === "already-requested" ? "You had asked already: your request is waiting for an admin." : `Request sent: an admin of ${groupName} will decide.`);
    },
  });

  let controls;
  switch (membership.state) {
    case "invited":
      controls = (
        <>
          <p className="font-semibold">You&apos;re invited to join {groupName}.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="button" className={buttonClass.primary} disabled={busy} onClick={() => run(() => respondToGroupInvitationAction({ groupId, accept: true }), `You have joined ${groupName}.`)}>
              Accept invitation
            </button>
            <button type="button" className={buttonClass.secondary} disabled={busy} onClick={() => run(() => respondToGroupInvitationAction({ groupId, accept: false }), "Invitation declined.")}>
              Decline invitation
            </button>
          </div>
        </>
      );
      break;
    case "requested":
      controls = (
        <>
          <p className="font-semibold">Request sent: an admin will decide.</p>
          <button type="button" className={`${buttonClass.secondary} mt-2`} disabled={busy} onClick={() => run(() => cancelGroupRequestAction({ groupId }), "Your request was cancelled.")}>
            Cancel request
          </button>
        </>
      );
      break;
    case "member":
    case "admin":
      controls = (
        <>
          <p className="font-semibold">{membership.state === "admin" ? `You are an admin of ${groupName}.` : `You are a member of ${groupName}.`}</p>
          {membership.onlyAdmin ? <p className="mt-1">You are its only admin: make another member an admin before you leave.</p> : null}
          <div className="mt-2">
            <ConfirmDialog
              trigger={
                <button type="button" className={buttonClass.secondary}>
                  Leave group
                </button>
              }
              title={`Leave ${groupName}?`}
              confirmLabel="Leave"
              onConfirm={() => run(() => leaveGroupAction({ groupId }), `You have left ${groupName}.`)}
            >
              <p>You will no longer be a member. If the group is not public, you lose access to its content.</p>
            </ConfirmDialog>
          </div>
        </>
      );
      break;
    default:
      if (membership.mayJoin) {
        controls = (
          <button type="button" className={buttonClass.primary} disabled={busy} onClick={() => run(() => joinGroupAction({ groupId }), `You have joined ${groupName}.`)}>
            Join group
          </button>
        );
      } else if (membership.mayRequest) {
        controls = asking ? (
          <ActionForm form={request} className="space-y-4" aria-label={`Request to join ${groupName}`}>
            <FormTextArea<RequestToJoinForm> name="message" label="Message to the group's admins" hint="Optional. At most 500 characters." />
            <div className="flex flex-wrap items-center gap-3">
              <FormSubmitRow label="Send request" busyLabel="Sending…" withStatus={false} />
              <button type="button" className={buttonClass.secondary} onClick={() => setAsking(false)}>
                Cancel
              </button>
            </div>
          </ActionForm>
        ) : (
          <button type="button" className={buttonClass.primary} onClick={() => setAsking(true)}>
            Request to join
          </button>
        );
      } else {
        controls = null;
      }
  }

  return (
    <div className="mt-4 space-y-2">
      <p role="status" aria-live="polite" className={status ? "border-l-4 border-green-700 bg-green-50 p-3 font-semibold" : "sr-only"}>
        {status}
      </p>
      {error ? (
        <p role="alert" className="border-l-4 border-red-700 pl-3 font-semibold text-red-700">
          {error}
        </p>
      ) : null}
      {controls}
    </div>
  );
}
