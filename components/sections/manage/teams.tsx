"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { AsyncCombobox } from "@/components/ui/async-combobox";
import { buttonClass } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { WizardButtons, WizardPanel, nextStep, useWizardFocus } from "@/components/ui/wizard";
import { S8Warning } from "./s8-warning";
import { addSectionTeam, removeSectionTeams, searchTeamsForSection, teamReachForSection } from "@/lib/sections/actions";
import type { ManagedTeam, TeamChoice } from "@/lib/sections/queries";
import { type AddTeamForm, addTeamFormSchema } from "@/lib/sections/schemas";
import { problemOf } from "./result";

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

export function TeamManager({ section, teams }: { section: { id: number; title: string }; teams: ManagedTeam[] }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const done = (message: string) => {
    setStatus(message);
    router.refresh();
  };
  return (
    <section aria-labelledby="teams-heading" className="mt-12">
      <h2 id="teams-heading" className="text-2xl font-bold">
        Teams
      </h2>
      <p className="mt-1 text-gray-700">
        Everyone in a team added here can view {section.title}. Membership follows the team: people who join or leave the team gain or lose access at once.
        Teams cannot hold roles.
      </p>
      <p role="status" aria-live="polite" className={status ? "mt-4 border-l-4 border-green-700 bg-green-50 p-3 font-semibold" : "sr-only"}>
        {status}
      </p>
      <AddTeam sectionId={section.id} sectionTitle={section.title} onDone={done} />
      {teams.length ? (
        <div role="region" aria-label="Teams that are members of this section" tabIndex={0} className="mt-4 overflow-x-auto">
          <table className="w-full min-w-[32rem] border-collapse text-left">
            <caption className="sr-only">Teams that are members of {section.title}</caption>
            <thead>
              <tr className="border-b-2 border-gray-800">
                <th scope="col" className="py-2 pr-4">
                  Team
                </th>
                <th scope="col" className="py-2 pr-4">
                  People
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {teams.map((t) => (
                <tr key={t.id} className="border-b border-gray-300 align-top">
                  <td className="py-3 pr-4">
                    <span className="font-semibold">{t.name}</span>
                    <span className="block text-sm text-gray-700">{t.includeChildren ? "With its child teams" : "This team only"}</span>
                  </td>
                  <td className="py-3 pr-4">
                    {people(t.members)}
                    {t.externalMembers ? <span className="block text-sm text-gray-700">of whom {t.externalMembers} external</span> : null}
                  </td>
                  <td className="py-3">
                    <ConfirmDialog
                      trigger={
                        <button type="button" className={buttonClass.secondary}>
                          Remove<span className="sr-only"> {t.name}</span>
                        </button>
                      }
                      title={`Remove ${t.name} from ${section.title}?`}
                      confirmLabel="Remove team"
                      onConfirm={async () => {
                        const result = await removeSectionTeams({ sectionId: section.id, teamIds: [t.id] });
                        if (!result.ok) return problemOf(result);
                        done(`Removed ${t.name} from ${section.title}.`);
                        return null;
                      }}
                    >
                      <p>People who can view this section only through {t.name} will lose access to it and everything below it.</p>
                    </ConfirmDialog>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-4">No teams have been added to this section.</p>
      )}
    </section>
  );
}

function AddTeam({ sectionId, sectionTitle, onDone }: { sectionId: number; sectionTitle: string; onDone: (m: string) => void }) {
  const [step, setStep] = useState<"closed" | "pick" | "review">("closed");
  const [reach, setReach] = useState<{ members: number; externalMembers: number } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [recount, setRecount] = useState(0);
  const { headingRef, summaryRef, focusHeading, focusSummary } = useWizardFocus();
  const {
    control,
    register,
    handleSubmit,
    trigger,
    reset,
    setValue,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<AddTeamForm>({
    resolver: zodResolver(addTeamFormSchema),
    defaultValues: { team: null, includeChildren: false, acknowledgeExternal: false, externalMembers: null },
  });
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
      } else setFormError(r.ok ? "This team no longer exists. Search for it again." : problemOf(r));
    });
    return () => {
      live = false;
    };
  }, [step, team, includeChildren, sectionId, recount, setValue]);

  const go = (next: typeof step) => {
    setStep(next);
    setFormError(null);
    focusHeading();
  };
  const close = () => {
    reset();
    setReach(null);
    setFormError(null);
    setStep("closed");
  };

  const onSubmit = handleSubmit(async (form) => {
    setFormError(null);
    const result = await addSectionTeam({ sectionId, teamId: form.team!.id, includeChildren: form.includeChildren, acknowledgeExternal: form.acknowledgeExternal });
    if (result.ok) {
      close();
      onDone(`Added ${form.team!.name} to ${sectionTitle}.`);
    } else if (result.fieldErrors?.acknowledgeExternal) {
      // The team gained external members since the review was shown: count again.
      setError("acknowledgeExternal", { message: result.fieldErrors.acknowledgeExternal });
      setRecount((n) => n + 1);
    } else {
      setFormError(problemOf(result));
      focusSummary();
    }
  });

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
      summaryRef={summaryRef}
      formError={formError}
      onSubmit={
        step === "pick"
          ? nextStep(
              () => trigger("team"),
              () => {
                setValue("acknowledgeExternal", false);
                go("review");
              },
            )
          : onSubmit
      }
    >
      {step === "pick" ? (
        <>
          <Controller
            control={control}
            name="team"
            render={({ field }) => (
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
                error={errors.team?.message}
              />
            )}
          />
          <Checkbox
            label="Include its child teams"
            hint="Members of every team below this one can view the section too, now and as teams are added below it."
            {...register("includeChildren")}
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
              error={errors.acknowledgeExternal?.message}
              {...register("acknowledgeExternal")}
            />
          ) : null}
          <WizardButtons submitLabel="Confirm" busy={isSubmitting} busyLabel="Adding…" disabled={!reach} backLabel="Back" onBack={() => go("pick")} />
        </>
      )}
    </WizardPanel>
  );
}
