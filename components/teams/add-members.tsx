"use client";
import Link from "next/link";
import { useRef, useState } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormControlled } from "@/components/ui/fields";
import { PersonPicker } from "@/components/ui/person-picker";
import { nextStep } from "@/components/ui/wizard";
import { addTeamMembersAction, searchTeamCandidatesAction } from "@/lib/teams/actions";
import { type AddTeamMembersForm, addTeamMembersFormSchema } from "@/lib/teams/schemas";
import { ExternalBadge } from "@/components/ui/external-badge";

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
  const [step, setStep] = useState<"pick" | "review">("pick");
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const pickerId = `add-members-${teamId}`;
  const focusPicker = () => requestAnimationFrame(() => document.getElementById(pickerId)?.focus());
  const form = useActionForm(addTeamMembersFormSchema, addTeamMembersAction, {
    defaultValues: { people: [] },
    // S8: the review named the external people; pressing "Add and give access" is the confirmation.
    transform: ({ people: chosen }) => ({ teamId, personIds: chosen.map((p) => p.id), confirmExternal: chosen.some((p) => p.audience === "external") }),
    resetOnSuccess: true,
    refresh: true,
    onSuccess: ({ added }) => {
      setStep("pick");
      focusPicker();
      return `${people(added)} added to ${teamName}.`;
    },
    // Back to the choice, with the summary (which takes focus) saying what to change.
    onFailure: () => setStep("pick"),
  });
  const picked = form.form.watch("people");
  const externals = picked.filter((p) => p.audience === "external");

  const review = nextStep(
    async () => {
      form.setStatus("");
      form.showProblem(null);
      const valid = await form.form.trigger("people");
      // The picker's input takes focus; its error is beside it and named in its description.
      if (!valid) focusPicker();
      return valid;
    },
    () => {
      setStep("review");
      requestAnimationFrame(() => reviewHeading.current?.focus());
    },
  );

  return (
    <ActionForm form={form} onSubmit={step === "pick" ? review : undefined} aria-label={`Add members to ${teamName}`} className="mt-3 space-y-4">
      <p role="status" className={form.status ? "border-l-4 border-green-700 bg-green-50 p-3" : "sr-only"}>
        {form.status}
      </p>
      {step === "pick" ? (
        <>
          <FormControlled<AddTeamMembersForm>
            name="people"
            render={({ field, error }) => (
              <PersonPicker
                id={pickerId}
                label="People to add"
                hint="Type at least 2 letters of a name or e-mail address, then choose from the list. You can choose several people."
                search={(query) => searchTeamCandidatesAction(teamId, query)}
                value={field.value}
                onChange={(next) => {
                  field.onChange(next);
                  form.form.clearErrors("people");
                }}
                exclude={memberIds}
                error={error}
              />
            )}
          />
          <FormSubmitRow label="Continue" withStatus={false} />
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
            <FormSubmitRow label={externals.length ? "Add and give access" : `Add ${people(picked.length)}`} busyLabel="Adding…" withStatus={false} />
            <button type="button" onClick={() => setStep("pick")} disabled={form.busy} className={buttonClass.secondary}>
              Back
            </button>
          </div>
        </div>
      )}
    </ActionForm>
  );
}
