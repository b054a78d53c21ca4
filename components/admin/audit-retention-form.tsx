"use client";
import type { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextField } from "@/components/ui/fields";
import { setAuditRetentionAction } from "@/lib/site-settings/actions";
import { MIN_RETENTION_DAYS, auditRetentionInput } from "@/lib/settings/schemas";

type Input = z.input<typeof auditRetentionInput>;

/**
 * M8: how long audit events are kept. A shorter period than before (or any period after
 * "keep everything") deletes events at the next hourly purge, so it is confirmed first.
 */
export function AuditRetentionForm({ days }: { days: number | null }) {
  const form = useActionForm(auditRetentionInput, setAuditRetentionAction, {
    defaultValues: { days: days === null ? "" : String(days) },
    refresh: true,
    onSuccess: (data) => (data.days === null ? "Saved: every event is kept." : `Saved: events are kept for ${data.days} days.`),
    confirm: (values) => {
      const next = values.days.trim() === "" ? null : Number(values.days);
      const shorter = next !== null && (days === null || next < days);
      return shorter
        ? {
            title: "Delete older audit events?",
            confirmLabel: "Yes, keep events for less time",
            body: (
              <p>
                Events older than {values.days} days will be deleted within the hour, for good. They cannot be brought back, and will not be in any later
                export.
              </p>
            ),
          }
        : null;
    },
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-4" aria-labelledby="retention-heading">
      <FormTextField<Input>
        name="days"
        label="Keep audit events for (days)"
        hint={`At least ${MIN_RETENTION_DAYS} days. Leave empty to keep every event. Older events are deleted once an hour.`}
        inputMode="numeric"
        className="max-w-[12rem]"
      />
      <FormSubmitRow label="Save retention" />
    </ActionForm>
  );
}
