"use client";
import { useId, useState } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ImpactConfirmDialog } from "@/components/access/impact-confirm-dialog";
import { useWizardFocus } from "@/components/ui/wizard";
import { changeSectionRoles, previewRemoveMembersImpact, removeSectionMembers } from "@/lib/sections/actions";
import type { ManagedPerson } from "@/lib/sections/queries";
import { memberActionsFormSchema } from "@/lib/sections/schemas";
import { ChangeRolesPanel, type RolesStep } from "./change-roles";
import { ExternalBadge } from "@/components/ui/external-badge";
import { roleName } from "./roles";

/**
 * The section's people (S2, S7) with what each holds here and from where; people ticked
 * in the table can be given or lose roles (ChangeRolesPanel) or be removed, after a review.
 */
export function MemberTable({
  sectionId,
  sectionTitle,
  members,
  onDone,
}: {
  sectionId: number;
  sectionTitle: string;
  members: ManagedPerson[];
  onDone: (m: string) => void;
}) {
  const [step, setStep] = useState<"select" | RolesStep>("select");
  const { headingRef, focusHeading } = useWizardFocus();
  const actionId = useId();
  const form = useActionForm(memberActionsFormSchema, changeSectionRoles, {
    defaultValues: { personIds: [], action: "add-roles", roles: [], externalChosen: false, acknowledgeExternal: false },
    transform: (values) => ({
      sectionId,
      personIds: values.personIds,
      roles: values.roles,
      change: values.action === "add-roles" ? ("add" as const) : ("remove" as const),
      acknowledgeExternal: values.acknowledgeExternal,
    }),
    onSuccess: (_data, values): void => finish(values.action === "add-roles" ? `Roles given to ${names}.` : `Roles removed from ${names}.`),
  });
  const { register, setValue, getValues, clearErrors, trigger, reset, watch, formState } = form.form;
  const [selectedIds, action] = watch(["personIds", "action"]);
  const selected = new Set(selectedIds);
  const chosen = members.filter((m) => selected.has(m.id));
  const names = chosen.map((m) => m.name).join(", ");
  const externalNames = chosen.filter((m) => m.audience === "external").map((m) => m.name);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(getValues("personIds"));
    if (on) next.add(id);
    else next.delete(id);
    setValue("personIds", [...next]);
    // S8: whether the acknowledgement is needed follows who is ticked; a new choice is confirmed afresh.
    setValue("externalChosen", members.some((m) => next.has(m.id) && m.audience === "external"));
    setValue("acknowledgeExternal", false);
    clearErrors(["personIds", "acknowledgeExternal"]);
  };
  const go = (next: typeof step) => {
    if (next === "review") setValue("acknowledgeExternal", false);
    setStep(next);
    form.showProblem(null);
    if (next !== "select") focusHeading();
  };
  function finish(message: string) {
    reset();
    setStep("select");
    onDone(message);
  }

  if (!members.length) return <p className="mt-6">Nobody is a member of this section directly yet. Members of sections above it can view it too.</p>;

  const personIdsError = formState.errors.personIds?.message;
  return (
    <div className="mt-6">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={actionId} className="block font-semibold">
            Action for the people ticked
          </label>
          <select id={actionId} {...register("action")} className="mt-1 block min-h-11 rounded border-2 border-gray-800 bg-white px-3 py-2">
            <option value="add-roles">Add role(s)</option>
            <option value="remove-roles">Remove role(s)</option>
            <option value="remove">Remove from section</option>
          </select>
        </div>
        {action === "remove" ? (
          <ImpactConfirmDialog
            trigger={
              <button type="button" className={buttonClass.secondary} disabled={!chosen.length}>
                Remove…
              </button>
            }
            disabled={!chosen.length}
            title={`Remove ${chosen.length === 1 ? "1 person" : `${chosen.length} people`} from ${sectionTitle}?`}
            confirmLabel="Remove"
            changeKey={chosen.map((m) => m.id).join(",")}
            fetchPreview={() => previewRemoveMembersImpact({ sectionId, personIds: chosen.map((m) => m.id) })}
            save={(impactFingerprint) => removeSectionMembers({ sectionId, personIds: chosen.map((m) => m.id), impactFingerprint })}
            onSaved={({ removed }) => finish(`Removed ${removed} ${removed === 1 ? "person" : "people"} from ${sectionTitle}.`)}
            nothingChanges={`No one loses access: ${chosen.length === 1 ? "they" : "each of them"} can still view ${sectionTitle} another way (through a team, a section above it, or because it is open to the organisation).`}
          >
            <p>{names} will stop being members of this section, and lose any role they hold on it.</p>
            <p>They can still view it if a team they are in is a member, if they are members of a section above it, or if it is open to everyone in the organisation.</p>
          </ImpactConfirmDialog>
        ) : (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={async () => {
              if (!(await trigger("personIds"))) return;
              setValue("roles", []);
              clearErrors("roles");
              go("roles");
            }}
          >
            Continue
          </button>
        )}
      </div>
      {personIdsError && step === "select" ? (
        <p role="alert" className="mt-2 font-semibold text-red-700">
          {personIdsError === "Choose at least one person" ? "Tick at least one person in the table first" : personIdsError}
        </p>
      ) : null}

      {step !== "select" ? <ChangeRolesPanel form={form} step={step} names={names} externalNames={externalNames} sectionTitle={sectionTitle} headingRef={headingRef} go={go} /> : null}

      <div role="region" aria-label="Members of this section" tabIndex={0} className="mt-4 relative overflow-x-auto">
        <table className="w-full min-w-[36rem] border-collapse text-left">
          <caption className="sr-only">People who are members of {sectionTitle} or hold a role on it</caption>
          <thead>
            <tr className="border-b-2 border-gray-800">
              <th scope="col" className="w-12 py-2">
                <span className="sr-only">Select</span>
              </th>
              <th scope="col" className="py-2 pr-4">
                Name
              </th>
              <th scope="col" className="py-2 pr-4">
                Roles here
              </th>
              <th scope="col" className="py-2">
                Membership
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} className="border-b border-gray-300 align-top">
                <td className="py-3">
                  {m.direct || m.roles.length ? (
                    <input
                      type="checkbox"
                      aria-label={`Select ${m.name}`}
                      className="h-6 w-6 accent-brand-700"
                      checked={selected.has(m.id)}
                      onChange={(e) => toggle(m.id, e.target.checked)}
                    />
                  ) : null}
                </td>
                <td className="py-3 pr-4">
                  <span className="font-semibold">{m.name}</span>
                  {m.audience === "external" ? <ExternalBadge /> : null}
                  <br />
                  <span className="break-all text-sm text-gray-700">{m.email}</span>
                </td>
                <td className="py-3 pr-4">
                  {m.roles.length ? m.roles.map(roleName).join(", ") : <span className="text-gray-700">None</span>}
                  {m.inherited.map((i) => (
                    <span key={`${i.role}-${i.from}`} className="block text-sm text-gray-700">
                      {roleName(i.role)} (from {i.from})
                    </span>
                  ))}
                </td>
                <td className="py-3">
                  {m.direct ? "Direct member" : m.roles.length ? "Through a role here" : `Through a role on ${m.inherited[0]?.from ?? "a section above"}: change it there`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
