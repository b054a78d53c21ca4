"use client";
import type { RefObject } from "react";
import type { ActionFormApi } from "@/components/ui/action-form";
import { FormCheckbox, FormFieldset } from "@/components/ui/fields";
import { S8Warning } from "@/components/ui/s8-warning";
import { WizardButtons, WizardPanel, nextStep } from "@/components/ui/wizard";
import { type MemberActionsForm, memberActionsFormSchema, roleS8Consequence } from "@/lib/sections/schemas";
import { ROLES, roleName } from "./roles";

export type RolesStep = "roles" | "review";

/**
 * S7: the roles to give to or take from the people ticked in the table, then a review before
 * the change; S8: giving a role to an external person names them, the sections the role
 * reaches and what it lets them do, and asks for the acknowledgement (checked by the server too).
 */
export function ChangeRolesPanel({
  form,
  step,
  names,
  externalNames,
  sectionTitle,
  headingRef,
  go,
}: {
  form: ActionFormApi<typeof memberActionsFormSchema, unknown>;
  step: RolesStep;
  names: string;
  /** The external people among those ticked. */
  externalNames: string[];
  sectionTitle: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  go: (step: RolesStep | "select") => void;
}) {
  const [action, roles] = form.form.watch(["action", "roles"]);
  const adding = action === "add-roles";
  return (
    <WizardPanel
      title={step === "roles" ? (adding ? "Which roles to give?" : "Which roles to remove?") : "Check before changing roles"}
      headingRef={headingRef}
      form={form}
      onSubmit={step === "roles" ? nextStep(() => form.form.trigger("roles"), () => go("review")) : undefined}
    >
      {step === "roles" ? (
        <FormFieldset<MemberActionsForm> name="roles" legend={`Roles for ${names}`}>
          {ROLES.map((r) => (
            <FormCheckbox<MemberActionsForm> key={r.value} name="roles" label={r.label} hint={r.hint} value={r.value} showError={false} />
          ))}
          <div className="mt-4">
            <WizardButtons submitLabel="Next" backLabel="Cancel" onBack={() => go("select")} />
          </div>
        </FormFieldset>
      ) : (
        <>
          <p>
            {adding ? "Give" : "Remove"} <strong>{roles.map(roleName).join(", ")}</strong> {adding ? "to" : "from"} {names} in {sectionTitle} and every section
            below it.
          </p>
          {adding && externalNames.length ? (
            <S8Warning
              summary={externalNames.length === 1 ? `${externalNames[0]} is an external user.` : `${externalNames.join(", ")} are external users.`}
              acknowledgement={`I understand: ${roleS8Consequence(roles, sectionTitle)}.`}
            />
          ) : null}
          <WizardButtons submitLabel="Confirm" busy={form.busy} busyLabel="Saving…" backLabel="Back" onBack={() => go("roles")} />
        </>
      )}
    </WizardPanel>
  );
}
