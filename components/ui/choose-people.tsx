"use client";
/**
 * "Choose people, then review" (S2: a section's members; G5: a group's members and
 * invitations): a button opens the person picker; Next shows who is about to be given a
 * place, names the external people and asks for S8's acknowledgement; the confirmation
 * calls the server action, which decides everything again. The picker finds whom E4/E5
 * allow (lib/access/pickers.ts). With `review` (B4: components/access/use-impact-review.tsx),
 * the review also shows what adding them gives, and the save goes ahead only while it still does.
 */
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormControlled } from "@/components/ui/fields";
import { type PickedPerson, PersonPicker } from "@/components/ui/person-picker";
import { ExternalBadge } from "@/components/ui/external-badge";
import { S8Warning } from "@/components/ui/s8-warning";
import { WizardButtons, WizardPanel, nextStep, useWizardFocus } from "@/components/ui/wizard";
import type { ActionResult } from "@/lib/action-result";
import type { PickedPeopleForm, pickedPeopleForm } from "@/lib/validation/picked-people";

export interface ChoosePeopleWords {
  /** The button that opens it ("+ Add member"). */
  open: string;
  title: string;
  review: string;
  confirm: string;
  busy: string;
  /** The picker's label ("People to add"). */
  label: string;
  /** The review's sentence: "You are <lead> this person to <place>:" ("adding", "inviting"), with "to join" when `join`. */
  lead: string;
  join?: boolean;
}

export interface ChoosePeopleReview {
  node: ReactNode;
  ready: boolean;
  fingerprint: string | undefined;
  problem: string | null;
  refresh: () => void;
}

const noReview = (): ChoosePeopleReview => ({ node: null, ready: true, fingerprint: undefined, problem: null, refresh: () => {} });

export interface ChoosePeopleProps<T> {
  words: ChoosePeopleWords;
  /** The section or group, by name, for the review and the message. */
  placeName: string;
  schema: ReturnType<typeof pickedPeopleForm>;
  action: (raw: unknown) => Promise<ActionResult<T>>;
  /** The action's input from the ids picked, the acknowledgement and (with `review`) the confirmed impact's fingerprint. */
  toInput: (personIds: string[], acknowledgeExternal: boolean, impactFingerprint?: string) => unknown;
  /**
   * B4: a hook (called on every render) giving what adding the people picked does, for the
   * review step (null ids outside it): what to show, whether Confirm may be offered, the
   * fingerprint for the save, and `refresh` when the save finds it changed.
   */
  review?: (personIds: string[] | null) => ChoosePeopleReview;
  /** Matches for the text typed (a server action that throws on refusal). */
  search: (query: string) => Promise<PickedPerson[]>;
  acknowledgement: string;
  /** The message when it is done, from the action's answer. */
  describe: (data: T) => string;
  /** Ids not to offer (already members). */
  exclude: string[];
  onDone: (message: string) => void;
}

export function ChoosePeople<T>({ words, placeName, schema, action, toInput, review = noReview, search, acknowledgement, describe, exclude, onDone }: ChoosePeopleProps<T>) {
  const [step, setStep] = useState<"closed" | "pick" | "review">("closed");
  const { headingRef, focusHeading } = useWizardFocus();
  const form = useActionForm(schema, action, {
    defaultValues: { people: [], acknowledgeExternal: false },
    transform: (values) => toInput(values.people.map((p) => p.id), values.acknowledgeExternal, impact.fingerprint),
    onSuccess: (data) => {
      close();
      onDone(describe(data));
    },
    // B4: what adding them gives changed since the review was shown: measure again.
    onFailure: (result) => {
      if (result.fieldErrors?.impactFingerprint) impact.refresh();
    },
  });
  const picked = form.form.watch("people");
  const impact = review(step === "review" ? picked.map((p) => p.id) : null);
  const { showProblem } = form;
  useEffect(() => {
    if (impact.problem) showProblem(impact.problem);
    // showProblem is a new function each render; only a new problem is to be shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [impact.problem]);
  const externals = picked.filter((p) => p.audience === "external");
  const stableSearch = useCallback((query: string) => search(query), [search]);

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
        {words.open}
      </button>
    );
  }

  return (
    <WizardPanel
      title={step === "pick" ? words.title : words.review}
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
          <FormControlled<PickedPeopleForm>
            name="people"
            render={({ field, error }) => (
              <PersonPicker
                label={words.label}
                hint="Search by name or e-mail address. You can choose several people."
                search={stableSearch}
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
            You are {words.lead} {picked.length === 1 ? "this person" : `these ${picked.length} people`} {words.join ? "to join" : "to"} {placeName}:
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
              summary={externals.length === 1 ? `${externals[0]!.name} is an external user.` : `${externals.length} of these people are external users.`}
              acknowledgement={acknowledgement}
            />
          ) : null}
          {impact.node}
          <WizardButtons
            submitLabel={words.confirm}
            busy={form.busy}
            busyLabel={words.busy}
            disabled={!impact.ready}
            backLabel="Back"
            onBack={() => go("pick")}
          />
        </>
      )}
    </WizardPanel>
  );
}
