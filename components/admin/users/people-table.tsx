"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { problemOf } from "@/lib/action-result";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialogFrame } from "@/components/ui/confirm-dialog";
import { previewWelcomeAction, sendWelcomeAction, setBlockedAction } from "@/lib/people/actions";
import type { PeopleFilter } from "@/lib/people/schemas";

export interface PeopleTableRow {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  roles: string[];
  status: "unauthorised" | "blocked" | "authorised";
  lastAccess: string;
}

const STATUS_LABEL = { unauthorised: "Unauthorised", blocked: "Blocked", authorised: "Authorised" } as const;
const STATUS_CLASS = {
  unauthorised: "border-amber-700 bg-amber-50 text-amber-900",
  blocked: "border-red-700 bg-red-50 text-red-800",
  authorised: "border-green-700 bg-green-50 text-green-900",
} as const;

type Dialog = { kind: "welcome"; count: number; lines: string[] } | { kind: "block" } | { kind: "unblock" } | null;

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/** M2: why people are skipped, in words. */
export function skipLines(skipped: Record<string, number>, filterLabel: string): string[] {
  const lines: string[] = [];
  if (skipped.blocked) lines.push(`${plural(skipped.blocked, "blocked person is", "blocked people are")} skipped: welcome e-mails never go to blocked people.`);
  if (skipped.notAuthorised)
    lines.push(`${plural(skipped.notAuthorised, "person is", "people are")} skipped because they are not authorised: from ${filterLabel}, only authorised people get it.`);
  if (skipped.self) lines.push("You are skipped: sending yourself a welcome e-mail would end your own password and session.");
  if (skipped.missing) lines.push(`${plural(skipped.missing, "person no longer exists", "people no longer exist")}.`);
  return lines;
}

/** The user table with ticked rows and bulk actions (M1, M2, P3). */
export function PeopleTable({ rows, filter, filterLabel, viewerId }: { rows: PeopleTableRow[]; filter: PeopleFilter; filterLabel: string; viewerId: string }) {
  const router = useRouter();
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const ids = [...ticked].filter((id) => rows.some((r) => r.id === id));
  const allTicked = rows.length > 0 && ids.length === rows.length;
  const toggle = (id: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const openWelcome = async () => {
    setError(null);
    setStatus("");
    setBusy(true);
    const result = await previewWelcomeAction({ personIds: ids, filter });
    setBusy(false);
    if (!result.ok) {
      setError(problemOf(result));
      return;
    }
    setDialog({ kind: "welcome", count: result.data.count, lines: skipLines(result.data.skipped, filterLabel) });
  };

  const confirm = async () => {
    if (!dialog) return;
    setBusy(true);
    setError(null);
    if (dialog.kind === "welcome") {
      const result = await sendWelcomeAction({ personIds: ids, filter });
      setBusy(false);
      if (!result.ok) return setError(problemOf(result));
      setStatus(`Welcome e-mail queued for ${plural(result.data.sent, "person", "people")}.`);
    } else {
      const blocked = dialog.kind === "block";
      const result = await setBlockedAction({ personIds: ids, blocked });
      setBusy(false);
      if (!result.ok) return setError(problemOf(result));
      setStatus(`${plural(result.data.changed, "person", "people")} ${blocked ? "blocked" : "unblocked"}.`);
    }
    setDialog(null);
    setTicked(new Set());
    router.refresh();
  };

  return (
    <div className="mt-6">
      <div className="flex flex-wrap items-center gap-3" role="group" aria-label="Actions for ticked people">
        <p className="font-semibold">{ids.length ? `${plural(ids.length, "person", "people")} ticked` : "Tick people to act on them"}</p>
        <button type="button" className={buttonClass.secondary} disabled={!ids.length || busy} onClick={openWelcome}>
          Send welcome e-mail
        </button>
        <button type="button" className={buttonClass.secondary} disabled={!ids.length || busy} onClick={() => (setError(null), setDialog({ kind: "block" }))}>
          Block
        </button>
        <button type="button" className={buttonClass.secondary} disabled={!ids.length || busy} onClick={() => (setError(null), setDialog({ kind: "unblock" }))}>
          Unblock
        </button>
      </div>
      <p role="status" aria-live="polite" className="mt-2 font-semibold text-green-800">
        {status}
      </p>
      {error && !dialog ? (
        <p role="alert" className="mt-2 border-l-4 border-red-700 pl-3 font-semibold text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-4 relative overflow-x-auto" role="region" aria-labelledby="people-caption" tabIndex={0}>
        <table className="w-full min-w-[56rem] border-collapse text-left text-sm">
          <caption id="people-caption" className="sr-only">
            People, {filterLabel}
          </caption>
          <thead>
            <tr className="border-b-2 border-gray-800">
              <th scope="col" className="py-2 pr-3">
                <input
                  type="checkbox"
                  className="h-6 w-6 accent-brand-700"
                  aria-label="Tick everyone on this page"
                  checked={allTicked}
                  onChange={(e) => setTicked(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                />
              </th>
              <th scope="col" className="py-2 pr-3">Name</th>
              <th scope="col" className="py-2 pr-3">E-mail</th>
              <th scope="col" className="py-2 pr-3">Audience</th>
              <th scope="col" className="py-2 pr-3">Roles</th>
              <th scope="col" className="py-2 pr-3">Status</th>
              <th scope="col" className="py-2">Last access</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-gray-300 align-top">
                <td className="py-2 pr-3">
                  <input
                    type="checkbox"
                    className="h-6 w-6 accent-brand-700"
                    aria-label={`Tick ${r.name}`}
                    checked={ticked.has(r.id)}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                  />
                </td>
                <td className="py-2 pr-3">
                  <Link href={`/admin/users/${r.id}`} className="text-brand-700 underline">
                    {r.name}
                  </Link>
                  {r.id === viewerId ? " (you)" : ""}
                </td>
                <td className="break-all py-2 pr-3">{r.email}</td>
                <td className="py-2 pr-3">{r.audience === "external" ? "External" : "Organisational"}</td>
                <td className="py-2 pr-3">{r.audience === "external" ? "External" : r.roles.includes("webmaster") ? "Organisational, Webmaster" : "Organisational"}</td>
                <td className="py-2 pr-3">
                  <span className={`inline-block rounded border px-2 py-0.5 font-semibold ${STATUS_CLASS[r.status]}`}>{STATUS_LABEL[r.status]}</span>
                </td>
                <td className="py-2">{r.lastAccess}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialogFrame
        open={dialog !== null}
        onOpenChange={(open) => (open ? undefined : setDialog(null))}
        title={dialog?.kind === "welcome" ? "Send welcome e-mail?" : dialog?.kind === "block" ? "Block these people?" : "Unblock these people?"}
        confirmLabel={dialog?.kind === "welcome" ? "Send welcome e-mail" : dialog?.kind === "block" ? "Block" : "Unblock"}
        tone={dialog?.kind === "block" ? "danger" : "primary"}
        onConfirm={confirm}
        busy={busy}
        error={error}
      >
        {dialog?.kind === "welcome" ? (
          <>
            <p className="font-semibold">{dialog.count ? `${plural(dialog.count, "person", "people")} will get a welcome e-mail.` : "Nobody will get a welcome e-mail."}</p>
            {dialog.lines.map((line) => (
              <p key={line}>{line}</p>
            ))}
            {dialog.count ? (
              <p>
                Each of them becomes unauthorised until they use the new link: their current password and any older link stop working, and they are signed out. The
                link works once, for 7 days.
              </p>
            ) : null}
          </>
        ) : dialog?.kind === "block" ? (
          <p>
            {plural(ids.length, "person", "people")} will be blocked: they cannot sign in, and any session they have open ends at its next request. You can unblock
            them later.
          </p>
        ) : (
          <p>{plural(ids.length, "person", "people")} will be able to sign in again (if they have a password).</p>
        )}
      </ConfirmDialogFrame>
    </div>
  );
}
