"use client";
/**
 * B1: "Why can … see this?" on a section's manage page, an item's page (its editors and
 * managers) and a group's manage area: choose a person, and read why they can or cannot view
 * this, every path or what blocks it. The answer comes from the same server action the page
 * checks the asker's right with (lib/explain/actions.ts).
 */
import { useCallback, useId, useState } from "react";
import Link from "next/link";
import { AsyncCombobox } from "@/components/ui/async-combobox";
import type { PickedPerson } from "@/components/ui/person-picker";
import { PersonOption } from "./person-option";
import type { Explanation } from "@/lib/access/explain/types";
import { problemOf } from "@/lib/action-result";
import { explainAccessAction, searchPeopleToExplainAction } from "@/lib/explain/actions";
import { verdictWords } from "./explain-words";
import { ExplanationView } from "./explanation-view";

export function ExplainPanel({ target, what }: { target: string; what: string }) {
  const headingId = useId();
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [answer, setAnswer] = useState<{ status: "idle" | "loading" } | { status: "done"; explanation: Explanation } | { status: "failed"; message: string }>({ status: "idle" });

  const search = useCallback(async (query: string) => {
    const result = await searchPeopleToExplainAction({ query, target });
    return result.ok ? result.data : null;
  }, [target]);

  const choose = async (chosen: PickedPerson | null) => {
    setPerson(chosen);
    if (!chosen) return setAnswer({ status: "idle" });
    setAnswer({ status: "loading" });
    const result = await explainAccessAction({ personId: chosen.id, target });
    if (!result.ok) return setAnswer({ status: "failed", message: problemOf(result)! });
    if (!result.data) return setAnswer({ status: "failed", message: "There is nothing to explain for this person: they may have been removed." });
    setAnswer({ status: "done", explanation: result.data });
  };

  return (
    <details className="mt-6 rounded border-2 border-gray-300 p-4" data-testid="explain-panel">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand-700">Why can someone see this, or not?</summary>
      <div role="region" aria-labelledby={headingId} className="mt-3">
        <h2 id={headingId} className="text-lg font-semibold">
          Who can see {what}, and why
        </h2>
        <p className="mt-1 text-sm text-gray-700">Choose a person to see every way they have access to it, or what stops them and what would change that.</p>
        <div className="mt-3 max-w-xl">
          <AsyncCombobox<PickedPerson>
            label="Person"
            hint="Search by name or e-mail address."
            search={search}
            value={person}
            onChange={choose}
            itemKey={(p) => p.id}
            itemLabel={(p) => p.name}
            renderItem={(p) => <PersonOption person={p} />}
          />
        </div>
        <div aria-live="polite">
          {answer.status === "loading" ? <p className="mt-3">Working it out…</p> : null}
          {answer.status === "failed" ? <p className="mt-3 border-l-4 border-red-700 pl-3">{answer.message}</p> : null}
          {answer.status === "done" ? <p className="sr-only">{verdictWords(answer.explanation)}</p> : null}
        </div>
        {answer.status === "done" ? (
          <>
            <ExplanationView explanation={answer.explanation} headingLevel={3} />
            <p className="mt-3">
              <Link href={`/access/explain?person=${answer.explanation.person.id}&target=${encodeURIComponent(target)}`} className="text-brand-700 underline">
                Open this in the access explainer
              </Link>
            </p>
          </>
        ) : null}
      </div>
    </details>
  );
}
