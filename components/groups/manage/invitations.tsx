"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { cancelGroupInvitationAction } from "@/lib/groups/actions";
import type { PendingInvitationRow } from "@/lib/groups/manage-queries";
import { problemOf } from "../result";
import { AddPeople } from "./add-people";
import { ExternalBadge } from "./badges";

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
      <p role="status" className={status ? "mt-3 border-l-4 border-green-700 bg-green-50 p-3" : "sr-only"}>
        {status}
      </p>
      {error ? (
        <p role="alert" className="mt-3 border-l-4 border-red-700 pl-3 font-semibold text-red-700">
          {error}
        </p>
      ) : null}
      <AddPeople mode="invite" groupId={groupId} groupName={groupName} exclude={[...exclude, ...invitations.map((i) => i.personId)]} onDone={done} />
      {invitations.length === 0 ? (
        <p className="mt-3 text-gray-700">No invitations are waiting.</p>
      ) : (
        <ul className="mt-3 divide-y divide-gray-300 border-y border-gray-300">
          {invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <p>
                <span className="font-semibold">{i.name}</span>
                {i.audience === "external" ? <ExternalBadge /> : null} <span className="break-all text-sm text-gray-700">({i.email})</span>
                <span className="block text-sm text-gray-700">
                  Invited {i.when}
                  {i.invitedByName ? ` by ${i.invitedByName}` : ""}
                </span>
              </p>
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
