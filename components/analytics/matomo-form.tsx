"use client";
import type { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextField } from "@/components/ui/fields";
import { setMatomoAction } from "@/lib/site-settings/actions";
import { matomoInput } from "@/lib/settings/schemas";

type Input = z.input<typeof matomoInput>;

/**
 * D1: send page views to the organisation's own Matomo too (webmasters). Both fields set
 * turns it on, both cleared turns it off; what Matomo is told is said beside the form.
 */
export function MatomoForm({ url, siteId }: { url: string | null; siteId: number | null }) {
  const form = useActionForm(matomoInput, setMatomoAction, {
    defaultValues: { url: url ?? "", siteId: siteId ? String(siteId) : "" },
    refresh: true,
    onSuccess: (data) =>
      data.after.url ? `Saved: page views are sent to ${data.after.url} as site ${data.after.siteId}.` : "Saved: page views are not sent to Matomo.",
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-4" aria-labelledby="matomo-heading">
      <FormTextField<Input>
        name="url"
        label="Matomo address"
        hint="Where your Matomo answers, such as https://matomo.example.org/. Clear both fields to stop sending."
        inputMode="url"
        autoComplete="off"
        className="max-w-xl"
      />
      <FormTextField<Input> name="siteId" label="Site id" hint="The number Matomo gave this site (Administration → Websites in Matomo)." inputMode="numeric" className="max-w-[12rem]" />
      <FormSubmitRow label="Save Matomo settings" />
    </ActionForm>
  );
}
