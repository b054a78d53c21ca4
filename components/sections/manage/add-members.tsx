"use client";
import { useCallback, useState } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormControlled } from "@/components/ui/fields";
import { PersonPicker } from "@/components/ui/person-picker";
import { WizardButtons, WizardPanel, nextStep, useWizardFocus } from "@/components/ui/wizard";
import { addSectionMembers, searchPeopleForSection } from "@/lib/sections/actions";
import { type AddMembersForm, addMembersFormSchema } from "@/lib/sections/schemas";
import { problemOf } from "./result";
import { ExternalBadge } from "./roles";
import { S8Warning } from "./s8-warning";

/** S2: choose people, then review (S8: naming the external ones) before they become members. */
export function AddMembers({ sectionId, sectionTitle, exclude, onDone }: { sectionId: number; sectionTitle: string; exclude: string[]; onDone: (m: string) => void }) {
  const [step, setStep] = useState<"closed" | "pick" | "review">("closed");
  const { headingRef, focusHeading } = useWizardFocus();
  const form = useActionForm(addMembersFormSchema, addSectionMembers, {
    defaultValues: { people: [], acknowledgeExternal: false },
    transform: (values) => ({ sectionId, personIds: values.people.map((p) => p.id), acknowledgeExternal: values.acknowledgeExternal }),
    onSuccess: ({ added }) => {
      close();
      onDone(`Added ${added} ${added === 1 ? "person" : "people"} to ${sectionTitle}.`);
    },
  });
  const picked = form.form.watch("people");
  const externals = picked.filter((p) => p.audience === "external");

  const search = useCallback(
    async (query: string) => {
      const result = await searchPeopleForSection({ sectionId, query });
      if (!result.ok) throw new Error(problemOf(result) ?? "failed");
      return result.data;
    },
    [sectionId],
  );

  const go = (next: typeof step) => {
    setStep(next);
    form.showProblem(null);
    focusHeading();
  };
  function close() {
    form.form.reset();
    form.showProblem(null);
    setStep("closed");
  }

  if (step === "closed") {
    return (
      <button type="button" className={`${buttonClass.primary} mt-4`} onClick={() => go("pick")}>
        + Add member
      </button>
    );
  }

  return (
    <WizardPanel
      title={step === "pick" ? "Add members" : "Check before adding"}
      headingRef={headingRef}
      form={form}
      onSubmit={
        step === "pick"
          ? nextStep(
              () => form.form.trigger("people"),
              () => {
                form.form.setValue("acknowledgeExternal", false);
                go("review");
              },
            )
          : undefined
      }
    >
      {step === "pick" ? (
        <>
          <FormControlled<AddMembersForm>
            name="people"
            render={({ field, error }) => (
              <PersonPicker
                label="People to add"
                hint="Search by name or e-mail address. You can choose several people."
                search={search}
                value={field.value}
                onChange={field.onChange}
                exclude={exclude}
                error={error}
              />
            )}
          />
          <WizardButtons submitLabel="Next" backLabel="Cancel" onBack={close} />
        </>
      ) : (
        <>
          <p>
            You are adding {picked.length === 1 ? "this person" : `these ${picked.length} people`} to {sectionTitle}:
          </p>
          <ul className="list-disc space-y-1 pl-6">
            {picked.map((p) => (
              <li key={p.id}>
                {p.name} <span className="text-gray-700">({p.email})</span>
                {p.audience === "external" ? <ExternalBadge /> : null}
              </li>
            ))}
          </ul>
          {externals.length ? (
            <S8Warning
              summary={<>{externals.length === 1 ? `${externals[0]!.name} is an external user.` : `${externals.length} of these people are external users.`}</>}
            />
          ) : null}
          <WizardButtons submitLabel="Confirm" busy={form.busy} busyLabel="Adding…" backLabel="Back" onBack={() => go("pick")} />
        </>
      )}
    </WizardPanel>
  );
}
