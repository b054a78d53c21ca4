"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { Checkbox } from "@/components/ui/checkbox";
import { FormCheckbox, FormFieldset, FormSelect, FormTextArea, FormTextField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/action-result";
import { createPersonAction, updatePersonAction } from "@/lib/people/actions";
import { PROFILE_TEXT_FIELDS } from "@/lib/people/profile-fields";
import { type GlobalRoleChoice, type PersonFields, personFields } from "@/lib/people/schemas";

const ROLE_BOXES: { value: GlobalRoleChoice; label: string; hint: string }[] = [
  { value: "organisational", label: "Organisational", hint: "Staff: uses the intranet." },
  { value: "webmaster", label: "Webmaster", hint: "An organisational user who administers Portico." },
  { value: "external", label: "External", hint: "A partner or visitor: uses the extranet. Ticking it un-ticks the other roles." },
];

/** P2 in the form: External is exclusive; Webmaster implies Organisational. */
export function toggleRole(current: readonly GlobalRoleChoice[], role: GlobalRoleChoice, on: boolean): GlobalRoleChoice[] {
  if (!on) return current.filter((r) => r !== role && !(role === "organisational" && r === "webmaster"));
  if (role === "external") return ["external"];
  const rest = current.filter((r) => r !== "external" && r !== role);
  return role === "webmaster" ? [...new Set<GlobalRoleChoice>([...rest, "organisational", "webmaster"])] : [...rest, role];
}

/** M3: quick creation and editing of a person's account and profile. */
export function PersonForm({ personId, initial, locations }: { personId?: string; initial: PersonFields; locations: { id: number; name: string }[] }) {
  const form = useActionForm(
    personFields,
    (values: PersonFields): Promise<ActionResult<{ id?: string; emailChanged?: boolean }>> =>
      personId ? updatePersonAction({ ...values, personId }) : createPersonAction(values),
    {
      defaultValues: initial,
      refresh: true,
      redirect: (data) => (!personId && data.id ? `/admin/users/${data.id}?created=1` : null),
      onSuccess: (data) => (data.emailChanged ? "Saved. The e-mail address changed, so this person has been signed out everywhere." : "Saved."),
    },
  );
  const roles = form.form.watch("roles");

  return (
    <ActionForm form={form} className="mt-6 max-w-2xl space-y-6">
      <FormTextField<PersonFields> name="name" label="Name" autoComplete="off" />
      <FormTextField<PersonFields>
        name="email"
        label="E-mail address"
        type="email"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        hint={personId ? "Changing it signs the person out everywhere; they sign in with the new address." : "Their welcome e-mail goes here."}
      />
      <FormFieldset<PersonFields> name="roles" legend="Global roles">
        {ROLE_BOXES.map((box) => (
          <Checkbox
            key={box.value}
            label={box.label}
            hint={box.hint}
            checked={roles.includes(box.value)}
            onChange={(e) => form.form.setValue("roles", toggleRole(roles, box.value, e.target.checked), { shouldDirty: true })}
          />
        ))}
      </FormFieldset>
      <FormTextField<PersonFields> name="mobile" label="Mobile number" type="tel" autoComplete="off" hint="Optional. For example +44 7700 900123." />
      <FormCheckbox<PersonFields> name="showMobile" label="Show the mobile number on their profile" hint="People choose this themselves on their profile; off by default." />
      <FormSelect<PersonFields> name="locationId" label="Location" id="person-location">
        <option value="">No location</option>
        {locations.map((l) => (
          <option key={l.id} value={String(l.id)}>
            {l.name}
          </option>
        ))}
      </FormSelect>
      <FormTextField<PersonFields> name="jobTitle" label={PROFILE_TEXT_FIELDS.jobTitle.label} autoComplete="off" hint="Optional." />
      <FormTextField<PersonFields>
        name="organisation"
        label={PROFILE_TEXT_FIELDS.organisation.label}
        autoComplete="off"
        hint="Optional. For an external person, their organisation (for example the partner agency). Only webmasters and imports set it."
      />
      <FormTextField<PersonFields> name="workPhone" label={PROFILE_TEXT_FIELDS.workPhone.label} type="tel" autoComplete="off" hint="Optional." />
      <FormTextArea<PersonFields>
        name="about"
        label={PROFILE_TEXT_FIELDS.about.label}
        rows={4}
        hint={`Optional. Plain text, at most ${PROFILE_TEXT_FIELDS.about.max} characters.`}
      />
      <FormSubmitRow label={personId ? "Save changes" : "Add person"} />
    </ActionForm>
  );
}
