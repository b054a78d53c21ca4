"use client";
/**
 * A list of members with admins (P5: a team's; G5: a group's): for those who manage it,
 * make or remove an admin and remove a member, the last two after a confirmation. The
 * actions decide everything again (the last admin stays, and the server says why); their
 * messages show beside the table or in the dialog, and a success is announced.
 */
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { ConfirmDialogFrame } from "@/components/ui/confirm-dialog";
import { ExternalBadge } from "@/components/ui/external-badge";
import { PersonName } from "@/components/people/person-name";
import { type ActionResult, problemOf } from "@/lib/action-result";

export interface AdministeredMember {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  isAdmin: boolean;
  /** P6: the viewer may open this member's profile (profileLink in the query): the name links to it, with the photo. */
  linked?: boolean;
  imageId?: string | null;
}

export interface MemberAdminWords {
  /** "admin", "administrator". */
  admin: string;
  /** The confirm button for removing ("Remove from group"). */
  removeLabel: string;
  /** What removing admin rights means, and what removing a member means. */
  demoteText: ReactNode;
  removeText: ReactNode;
  empty: string;
}

type Pending = { kind: "remove" | "demote"; member: AdministeredMember } | null;

const rowButton = "min-h-11 rounded border-2 border-gray-800 px-3 py-1 text-sm font-semibold hover:bg-gray-100 disabled:opacity-70";

export function MemberAdminTable({
  placeName,
  members,
  caption,
  canManage,
  adminMark,
  words,
  setAdmin,
  remove,
}: {
  placeName: string;
  members: AdministeredMember[];
  caption: string;
  canManage: boolean;
  /** How an admin is marked: a column of its own, or a badge after the name. */
  adminMark: "column" | ((member: AdministeredMember) => ReactNode);
  words: MemberAdminWords;
  setAdmin: (member: AdministeredMember, isAdmin: boolean) => Promise<ActionResult<unknown>>;
  remove: (member: AdministeredMember) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [rowError, setRowError] = useState<string | null>(null);

  async function makeAdmin(member: AdministeredMember) {
    setBusy(true);
    setRowError(null);
    const result = await setAdmin(member, true);
    setBusy(false);
    if (!result.ok) return setRowError(problemOf(result));
    setStatus(`${member.name} is now an ${words.admin} of ${placeName}.`);
    router.refresh();
  }

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    setDialogError(null);
    const { member, kind } = pending;
    const result = kind === "remove" ? await remove(member) : await setAdmin(member, false);
    setBusy(false);
    if (!result.ok) return setDialogError(problemOf(result));
    setPending(null);
    setStatus(kind === "remove" ? `${member.name} was removed from ${placeName}.` : `${member.name} is no longer an ${words.admin} of ${placeName}.`);
    router.refresh();
  }

  const ask = (kind: "remove" | "demote", member: AdministeredMember) => {
    setDialogError(null);
    setPending({ kind, member });
  };

  return (
    <>
      <ActionFeedback status={status} error={rowError} />
      {members.length === 0 ? <p className="mt-3 text-gray-700">{words.empty}</p> : null}
      <table className={members.length ? "mt-3 w-full border-collapse text-left" : "sr-only"}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-gray-800">
            <th scope="col" className="py-2 pr-2">
              Name and e-mail
            </th>
            {adminMark === "column" ? (
              <th scope="col" className="py-2 pr-2">
                Admin
              </th>
            ) : null}
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
                {m.linked !== undefined ? (
                  <PersonName person={{ id: m.id, name: m.name, linked: m.linked, imageId: m.imageId ?? null }} className="font-semibold" />
                ) : (
                  <span className="font-semibold">{m.name}</span>
                )}
                {adminMark !== "column" ? adminMark(m) : null}
                {m.audience === "external" ? <ExternalBadge /> : null}
                <br />
                <span className="break-all text-sm text-gray-700">{m.email}</span>
              </td>
              {adminMark === "column" ? <td className="py-3 pr-2">{m.isAdmin ? "Admin" : <span className="text-gray-700">No</span>}</td> : null}
              {canManage ? (
                <td className="py-2">
                  <div className="flex flex-col items-stretch gap-2 sm:flex-row sm:justify-end">
                    {m.isAdmin ? (
                      <button type="button" className={rowButton} disabled={busy} onClick={() => ask("demote", m)}>
                        Remove admin<span className="sr-only"> rights from {m.name}</span>
                      </button>
                    ) : (
                      <button type="button" className={rowButton} disabled={busy} onClick={() => makeAdmin(m)}>
                        Make admin<span className="sr-only">: {m.name}</span>
                      </button>
                    )}
                    <button type="button" className={rowButton} disabled={busy} onClick={() => ask("remove", m)}>
                      Remove<span className="sr-only"> {m.name}</span>
                    </button>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialogFrame
        open={pending !== null}
        onOpenChange={(open) => (open ? undefined : setPending(null))}
        title={pending?.kind === "demote" ? `Remove ${pending.member.name}'s admin rights?` : `Remove ${pending?.member.name ?? ""} from ${placeName}?`}
        confirmLabel={pending?.kind === "demote" ? "Remove admin rights" : words.removeLabel}
        onConfirm={confirm}
        busy={busy}
        error={dialogError}
      >
        {pending?.kind === "demote" ? words.demoteText : words.removeText}
      </ConfirmDialogFrame>
    </>
  );
}
