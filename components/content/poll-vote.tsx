"use client";
/**
 * E3: anyone who can view a published poll votes, once; voting again changes the vote.
 * A fieldset of radio buttons with a legend, the error beside it and announced.
 */
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useRef, useState } from "react";
import { voteAction } from "@/lib/content/actions";
import { buttonClass } from "@/components/ui/button";

export function PollVote({ id, options, myVote }: { id: string; options: { id: number; label: string }[]; myVote: number | null }) {
  const router = useRouter();
  const legendId = useId();
  const firstRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const optionId = Number(new FormData(event.currentTarget).get("optionId"));
    if (!optionId) {
      setError("Choose an option to vote for.");
      firstRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await voteAction({ id, optionId });
    setBusy(false);
    if (result.ok) {
      setDone(myVote === null ? "Thank you: your vote is counted." : "Your vote is changed.");
      router.refresh();
    } else {
      setError(result.formError ?? result.fieldErrors?.optionId ?? "Your vote could not be counted. Try again.");
    }
  };

  return (
    <form onSubmit={submit} noValidate className="mt-4">
      <fieldset aria-describedby={error ? `${legendId}-error` : undefined} className={error ? "border-l-4 border-red-700 pl-4" : undefined}>
        <legend id={legendId} className="text-lg font-bold">
          {myVote === null ? "Your vote" : "Change your vote"}
        </legend>
        {error ? (
          <p id={`${legendId}-error`} className="font-semibold text-red-700">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        ) : null}
        <div className="mt-2 space-y-2">
          {options.map((o, i) => (
            <div key={o.id} className="flex items-center gap-3">
              <input
                ref={i === 0 ? firstRef : undefined}
                id={`vote-${o.id}`}
                type="radio"
                name="optionId"
                value={o.id}
                defaultChecked={o.id === myVote}
                className="size-6"
              />
              <label htmlFor={`vote-${o.id}`}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={busy} className={`${buttonClass.primary} mt-4`}>
        {busy ? "Sending…" : myVote === null ? "Vote" : "Change my vote"}
      </button>
      <p role="status" className="mt-2 min-h-6">
        {done}
      </p>
    </form>
  );
}
