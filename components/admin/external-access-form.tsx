"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { problemOf } from "@/components/sections/manage/result";
import { buttonClass } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormErrorSummary } from "@/components/ui/form";
import { setExternalAccessAction } from "@/lib/settings/actions";
import { EXTERNAL_APPS, EXTERNAL_APP_LABELS, type ExternalAccess, externalAccessInput } from "@/lib/settings/schemas";

/** E5: one switch per app or directory; on gives external people the same access as staff. */
export function ExternalAccessForm({ initial }: { initial: ExternalAccess }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState("");
  const summaryRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    formState: { isSubmitting },
  } = useForm<ExternalAccess>({ resolver: zodResolver(externalAccessInput), defaultValues: initial });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved("");
    const result = await setExternalAccessAction(values);
    if (result.ok) {
      const on = EXTERNAL_APPS.filter((a) => values[a]).map((a) => EXTERNAL_APP_LABELS[a].label);
      setSaved(on.length ? `Saved. External people now have: ${on.join(", ")}.` : "Saved. External people have none of these.");
      router.refresh();
      return;
    }
    setFormError(problemOf(result));
    requestAnimationFrame(() => summaryRef.current?.focus());
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-6">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <fieldset className="space-y-5">
        <legend className="text-xl font-bold">External people may use</legend>
        {EXTERNAL_APPS.map((app) => (
          <Checkbox key={app} label={EXTERNAL_APP_LABELS[app].label} hint={EXTERNAL_APP_LABELS[app].hint} {...register(app)} />
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={isSubmitting} className={buttonClass.primary}>
          {isSubmitting ? "Saving…" : "Save external access"}
        </button>
        <p role="status" aria-live="polite" className="font-semibold text-green-800">
          {saved}
        </p>
      </div>
    </form>
  );
}
