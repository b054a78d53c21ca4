"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormCheckbox, FormTextArea, FormTextField } from "@/components/ui/fields";
import { updateOwnProfileAction } from "@/lib/people/profile-actions";
import { PROFILE_TEXT_FIELDS } from "@/lib/people/profile-fields";
import { type OwnProfileInput, normaliseMobile, ownProfileInput } from "@/lib/people/schemas";

const ABOUT_MAX = PROFILE_TEXT_FIELDS.about.max;

/** E3: editing one's own profile. The server re-parses with the same schema and decides the password and M6 rules. */
export function ProfileForm({ initial, hasPassword }: { initial: Omit<OwnProfileInput, "password">; hasPassword: boolean }) {
  const form = useActionForm(ownProfileInput, updateOwnProfileAction, {
    defaultValues: { ...initial, password: "" },
    refresh: true,
    onSuccess: (data) => {
      form.form.setValue("password", "");
      return data.changed.length ? "Your profile has been saved." : "Nothing had changed.";
    },
  });
  const mobileChanged = normaliseMobile(form.form.watch("mobile") ?? "") !== normaliseMobile(initial.mobile);
  const aboutLength = (form.form.watch("about") ?? "").length;

  return (
    <ActionForm
      form={form}
      className="mt-6 max-w-2xl space-y-6"
      aria-labelledby="profile-form-heading"
      heading={
        <h2 id="profile-form-heading" className="text-2xl font-bold">
          Edit your profile
        </h2>
      }
    >
      <FormTextField<OwnProfileInput> name="name" label="Name" autoComplete="name" />
      <FormTextField<OwnProfileInput> name="jobTitle" label={PROFILE_TEXT_FIELDS.jobTitle.label} autoComplete="organization-title" hint="Optional." />
      <FormTextField<OwnProfileInput>
        name="workPhone"
        label={PROFILE_TEXT_FIELDS.workPhone.label}
        type="tel"
        autoComplete="tel"
        hint="Optional. For example +44 20 7946 0000."
      />
      <FormTextField<OwnProfileInput>
        name="mobile"
        label="Mobile number"
        type="tel"
        autoComplete="tel"
        hint="Optional. Sign-in codes by text message go to this number. For example +44 7700 900123."
      />
      <FormCheckbox<OwnProfileInput>
        name="showMobile"
        label="Show my mobile number on my profile"
        hint="Off by default: then only you and the webmasters see it. Your work phone always shows."
      />
      {mobileChanged && hasPassword ? (
        <FormTextField<OwnProfileInput>
          name="password"
          label="Your password"
          type="password"
          autoComplete="current-password"
          hint="Changing your mobile number needs your password."
        />
      ) : null}
      <FormTextArea<OwnProfileInput>
        name="about"
        label={PROFILE_TEXT_FIELDS.about.label}
        rows={5}
        hint={`Optional. A few sentences about your work, in plain text: at most ${ABOUT_MAX} characters (${aboutLength} used).`}
      />
      <FormSubmitRow label="Save profile" />
    </ActionForm>
  );
}
