"use client";
import { useEffect } from "react";
import { ImpactSummary } from "@/components/access/impact-summary";
import { useImpactPreview } from "@/components/access/use-impact-preview";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormCheckbox, FormFieldset } from "@/components/ui/fields";
import { previewGroupVisibilityImpact, setGroupVisibilityAction } from "@/lib/groups/actions";
import { type GroupVisibility, type SetVisibilityForm, setVisibilityForm, visibilityConsequence } from "@/lib/groups/schemas";
import { VISIBILITY_OPTIONS } from "./create-group-form";

/**
 * G1, B4: public, private or secret; what the change exposes or hides is said, with who gains
 * or loses reading the group's content (measured without saving it), and confirmed before it is
 * saved; the save goes ahead only while that is still what it does.
 */
export function GroupVisibilityForm({ groupId, visibility, publishedItems }: { groupId: number; visibility: GroupVisibility; publishedItems: number }) {
  const form = useActionForm(setVisibilityForm, setGroupVisibilityAction, {
    defaultValues: { visibility, confirmed: false },
    transform: (values) => ({ groupId, visibility: values.visibility, confirmed: true as const, impactFingerprint: impact.preview?.fingerprint }),
    refresh: true,
    onFailure: (result) => {
      if (result.fieldErrors?.impactFingerprint) impact.refresh();
    },
    onSuccess: (data) => {
      form.form.reset({ visibility: data.to, confirmed: false });
      return `Saved: the group is now ${data.to}.`;
    },
  });
  const chosen = form.form.watch("visibility");
  const consequence = visibilityConsequence(visibility, chosen, publishedItems);
  const impact = useImpactPreview(consequence ? chosen : null, () => previewGroupVisibilityImpact({ groupId, visibility: chosen }));
  const { showProblem } = form;
  useEffect(() => {
    if (impact.problem) showProblem(impact.problem);
    // showProblem is a new function each render; only a new problem is to be shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [impact.problem]);
  return (
    <ActionForm form={form} className="mt-4 space-y-6" aria-labelledby="visibility-heading">
      <FormFieldset<SetVisibilityForm> name="visibility" legend="Who can find and read it" options={VISIBILITY_OPTIONS} />
      {consequence ? (
        <div className="border-l-4 border-amber-500 bg-amber-50 p-4">
          <p className="font-semibold">
            {visibility} → {chosen}: {consequence}
          </p>
          <div className="mt-3">
            {impact.preview ? (
              <ImpactSummary impact={impact.preview.impact} nothingChanges="No one gains or loses reading the group's content: only who can find it changes." />
            ) : (
              <p role="status">Working out what this change does…</p>
            )}
          </div>
          <div className="mt-3">
            <FormCheckbox<SetVisibilityForm> name="confirmed" label="I understand what this change exposes or hides." />
          </div>
        </div>
      ) : null}
      <FormSubmitRow label="Save visibility" disabled={!consequence || !impact.preview} />
    </ActionForm>
  );
}
