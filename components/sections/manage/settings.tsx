"use client";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { AsyncCombobox } from "@/components/ui/async-combobox";
import { buttonClass } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormTextArea, FormTextField } from "@/components/ui/fields";
import { moveSection, previewMoveImpact, searchMoveTargetsForSection, updateSectionDetails } from "@/lib/sections/actions";
import { ImpactSummary } from "@/components/access/impact-summary";
import { useImpactPreview } from "@/components/access/use-impact-preview";
import type { SectionChoice } from "@/lib/sections/queries";
import { type SectionDetailsInput, sectionDetailsSchema } from "@/lib/sections/schemas";
import { problemOf } from "@/lib/action-result";

export function SectionDetailsForm({ sectionId, initial }: { sectionId: number; initial: Required<SectionDetailsInput> }) {
  const form = useActionForm(sectionDetailsSchema, updateSectionDetails, {
    defaultValues: initial,
    transform: (values) => ({ ...values, sectionId }),
    // A new web address: the page moves with it and says it saved (links to the old one keep working).
    redirect: (data) => (data.slug !== data.previousSlug ? `/sections/${data.slug}/manage/settings?saved=1` : null),
    replace: true,
    refresh: true,
    onSuccess: () => "Saved.",
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-6" aria-labelledby="details-heading">
      <FormTextField<SectionDetailsInput> name="title" label="Title" />
      <FormTextArea<SectionDetailsInput> name="description" label="Description" hint="Shown under the title on the section page. Optional." />
      <FormTextField<SectionDetailsInput>
        name="slug"
        label="Web address"
        hint={`The part after /sections/. Links to the old address keep working.`}
        autoCapitalize="none"
        spellCheck={false}
      />
      <FormSubmitRow label="Save details" />
    </ActionForm>
  );
}

export function MoveSection({ sectionId, sectionTitle, parentTitle }: { sectionId: number; sectionTitle: string; parentTitle: string | null }) {
  const router = useRouter();
  const [target, setTarget] = useState<SectionChoice | null>(null);
  const [toTop, setToTop] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState("");
  const search = useCallback(async (query: string) => {
    const result = await searchMoveTargetsForSection({ sectionId, query });
    return result.ok ? result.data : null;
  }, [sectionId]);
  const destination = toTop ? "the top level" : target ? target.path : null;
  const newParentId = toTop ? null : (target?.id ?? null);
  // B4: what the move does to who can view the section and those below it.
  const { preview, problem, refresh } = useImpactPreview(destination ? String(newParentId) : null, () => previewMoveImpact({ sectionId, newParentId }));

  return (
    <div className="mt-4 space-y-4">
      <p>Now: {parentTitle ? `under ${parentTitle}` : "at the top level"}.</p>
      <Checkbox label="Move to the top level" checked={toTop} onChange={(e) => setToTop(e.target.checked)} />
      {!toTop ? (
        <AsyncCombobox<SectionChoice>
          label="New parent section"
          hint="Search by title or web address. The section moves with everything below it."
          search={search}
          value={target}
          onChange={(t) => {
            setTarget(t);
            setError(undefined);
          }}
          itemKey={(t) => String(t.id)}
          itemLabel={(t) => t.title}
          renderItem={(t) => (
            <>
              {t.title}
              <span className="block text-sm opacity-80">{t.path}</span>
            </>
          )}
          error={error}
        />
      ) : null}
      {destination ? (
        preview ? (
          <ImpactSummary impact={preview.impact} nothingChanges="No one gains or loses access: the same people can view it and every section below it." />
        ) : (
          <p role={problem ? "alert" : "status"} className={problem ? "font-semibold text-red-700" : undefined}>
            {problem ?? "Working out what the move does…"}
          </p>
        )
      ) : null}
      {destination ? (
        <ConfirmDialog
          trigger={
            <button type="button" className={buttonClass.primary} disabled={!preview}>
              Move…
            </button>
          }
          tone="primary"
          title={`Move ${sectionTitle}?`}
          confirmLabel="Move"
          onConfirm={async () => {
            const result = await moveSection({ sectionId, newParentId, impactFingerprint: preview?.fingerprint });
            if (!result.ok) {
              if (result.fieldErrors?.impactFingerprint) refresh();
              return problemOf(result);
            }
            setStatus(`Moved to ${destination}.`);
            router.refresh();
            return null;
          }}
        >
          <p>
            {sectionTitle} and every section below it will move to {destination}. Who can view them may change: membership and roles of the sections above
            now cascade from the new place, and a restricted section above restricts it.
          </p>
          {preview ? <ImpactSummary impact={preview.impact} nothingChanges="No one gains or loses access." /> : null}
        </ConfirmDialog>
      ) : null}
      <p role="status" aria-live="polite" className="font-semibold text-green-800">
        {status}
      </p>
    </div>
  );
}
