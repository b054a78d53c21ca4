"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { FormErrorSummary } from "@/components/ui/form";
import { type PickedPerson, PersonPicker } from "@/components/ui/person-picker";
import { addTeamMembersAction, searchTeamCandidatesAction } from "@/lib/teams/actions";
import { addTeamMembersInput } from "@/lib/teams/schemas";
import { ExternalBadge } from "./members-table";

function people(n: number): string {
  return n === 1 ? "1 person" : `${n} people`;
}

/**
 * P5: choose people (PersonPicker), then review before adding. When anyone chosen is
 * external, the review names the consequence (as S8 asks for sections): membership of
 * this team lets them view the sections the team is a member of. It lists only the
 * sections the acting person can view themselves, and counts nothing else.
 */
export function AddMembers({
  teamId,
  teamName,
  memberIds,
  grantsSections,
}: {
  teamId: number;
  teamName: string;
  memberIds: string[];
  grantsSections: { slug: string; title: string }[];
}) {
  const router = useRouter();
  const [picked, setPicked] = useState<PickedPerson[]>([]);
  const [step, setStep] = useState<"pick" | "review">("pick");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const pickerId = `add-members-${teamId}`;
  const externals = picked.filter((p) => p.audience === "external");

  function showErrors(fields: Record<string, string> | undefined, form: string | undefined) {
    setFieldError(fields?.personIds);
    setFormError(form ?? fields?.confirmExternal ?? fields?.personIds ?? Object.values(fields ?? {})[0] ?? "Nothing was changed.");
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  function review() {
    setStatus("");
    setFormError(null);
    const parsed = addTeamMembersInput.safeParse({ teamId, personIds: picked.map((p) => p.id) });
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? "Choose at least one person to add";
      setFieldError(message);
      setFormError(message);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setFieldError(undefined);
    setStep("review");
    requestAnimationFrame(() => reviewHeading.current?.focus());
  }

  async function add() {
    setBusy(true);
    setFormError(null);
    const result = await addTeamMembersAction({ teamId, personIds: picked.map((p) => p.id), confirmExternal: externals.length > 0 });
    setBusy(false);
    if (!result.ok) {
      setStep("pick");
      showErrors(result.fieldErrors, result.formError);
      return;
    }
    setPicked([]);
    setStep("pick");
    setStatus(`${people(result.data.added)} added to ${teamName}.`);
    router.refresh();
    requestAnimationFrame(() => document.getElementById(pickerId)?.focus());
  }

  return (
    <div className="mt-3 space-y-4">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <p role="status" className={status ? "border-l-4 border-green-700 bg-green-50 p-3" : "sr-only"}>
        {status}
      </p>
      {step === "pick" ? (
        <>
          <PersonPicker
            id={pickerId}
            label="People to add"
            hint="Type at least 2 letters of a name or e-mail address, then choose from the list. You can choose several people."
            search={(query) => searchTeamCandidatesAction(teamId, query)}
            value={picked}
            onChange={(next) => {
              setPicked(next);
              setFieldError(undefined);
            }}
            exclude={memberIds}
            error={fieldError}
          />
          <button
            type="button"
            onClick={review}
            className="min-h-11 rounded bg-brand-700 px-5 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800"
          >
            Continue
          </button>
        </>
      ) : (
        <div className="rounded border-2 border-gray-800 p-4">
          <h3 ref={reviewHeading} tabIndex={-1} className="text-lg font-bold focus:outline-none">
            Check before adding {people(picked.length)} to {teamName}
          </h3>
          <ul className="mt-3 space-y-1">
            {picked.map((p) => (
              <li key={p.id}>
                <span className="font-semibold">{p.name}</span>
                {p.audience === "external" ? <ExternalBadge /> : null} <span className="break-all text-sm text-gray-700">{p.email}</span>
              </li>
            ))}
          </ul>
          {externals.length ? (
            <div className="mt-4 border-l-4 border-amber-600 bg-amber-50 p-3">
              <p className="font-semibold">
                {externals.length === 1 ? `${externals[0]!.name} is an external person.` : `${externals.length} of these people are external.`} You are giving{" "}
                {externals.length === 1 ? "them" : "them all"} access to view every section {teamName} is a member of, and its content.
              </p>
              {grantsSections.length ? (
                <>
                  <p className="mt-2">Among the sections you can see, that includes:</p>
                  <ul className="mt-1 list-disc pl-6">
                    {grantsSections.map((s) => (
                      <li key={s.slug}>
                        <Link href={`/sections/${s.slug}`} className="text-brand-700 underline">
                          {s.title}
                        </Link>{" "}
                        and the sections below it
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ) : (
            <p className="mt-4">They will be able to view the sections {teamName} is a member of.</p>
          )}
          <div className="mt-4 flex flex-wrap gap-3">
            <button
              type="button"
              onClick={add}
              disabled={busy}
              className="min-h-11 rounded bg-brand-700 px-5 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800 disabled:opacity-70"
            >
              {busy ? "Adding…" : externals.length ? `Add and give access` : `Add ${people(picked.length)}`}
            </button>
            <button type="button" onClick={() => setStep("pick")} className="min-h-11 rounded border-2 border-gray-800 px-5 py-2 font-semibold hover:bg-gray-100">
              Back
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
