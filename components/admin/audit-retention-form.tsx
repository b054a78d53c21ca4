"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { showErrors } from "@/components/sections/manage/settings";
import { problemOf } from "@/components/sections/manage/result";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialogFrame } from "@/components/ui/confirm-dialog";
import { FormErrorSummary, TextField } from "@/components/ui/form";
import { setAuditRetentionAction } from "@/lib/settings/actions";
import { MIN_RETENTION_DAYS, auditRetentionInput } from "@/lib/settings/schemas";

type Input = z.input<typeof auditRetentionInput>;

/**
 * M8: how long audit events are kept. A shorter period than before (or any period after
 * "keep everything") deletes events at the next hourly purge, so it is confirmed first.
 */
export function AuditRetentionForm({ days }: { days: number | null }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState("");
  const [confirming, setConfirming] = useState<Input | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input>({ resolver: zodResolver(auditRetentionInput), defaultValues: { days: days === null ? "" : String(days) } });

  const save = async (values: Input) => {
    setBusy(true);
    const result = await setAuditRetentionAction(values);
    setBusy(false);
    setConfirming(null);
    if (result.ok) {
      setSaved(result.data.days === null ? "Saved: every event is kept." : `Saved: events are kept for ${result.data.days} days.`);
      router.refresh();
      return;
    }
    showErrors(result, setError, ["days"] as const, setFormError);
    if (!result.fieldErrors) setFormError(problemOf(result));
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved("");
    const next = values.days.trim() === "" ? null : Number(values.days);
    const shorter = next !== null && (days === null || next < days);
    if (shorter) setConfirming(values);
    else await save(values);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4" aria-labelledby="retention-heading">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <TextField
        label="Keep audit events for (days)"
        hint={`At least ${MIN_RETENTION_DAYS} days. Leave empty to keep every event. Older events are deleted once an hour.`}
        inputMode="numeric"
        className="max-w-[12rem]"
        error={errors.days?.message}
        {...register("days")}
      />
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={isSubmitting || busy} className={buttonClass.primary}>
          Save retention
        </button>
        <p role="status" aria-live="polite" className="font-semibold text-green-800">
          {saved}
        </p>
      </div>
      <ConfirmDialogFrame
        open={confirming !== null}
        onOpenChange={(open) => (open ? undefined : setConfirming(null))}
        title="Delete older audit events?"
        confirmLabel="Yes, keep events for less time"
        busy={busy}
        onConfirm={() => confirming && void save(confirming)}
      >
        <p>
          Events older than {confirming?.days} days will be deleted within the hour, for good. They cannot be brought back, and will not be in any later
          export.
        </p>
      </ConfirmDialogFrame>
    </form>
  );
}
