"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { buttonClass } from "@/components/ui/button";
import { decideGroupRequestAction } from "@/lib/groups/actions";
import type { PendingRequestRow } from "@/lib/groups/manage-queries";
import { problemOf } from "@/lib/action-result";
import { PersonLine } from "@/components/ui/person-line";

/** G1 G5: pending requests to join, each with the requester's message; approve or decline. */
export function PendingRequests({ groupId, requests }: { groupId: number; requests: (Omit<PendingRequestRow, "createdAt"> & { when: string })[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<number | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function decide(request: { id: number; name: string }, decision: "approve" | "decline") {
    setBusy(request.id);
    setError(null);
    const result = await decideGroupRequestAction({ groupId, requestId: request.id, decision });
    setBusy(null);
    if (!result.ok) return setError(problemOf(result));
    const { outcome, status: decided } = result.data;
    setStatus(
      outcome === "already-decided"
        ? `${request.name}'s request was already ${decided === "cancelled" ? "cancelled" : decided}: nothing changed.`
        : `${request.name}'s request was ${outcome}.`,
    );
    router.refresh();
  }

  return (
    <>
      <ActionFeedback status={status} error={error} />
      {requests.length === 0 ? (
        <p className="mt-3 text-gray-700">No requests are waiting.</p>
      ) : (
        <ul className="mt-3 divide-y divide-gray-300 border-y border-gray-300">
          {requests.map((r) => (
            <li key={r.id} className="py-3">
              <PersonLine person={r} />
              <p className="text-sm text-gray-700">Asked {r.when}</p>
              {r.message ? <blockquote className="mt-2 whitespace-pre-line border-l-4 border-gray-300 pl-3">{r.message}</blockquote> : null}
              <div className="mt-2 flex flex-wrap gap-2">
                <button type="button" className={buttonClass.primary} disabled={busy !== null} onClick={() => decide(r, "approve")}>
                  Approve<span className="sr-only"> {r.name}</span>
                </button>
                <button type="button" className={buttonClass.secondary} disabled={busy !== null} onClick={() => decide(r, "decline")}>
                  Decline<span className="sr-only"> {r.name}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
