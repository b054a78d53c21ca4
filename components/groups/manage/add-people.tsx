"use client";
import { useCallback, useState } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormCheckbox, FormControlled } from "@/components/ui/fields";
import { PersonPicker } from "@/components/ui/person-picker";
import { WizardButtons, WizardPanel, nextStep, useWizardFocus } from "@/components/ui/wizard";
import type { ActionResult } from "@/lib/action-result";
import { addGroupMembersAction, inviteToGroupAction, searchPeopleForGroup } from "@/lib/groups/actions";
import { GROUP_S8_ACKNOWLEDGEMENT, type PeopleToGroupForm, peopleToGroupForm } from "@/lib/groups/schemas";
import { problemOf } from "../result";
import { ExternalBadge } from "./badges";

const WORDS = {
  add: { open: "+ Add members", title: "Add members", review: "Check before adding", confirm: "Add", busy: "Adding…", verb: "adding", label: "People to add" },
  invite: { open: "+ Invite people", title: "Invite people", review: "Check before inviting", confirm: "Send invitations", busy: "Inviting…", verb: "inviting", label: "People to invite" },
} as const;

/**
 * G5: an admin adds members straight away ("add") or invites people, who accept or decline
 * ("invite"). People are found with the person picker (whom it finds is E4/E5's rule,
 * lib/access/pickers.ts); the review names the external ones and asks for S8's acknowledgement.
 */
export function AddPeople({ mode, groupId, groupName, exclude, onDone }: { mode: "add" | "invite"; groupId: number; groupName: string; exclude: string[]; onDone: (m: string) => void }) {
  const words = WORDS[mode];
  const [step, setStep] = useState<"closed" | "pick" | "review">("closed");
  const { headingRef, focusHeading } = useWizardFocus();
  type Outcome = { added: number } | { invited: number; skipped: number };
  const action: (raw: unknown) => Promise<ActionResult<Outcome>> = mode === "add" ? addGroupMembersAction : inviteToGroupAction;
  const form = useActionForm(peopleToGroupForm, action, {
    defaultValues: { people: [], acknowledgeExternal: false },
    transform: (values) => ({ groupId, personIds: values.people.map((p) => p.id), acknowledgeExternal: values.acknowledgeExternal }),
    onSuccess: (data) => {
      close();
      if ("added" in data) onDone(`Added ${data.added} ${data.added === 1 ? "person" : "people"} to ${groupName}.`);
      else onDone(`Invited ${data.invited} ${data.invited === 1 ? "person" : "people"} to ${groupName}${data.skipped ? ` (${data.skipped} already a member or invited)` : ""}.`);
    },
  });
  const picked = form.form.watch("people");
  const externals = picked.filter((p) => p.audience === "external");

  const search = useCallback(
    async (query: string) => {
      const result = await searchPeopleForGroup({ groupId, query });
      if (!result.ok) throw new Error(problemOf(result) ?? "failed");
      return result.data;
    },
    [groupId],
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
          <FormControlled<PeopleToGroupForm>
            name="people"
            render={({ field, error }) => (
              <PersonPicker
                label={words.label}
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
            You are {words.verb} {picked.length === 1 ? "this person" : `these ${picked.length} people`} {mode === "add" ? "to" : "to join"} {groupName}:
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
            <div className="border-l-4 border-amber-500 bg-amber-50 p-4">
              <p className="font-semibold">{externals.length === 1 ? `${externals[0]!.name} is an external user.` : `${externals.length} of these people are external users.`}</p>
              <div className="mt-3">
                <FormCheckbox<PeopleToGroupForm> name="acknowledgeExternal" label={GROUP_S8_ACKNOWLEDGEMENT} />
              </div>
            </div>
          ) : null}
          <WizardButtons submitLabel={words.confirm} busy={form.busy} busyLabel={words.busy} backLabel="Back" onBack={() => go("pick")} />
        </>
      )}
    </WizardPanel>
  );
}
