"use client";
import type { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextField } from "@/components/ui/fields";
import { setAnalyticsRetentionAction } from "@/lib/site-settings/actions";
import { MAX_ANALYTICS_MONTHS, MIN_ANALYTICS_MONTHS, analyticsRetentionInput } from "@/lib/settings/schemas";

type Input = z.input<typeof analyticsRetentionInput>;

/**
 * D1: how long the day figures are kept (webmasters). A shorter period deletes the older
 * figures at the next rollup, for good, so it is confirmed first.
 */
export function AnalyticsRetentionForm({ months }: { months: number }) {
  const form = useActionForm(analyticsRetentionInput, setAnalyticsRetentionAction, {
    defaultValues: { months: String(months) },
    refresh: true,
    onSuccess: (data) => `Saved: figures are kept for ${data.months} ${data.months === 1 ? "month" : "months"}.`,
    confirm: (values) =>
      Number(values.months) < months
        ? {
            title: "Delete older figures?",
            confirmLabel: "Yes, keep figures for less time",
            body: (
              <p>
                Day figures older than {values.months} {values.months === "1" ? "month" : "months"} will be deleted within ten minutes, for good. They cannot be
                brought back.
              </p>
            ),
          }
        : null,
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-4" aria-labelledby="retention-heading">
      <FormTextField<Input>
        name="months"
        label="Keep figures for (months)"
        hint={`From ${MIN_ANALYTICS_MONTHS} to ${MAX_ANALYTICS_MONTHS} months. Page views themselves are never kept: only the counts of each day.`}
        inputMode="numeric"
        className="max-w-[12rem]"
      />
      <FormSubmitRow label="Save how long figures are kept" />
    </ActionForm>
  );
}
