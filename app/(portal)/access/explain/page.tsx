import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ExplainForm } from "@/components/access/explain-form";
import { ExplanationView } from "@/components/access/explanation-view";
import { requireViewer } from "@/lib/access/viewer";
import { getExplanation, getPersonChoice, getTargetChoice, mayExplainSomething } from "@/lib/explain/queries";
import { parseTarget } from "@/lib/explain/schemas";

export const metadata: Metadata = { title: "Access explainer" };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : null);

/**
 * B1: why a person can or cannot view a section, item, group or file. For webmasters about
 * anything, for section managers, editors and group admins about what they run (403 for
 * people who run nothing); a target or person not theirs to ask about reads as unknown.
 */
export default async function AccessExplainPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireViewer()]);
  if (!(await mayExplainSomething(viewer))) forbidden();
  const target = parseTarget(one(raw.target));
  const personId = one(raw.person);
  const [targetChoice, personChoice, answer] = await Promise.all([
    target ? getTargetChoice(viewer, target) : null,
    personId ? getPersonChoice(viewer, personId) : null,
    target && personId ? getExplanation(viewer, personId, target) : null,
  ]);
  const asked = raw.target !== undefined || raw.person !== undefined;
  return (
    <>
      <h1 className="text-3xl font-bold">Access explainer</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        Why can a person see a section, an item, a group or a group&apos;s file, or why not? Choose both to see every way they have access, decided exactly as
        the pages decide it, or what stops them and the smallest changes that would let them in.
      </p>
      <ExplainForm initialTarget={targetChoice?.status === "ok" ? targetChoice.value : null} initialPerson={personChoice} />
      {answer?.status === "ok" ? (
        <ExplanationView explanation={answer.value} />
      ) : asked && (answer || (target === null && raw.target !== undefined) || (personId !== null && personChoice === null) || targetChoice?.status === "not-found") ? (
        <p role="status" className="mt-6 border-l-4 border-amber-500 bg-amber-50 p-4">
          There is nothing to explain for that choice: the person or the thing is unknown, or not one you can ask about. Choose them again from the lists.
        </p>
      ) : null}
    </>
  );
}
