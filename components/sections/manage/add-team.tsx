"use client";
import { useCallback, useEffect, useState } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { AsyncCombobox } from "@/components/ui/async-combobox";
import { buttonClass } from "@/components/ui/button";
import { FormCheckbox, FormControlled } from "@/components/ui/fields";
import { WizardButtons, WizardPanel, nextStep, useWizardFocus } from "@/components/ui/wizard";
import { addSectionTeam, previewAddTeamImpact, searchTeamsForSection, teamReachForSection } from "@/lib/sections/actions";
import { ImpactSummary } from "@/components/access/impact-summary";
import { useImpactPreview } from "@/components/access/use-impact-preview";
import type { TeamChoice } from "@/lib/sections/queries";
import { type AddTeamForm, S8_ACKNOWLEDGEMENT, addTeamFormSchema } from "@/lib/sections/schemas";
import { problemOf } from "@/lib/action-result";
import { S8Warning } from "@/components/ui/s8-warning";

export const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

/**
 * S2, S8, B4: choose a team (and whether its child teams count), then review how many people
 * it brings, who is external, and what it gives them (the impact preview); the save goes ahead
 * only while that is still what it gives.
 */
export function AddTeam({ sectionId, sectionTitle, onDone }: { sectionId: number; sectionTitle: string; onDone: (m: string) => void }) {
  const [step, setStep] = useState<"closed" | "pick" | "review">("closed");
  const [reach, setReach] = useState<{ members: number; externalMembers: number } | null>(null);
  const [recount, setRecount] = useState(0);
  const { headingRef, focusHeading } = useWizardFocus();
  const form = useActionForm(addTeamFormSchema, addSectionTeam, {
    defaultValues: { team: null, includeChildren: false, acknowledgeExternal: false, externalMembers: null, impactFingerprint: null },
    transform: (values) => ({
      sectionId,
      teamId: values.team!.id,
      includeChildren: values.includeChildren,
      acknowledgeExternal: values.acknowledgeExternal,
      impactFingerprint: values.impactFingerprint ?? undefined,
    }),
    onSuccess: (_data, values) => {
      close();
      onDone(`Added ${values.team!.name} to ${sectionTitle}.`);
    },
    // The team gained external members, or the change gives something else, since the review was shown: count again.
    onFailure: (result) => {
      if (result.fieldErrors?.acknowledgeExternal) setRecount((n) => n + 1);
      if (result.fieldErrors?.impactFingerprint) refresh();
    },
  });
  const { setValue, watch } = form.form;
  const { showProblem } = form;
  const [team, includeChildren] = watch(["team", "includeChildren"]);
  // B4: what adding it gives, and to whom; its fingerprint goes with the save.
  const { preview, problem, refresh } = useImpactPreview(step === "review" && team ? `${team.id}:${includeChildren}` : null, () =>
    previewAddTeamImpact({ sectionId, teamId: team!.id, includeChildren }),
  );
  useEffect(() => setValue("impactFingerprint", preview?.fingerprint ?? null), [preview, setValue]);
  useEffect(() => {
    if (problem) showProblem(problem);
    // showProblem is a new function each render; only a new problem is to be shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [problem]);

  const search = useCallback(
    async (query: string) => {
      const result = await searchTeamsForSection({ sectionId, query });
      return result.ok ? result.data : null;
    },
    [sectionId],
  );

  // The review says how many people the team brings, and whether any are external (S8).
  useEffect(() => {
    if (step !== "review" || !team) return;
    let live = true;
    setReach(null);
    setValue("externalMembers", null);
    void teamReachForSection({ sectionId, teamId: team.id, includeChildren }).then((r) => {
      if (!live) return;
      if (r.ok && r.data) {
        setReach(r.data);
        setValue("externalMembers", r.data.externalMembers);
      } else showProblem(r.ok ? "This team no longer exists. Search for it again." : problemOf(r));
    });
    return () => {
      live = false;
    };
    // showProblem is a new function each render; the count depends only on what is listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, team, includeChildren, sectionId, recount, setValue]);

  const go = (next: typeof step) => {
    setStep(next);
    showProblem(null);
    focusHeading();
  };
  function close() {
    form.form.reset();
    setReach(null);
    showProblem(null);
    setStep("closed");
  }

  if (step === "closed") {
    return (
      <button type="button" className={`${buttonClass.primary} mt-4`} onClick={() => go("pick")}>
        + Add team
      </button>
    );
  }
  return (
    <WizardPanel
      title={step === "pick" ? "Add a team" : "Check before adding"}
      headingRef={headingRef}
      form={form}
      onSubmit={
        step === "pick"
          ? nextStep(
              () => form.form.trigger("team"),
              () => {
                setValue("acknowledgeExternal", false);
                go("review");
              },
            )
          : undefined
      }
    >
      {step === "pick" ? (
        <>
          <FormControlled<AddTeamForm>
            name="team"
            render={({ field, error }) => (
              <AsyncCombobox<TeamChoice>
                label="Team"
                hint="Search by the team's name."
                search={search}
                value={field.value as TeamChoice | null}
                onChange={field.onChange}
                itemKey={(t) => String(t.id)}
                itemLabel={(t) => t.name}
                renderItem={(t) => (
                  <>
                    {t.name}
                    {t.parent ? <span className="block text-sm opacity-80">in {t.parent}</span> : null}
                  </>
                )}
                error={error}
              />
            )}
          />
          <FormCheckbox<AddTeamForm>
            name="includeChildren"
            label="Include its child teams"
            hint="Members of every team below this one can view the section too, now and as teams are added below it."
          />
          <WizardButtons submitLabel="Next" backLabel="Cancel" onBack={close} />
        </>
      ) : (
        <>
          <p>
            You are adding <strong>{team!.name}</strong>
            {includeChildren ? " and its child teams" : ""} to {sectionTitle}.
          </p>
          {reach && preview ? (
            <>
              <p>
                {includeChildren ? "These teams have" : "This team has"} {people(reach.members)} now.
              </p>
              <ImpactSummary impact={preview.impact} nothingChanges={`No one gains access: everyone in ${includeChildren ? "these teams" : "this team"} can already view ${sectionTitle} and the sections below it.`} />
            </>
          ) : (
            <p role="status">Counting the people in the team and what it gives them…</p>
          )}
          {reach && reach.externalMembers > 0 ? (
            <S8Warning
              summary={<>{includeChildren ? "These teams include" : "This team includes"} {reach.externalMembers} external {reach.externalMembers === 1 ? "user" : "users"}.</>}
              acknowledgement={S8_ACKNOWLEDGEMENT}
            />
          ) : null}
          <WizardButtons submitLabel="Confirm" busy={form.busy} busyLabel="Adding…" disabled={!reach || !preview} backLabel="Back" onBack={() => go("pick")} />
        </>
      )}
    </WizardPanel>
  );
}
