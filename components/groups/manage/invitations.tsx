"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { buttonClass } from "@/components/ui/button";
import { cancelGroupInvitationAction } from "@/lib/groups/actions";
import type { PendingInvitationRow } from "@/lib/groups/manage-queries";
import { problemOf } from "@/lib/action-result";
import { AddPeople } from "./add-people";
import { PersonLine } from "@/components/ui/person-line";

type Row = Omit<PendingInvitationRow, "createdAt"> & { when: string };

/** G5: invite people (S8 for external ones), and the invitations still waiting, each cancellable. */
export function GroupInvitations({ groupId, groupName, invitations, exclude }: { groupId: number; groupName: string; invitations: Row[]; exclude: string[] }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const done = (message: string) => {
    setStatus(message);
    router.refresh();
  };

  async function cancel(row: Row) {
    setBusy(true);
    setError(null);
    const result = await cancelGroupInvitationAction({ groupId, invitationId: row.id });
    setBusy(false);
    if (!result.ok) return setError(problemOf(result));
    done(result.data.cancelled ? `The invitation to ${row.name} was cancelled.` : `${row.name}'s invitation was no longer open: nothing changed.`);
  }

  return (
    <>
      <ActionFeedback status={status} error={error} />
      <AddPeople mode="invite" groupId={groupId} groupName={groupName} exclude={[...exclude, ...invitations.map((i) => i.personId)]} onDone={done} />
      {invitations.length === 0 ? (
        <p className="mt-3 text-gray-700">No invitations are waiting.</p>
      ) : (
        <ul className="mt-3 divide-y divide-gray-300 border-y border-gray-300">
          {invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div>
                <PersonLine person={i} />
                <p className="text-sm text-gray-700">
                  Invited {i.when}
                  {i.invitedByName ? ` by ${i.invitedByName}` : ""}
                </p>
              </div>
              <button type="button" className={buttonClass.secondary} disabled={busy} onClick={() => cancel(i)}>
                Cancel invitation<span className="sr-only"> to {i.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
