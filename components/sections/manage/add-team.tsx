"use client";
import { useCallback, useEffect, useState } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { AsyncCombobox } from "@/components/ui/async-combobox";
import { buttonClass } from "@/components/ui/button";
import { FormCheckbox, FormControlled } from "@/components/ui/fields";
import { WizardButtons, WizardPanel, nextStep, useWizardFocus } from "@/components/ui/wizard";
import { addSectionTeam, searchTeamsForSection, teamReachForSection } from "@/lib/sections/actions";
import type { TeamChoice } from "@/lib/sections/queries";
import { type AddTeamForm, S8_ACKNOWLEDGEMENT, addTeamFormSchema } from "@/lib/sections/schemas";
import { problemOf } from "@/lib/action-result";
import { S8Warning } from "@/components/ui/s8-warning";

export const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

/** S2, S8: choose a team (and whether its child teams count), then review how many people it brings and who is external. */
export function AddTeam({ sectionId, sectionTitle, onDone }: { sectionId: number; sectionTitle: string; onDone: (m: string) => void }) {
  const [step, setStep] = useState<"closed" | "pick" | "review">("closed");
  const [reach, setReach] = useState<{ members: number; externalMembers: number } | null>(null);
  const [recount, setRecount] = useState(0);
  const { headingRef, focusHeading } = useWizardFocus();
  const form = useActionForm(addTeamFormSchema, addSectionTeam, {
    defaultValues: { team: null, includeChildren: false, acknowledgeExternal: false, externalMembers: null },
    transform: (values) => ({ sectionId, teamId: values.team!.id, includeChildren: values.includeChildren, acknowledgeExternal: values.acknowledgeExternal }),
    onSuccess: (_data, values) => {
      close();
      onDone(`Added ${values.team!.name} to ${sectionTitle}.`);
    },
    // The team gained external members since the review was shown: count again.
    onFailure: (result) => {
      if (result.fieldErrors?.acknowledgeExternal) setRecount((n) => n + 1);
    },
  });
  const { setValue, watch } = form.form;
  const { showProblem } = form;
  const [team, includeChildren] = watch(["team", "includeChildren"]);

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
          {reach ? (
            <p>
              {includeChildren ? "These teams have" : "This team has"} {people(reach.members)} now.
            </p>
          ) : (
            <p role="status">Counting the people in the team…</p>
          )}
          {reach && reach.externalMembers > 0 ? (
            <S8Warning
              summary={<>{includeChildren ? "These teams include" : "This team includes"} {reach.externalMembers} external {reach.externalMembers === 1 ? "user" : "users"}.</>}
              acknowledgement={S8_ACKNOWLEDGEMENT}
            />
          ) : null}
          <WizardButtons submitLabel="Confirm" busy={form.busy} busyLabel="Adding…" disabled={!reach} backLabel="Back" onBack={() => go("pick")} />
        </>
      )}
    </WizardPanel>
  );
}
