"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { removeTeamMemberAction, setTeamAdminAction } from "@/lib/teams/actions";
import type { TeamMemberRow } from "@/lib/teams/queries";
import { ConfirmDialogFrame as ConfirmDialog } from "@/components/ui/confirm-dialog";

type Pending = { kind: "remove" | "demote"; member: TeamMemberRow } | null;

const buttonClass = "min-h-11 rounded border-2 border-gray-800 px-3 py-1 text-sm font-semibold hover:bg-gray-100 disabled:opacity-70";

export function ExternalBadge() {
  return <span className="ml-2 inline-block rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900">External</span>;
}

/** P5: a team's members; for those who manage the team, make/remove admin and remove (confirmed). */
export function MembersTable({ teamId, teamName, members, canManage }: { teamId: number; teamName: string; members: TeamMemberRow[]; canManage: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [rowError, setRowError] = useState<string | null>(null);

  if (!members.length) return <p className="mt-3 text-gray-700">This team has no members yet.</p>;

  async function makeAdmin(member: TeamMemberRow) {
    setBusy(true);
    setRowError(null);
    const result = await setTeamAdminAction({ teamId, personId: member.id, isAdmin: true });
    setBusy(false);
    if (result.ok) {
      setStatus(`${member.name} is now an administrator of ${teamName}.`);
      router.refresh();
    } else {
      setRowError(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "Nothing was changed.");
    }
  }

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    setDialogError(null);
    const { member, kind } = pending;
    const result =
      kind === "remove"
        ? await removeTeamMemberAction({ teamId, personId: member.id })
        : await setTeamAdminAction({ teamId, personId: member.id, isAdmin: false });
    setBusy(false);
    if (result.ok) {
      setPending(null);
      setStatus(kind === "remove" ? `${member.name} was removed from ${teamName}.` : `${member.name} is no longer an administrator of ${teamName}.`);
      router.refresh();
    } else {
      setDialogError(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "Nothing was changed.");
    }
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
      <table className="mt-3 w-full border-collapse text-left">
        <caption className="sr-only">Members of {teamName}</caption>
        <thead>
          <tr className="border-b-2 border-gray-800">
            <th scope="col" className="py-2 pr-2">
              Name and e-mail
            </th>
            <th scope="col" className="py-2 pr-2">
              Admin
            </th>
            {canManage ? (
              <th scope="col" className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className="border-b border-gray-300 align-top">
              <td className="py-3 pr-2">
                <span className="font-semibold">{m.name}</span>
                {m.audience === "external" ? <ExternalBadge /> : null}
                <br />
                <span className="break-all text-sm text-gray-700">{m.email}</span>
              </td>
              <td className="py-3 pr-2">{m.isAdmin ? "Admin" : <span className="text-gray-700">No</span>}</td>
              {canManage ? (
                <td className="py-2">
                  <div className="flex flex-col items-stretch gap-2 sm:flex-row sm:justify-end">
                    {m.isAdmin ? (
                      <button type="button" className={buttonClass} disabled={busy} onClick={() => (setDialogError(null), setPending({ kind: "demote", member: m }))}>
                        Remove admin<span className="sr-only"> rights from {m.name}</span>
                      </button>
                    ) : (
                      <button type="button" className={buttonClass} disabled={busy} onClick={() => makeAdmin(m)}>
                        Make admin<span className="sr-only">: {m.name}</span>
                      </button>
                    )}
                    <button type="button" className={buttonClass} disabled={busy} onClick={() => (setDialogError(null), setPending({ kind: "remove", member: m }))}>
                      Remove<span className="sr-only"> {m.name}</span>
                    </button>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => (open ? undefined : setPending(null))}
        title={pending?.kind === "demote" ? `Remove ${pending.member.name}'s admin rights?` : `Remove ${pending?.member.name ?? ""} from ${teamName}?`}
        confirmLabel={pending?.kind === "demote" ? "Remove admin rights" : "Remove from team"}
        onConfirm={confirm}
        busy={busy}
        error={dialogError}
      >
        {pending?.kind === "demote" ? (
          <p>They stay in the team but can no longer manage its members, edit it or create teams in it.</p>
        ) : (
          <p>They will no longer be a member, and lose access to anything they could view only through this team, from their next page.</p>
        )}
      </ConfirmDialog>
    </>
  );
}
