"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { decideGroupRequestAction } from "@/lib/groups/actions";
import type { PendingRequestRow } from "@/lib/groups/manage-queries";
import { problemOf } from "../result";
import { ExternalBadge } from "./badges";

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
      <p role="status" className={status ? "mt-3 border-l-4 border-green-700 bg-green-50 p-3" : "sr-only"}>
        {status}
      </p>
      {error ? (
        <p role="alert" className="mt-3 border-l-4 border-red-700 pl-3 font-semibold text-red-700">
          {error}
        </p>
      ) : null}
      {requests.length === 0 ? (
        <p className="mt-3 text-gray-700">No requests are waiting.</p>
      ) : (
        <ul className="mt-3 divide-y divide-gray-300 border-y border-gray-300">
          {requests.map((r) => (
            <li key={r.id} className="py-3">
              <p>
                <span className="font-semibold">{r.name}</span>
                {r.audience === "external" ? <ExternalBadge /> : null} <span className="break-all text-sm text-gray-700">({r.email})</span>
              </p>
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
