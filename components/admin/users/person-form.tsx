"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { showErrors } from "@/components/sections/manage/settings";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldNotes, FormErrorSummary, SubmitRow, TextArea, TextField } from "@/components/ui/form";
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
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState("");
  const summaryRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<PersonFields>({ resolver: zodResolver(personFields), defaultValues: initial });
  const roles = watch("roles");

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved("");
    const result = personId ? await updatePersonAction({ ...values, personId }) : await createPersonAction(values);
    if (result.ok) {
      if (!personId && "id" in result.data) {
        router.push(`/admin/users/${result.data.id}?created=1`);
        return;
      }
      const r = result.data as { emailChanged?: boolean };
      setSaved(r.emailChanged ? "Saved. The e-mail address changed, so this person has been signed out everywhere." : "Saved.");
      router.refresh();
      return;
    }
    showErrors(result, setError, ["name", "email", "roles", "mobile", "locationId", "jobTitle", "organisation", "workPhone", "about"] as const, setFormError);
    requestAnimationFrame(() => summaryRef.current?.focus());
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 max-w-2xl space-y-6">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <TextField label="Name" autoComplete="off" error={errors.name?.message} {...register("name")} />
      <TextField
        label="E-mail address"
        type="email"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        hint={personId ? "Changing it signs the person out everywhere; they sign in with the new address." : "Their welcome e-mail goes here."}
        error={errors.email?.message}
        {...register("email")}
      />
      <fieldset aria-describedby={errors.roles ? "roles-error" : undefined} className={errors.roles ? "border-l-4 border-red-700 pl-4" : undefined}>
        <legend className="font-semibold">Global roles</legend>
        <FieldNotes errorId="roles-error" error={errors.roles?.message} />
        <div className="mt-2 space-y-3">
          {ROLE_BOXES.map((box) => (
            <Checkbox
              key={box.value}
              label={box.label}
              hint={box.hint}
              checked={roles.includes(box.value)}
              onChange={(e) => setValue("roles", toggleRole(roles, box.value, e.target.checked), { shouldDirty: true })}
            />
          ))}
        </div>
      </fieldset>
      <TextField label="Mobile number" type="tel" autoComplete="off" hint="Optional. For example +44 7700 900123." error={errors.mobile?.message} {...register("mobile")} />
      <div className={errors.locationId ? "border-l-4 border-red-700 pl-4" : undefined}>
        <label htmlFor="person-location" className="block font-semibold">
          Location
        </label>
        <FieldNotes errorId="person-location-error" error={errors.locationId?.message} />
        <select
          id="person-location"
          aria-invalid={errors.locationId ? true : undefined}
          aria-describedby={errors.locationId ? "person-location-error" : undefined}
          className="mt-1 block min-h-11 w-full rounded border-2 border-gray-800 bg-white px-3 py-2"
          {...register("locationId")}
        >
          <option value="">No location</option>
          {locations.map((l) => (
            <option key={l.id} value={String(l.id)}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <TextField label={PROFILE_TEXT_FIELDS.jobTitle.label} autoComplete="off" hint="Optional." error={errors.jobTitle?.message} {...register("jobTitle")} />
      <TextField
        label={PROFILE_TEXT_FIELDS.organisation.label}
        autoComplete="off"
        hint="Optional. For an external person, their organisation (for example the partner agency). Only webmasters and imports set it."
        error={errors.organisation?.message}
        {...register("organisation")}
      />
      <TextField label={PROFILE_TEXT_FIELDS.workPhone.label} type="tel" autoComplete="off" hint="Optional." error={errors.workPhone?.message} {...register("workPhone")} />
      <TextArea
        label={PROFILE_TEXT_FIELDS.about.label}
        rows={4}
        hint={`Optional. Plain text, at most ${PROFILE_TEXT_FIELDS.about.max} characters.`}
        error={errors.about?.message}
        {...register("about")}
      />
      <SubmitRow busy={isSubmitting} label={personId ? "Save changes" : "Add person"} status={saved} />
    </form>
  );
}
