"use client";
import { useEffect } from "react";
import { ImpactSummary } from "@/components/access/impact-summary";
import { useImpactPreview } from "@/components/access/use-impact-preview";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormCheckbox } from "@/components/ui/fields";
import { previewExternalAccessImpact, setExternalAccessAction } from "@/lib/site-settings/actions";
import { EXTERNAL_APPS, EXTERNAL_APP_LABELS, type ExternalAccess, externalAccessSwitches } from "@/lib/settings/schemas";

/**
 * E5: one switch per app or directory; on gives external people the same access as staff.
 * B4: what the switches as ticked change — the public groups' content external people gain or
 * lose with Groups, the apps and directories with the others — is shown (measured without
 * saving) before the save, which goes ahead only while that is still what it does.
 */
export function ExternalAccessForm({ initial }: { initial: ExternalAccess }) {
  const form = useActionForm(externalAccessSwitches, setExternalAccessAction, {
    defaultValues: initial,
    transform: (values) => ({ ...values, impactFingerprint: impact.preview?.fingerprint }),
    refresh: true,
    onSuccess: (_data, values) => {
      form.form.reset(values);
      const on = EXTERNAL_APPS.filter((a) => values[a]).map((a) => EXTERNAL_APP_LABELS[a].label);
      return on.length ? `Saved. External people now have: ${on.join(", ")}.` : "Saved. External people have none of these.";
    },
    onFailure: (result) => {
      if (result.fieldErrors?.impactFingerprint) impact.refresh();
    },
  });
  const values = form.form.watch();
  const saved = form.form.formState.defaultValues ?? initial;
  const switches = Object.fromEntries(EXTERNAL_APPS.map((a) => [a, values[a] === true])) as ExternalAccess;
  const changed = EXTERNAL_APPS.some((a) => switches[a] !== (saved[a] === true));
  const impact = useImpactPreview(changed ? JSON.stringify(switches) : null, () => previewExternalAccessImpact(switches));
  const { showProblem } = form;
  useEffect(() => {
    if (impact.problem) showProblem(impact.problem);
    // showProblem is a new function each render; only a new problem is to be shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [impact.problem]);
  return (
    <ActionForm form={form} className="mt-6 space-y-6">
      <fieldset className="space-y-5">
        <legend className="text-xl font-bold">External people may use</legend>
        {EXTERNAL_APPS.map((app) => (
          <FormCheckbox<ExternalAccess> key={app} name={app} label={EXTERNAL_APP_LABELS[app].label} hint={EXTERNAL_APP_LABELS[app].hint} />
        ))}
      </fieldset>
      {changed ? (
        impact.preview ? (
          <ImpactSummary impact={impact.preview.impact} nothingChanges="No one gains or loses anything: there are no external people it applies to." />
        ) : (
          <p role="status">Working out what this change does…</p>
        )
      ) : null}
      <FormSubmitRow label="Save external access" disabled={changed && !impact.preview} />
    </ActionForm>
  );
}
