"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { showErrors } from "@/components/sections/manage/settings";
import { FormErrorSummary, SubmitRow, TextArea, TextField } from "@/components/ui/form";
import { updateOwnProfileAction } from "@/lib/people/profile-actions";
import { PROFILE_TEXT_FIELDS } from "@/lib/people/profile-fields";
import { type OwnProfileInput, normaliseMobile, ownProfileInput } from "@/lib/people/schemas";

const FIELDS = ["name", "jobTitle", "workPhone", "mobile", "about", "password"] as const;
const ABOUT_MAX = PROFILE_TEXT_FIELDS.about.max;

/** E3: editing one's own profile. The server re-parses with the same schema and decides the password and M6 rules. */
export function ProfileForm({ initial, hasPassword }: { initial: Omit<OwnProfileInput, "password">; hasPassword: boolean }) {
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
  } = useForm<OwnProfileInput>({ resolver: zodResolver(ownProfileInput), defaultValues: { ...initial, password: "" } });
  const mobileChanged = normaliseMobile(watch("mobile") ?? "") !== normaliseMobile(initial.mobile);
  const aboutLength = (watch("about") ?? "").length;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved("");
    const result = await updateOwnProfileAction(values);
    if (result.ok) {
      setValue("password", "");
      setSaved(result.data.changed.length ? "Your profile has been saved." : "Nothing had changed.");
      router.refresh();
      return;
    }
    showErrors(result, setError, FIELDS, setFormError);
    requestAnimationFrame(() => summaryRef.current?.focus());
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 max-w-2xl space-y-6" aria-labelledby="profile-form-heading">
      <h2 id="profile-form-heading" className="text-2xl font-bold">
        Edit your profile
      </h2>
      <FormErrorSummary ref={summaryRef} message={formError} />
      <TextField label="Name" autoComplete="name" error={errors.name?.message} {...register("name")} />
      <TextField label={PROFILE_TEXT_FIELDS.jobTitle.label} autoComplete="organization-title" hint="Optional." error={errors.jobTitle?.message} {...register("jobTitle")} />
      <TextField label={PROFILE_TEXT_FIELDS.workPhone.label} type="tel" autoComplete="tel" hint="Optional. For example +44 20 7946 0000." error={errors.workPhone?.message} {...register("workPhone")} />
      <TextField
        label="Mobile number"
        type="tel"
        autoComplete="tel"
        hint="Optional. Sign-in codes by text message go to this number. For example +44 7700 900123."
        error={errors.mobile?.message}
        {...register("mobile")}
      />
      {mobileChanged && hasPassword ? (
        <TextField
          label="Your password"
          type="password"
          autoComplete="current-password"
          hint="Changing your mobile number needs your password."
          error={errors.password?.message}
          {...register("password")}
        />
      ) : null}
      <TextArea
        label={PROFILE_TEXT_FIELDS.about.label}
        rows={5}
        hint={`Optional. A few sentences about your work, in plain text: at most ${ABOUT_MAX} characters (${aboutLength} used).`}
        error={errors.about?.message}
        {...register("about")}
      />
      <SubmitRow busy={isSubmitting} label="Save profile" status={saved} />
    </form>
  );
}
