"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialogFrame } from "@/components/ui/confirm-dialog";
import { removeGroupMemberAction, setGroupAdminAction } from "@/lib/groups/actions";
import type { GroupMemberRow } from "@/lib/groups/manage-queries";
import { problemOf } from "../result";
import { AdminBadge, ExternalBadge } from "./badges";

type Pending = { kind: "remove" | "demote"; member: GroupMemberRow } | null;

const rowButton = "min-h-11 rounded border-2 border-gray-800 px-3 py-1 text-sm font-semibold hover:bg-gray-100 disabled:opacity-70";

/** G5: a page of the group's members with admin badges; make/remove admin, remove (confirmed). The last admin stays (the server says why). */
export function GroupMemberTable({ groupId, groupName, members, caption }: { groupId: number; groupName: string; members: GroupMemberRow[]; caption: string }) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [rowError, setRowError] = useState<string | null>(null);

  async function makeAdmin(member: GroupMemberRow) {
    setBusy(true);
    setRowError(null);
    const result = await setGroupAdminAction({ groupId, personId: member.id, isAdmin: true });
    setBusy(false);
    if (!result.ok) return setRowError(problemOf(result));
    setStatus(`${member.name} is now an admin of ${groupName}.`);
    router.refresh();
  }

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    setDialogError(null);
    const { member, kind } = pending;
    const result =
      kind === "remove" ? await removeGroupMemberAction({ groupId, personId: member.id }) : await setGroupAdminAction({ groupId, personId: member.id, isAdmin: false });
    setBusy(false);
    if (!result.ok) return setDialogError(problemOf(result));
    setPending(null);
    setStatus(kind === "remove" ? `${member.name} was removed from ${groupName}.` : `${member.name} is no longer an admin of ${groupName}.`);
    router.refresh();
  }

  return (
    <>
      <p role="status" className={status ? "mt-3 border-l-4 border-green-700 bg-green-50 p-3" : "sr-only"}>
        {status}
      </p>
      {rowError ? (
        <p role="alert" className="mt-3 border-l-4 border-red-700 pl-3 font-semibold text-red-700">
          {rowError}
        </p>
      ) : null}
      {members.length === 0 ? <p className="mt-3 text-gray-700">Nobody here.</p> : null}
      <table className={members.length ? "mt-3 w-full border-collapse text-left" : "sr-only"}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-gray-800">
            <th scope="col" className="py-2 pr-2">
              Name and e-mail
            </th>
            <th scope="col" className="py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className="border-b border-gray-300 align-top">
              <td className="py-3 pr-2">
                <span className="font-semibold">{m.name}</span>
                {m.isAdmin ? <AdminBadge /> : null}
                {m.audience === "external" ? <ExternalBadge /> : null}
                <br />
                <span className="break-all text-sm text-gray-700">{m.email}</span>
              </td>
              <td className="py-2">
                <div className="flex flex-col items-stretch gap-2 sm:flex-row sm:justify-end">
                  {m.isAdmin ? (
                    <button type="button" className={rowButton} disabled={busy} onClick={() => (setDialogError(null), setPending({ kind: "demote", member: m }))}>
                      Remove admin<span className="sr-only"> rights from {m.name}</span>
                    </button>
                  ) : (
                    <button type="button" className={rowButton} disabled={busy} onClick={() => makeAdmin(m)}>
                      Make admin<span className="sr-only">: {m.name}</span>
                    </button>
                  )}
                  <button type="button" className={rowButton} disabled={busy} onClick={() => (setDialogError(null), setPending({ kind: "remove", member: m }))}>
                    Remove<span className="sr-only"> {m.name}</span>
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialogFrame
        open={pending !== null}
        onOpenChange={(open) => (open ? undefined : setPending(null))}
        title={pending?.kind === "demote" ? `Remove ${pending.member.name}'s admin rights?` : `Remove ${pending?.member.name ?? ""} from ${groupName}?`}
        confirmLabel={pending?.kind === "demote" ? "Remove admin rights" : "Remove from group"}
        onConfirm={confirm}
        busy={busy}
        error={dialogError}
      >
        {pending?.kind === "demote" ? (
          <p>They stay a member but can no longer manage the group&apos;s members, requests, invitations or settings.</p>
        ) : (
          <p>They will no longer be a member, and lose access to the group&apos;s content if it is not public, from their next page.</p>
        )}
      </ConfirmDialogFrame>
    </>
  );
}
