"use client";
/**
 * S5, B4: the Restricted setting. Changing it first shows what it does — lifting it usually
 * gives the whole organisation access; setting it takes access from everyone who is not a
 * member — measured on the real data without saving it (previewRestrictedImpact); the save
 * goes ahead only while that is still what it does, else the new figures are shown.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ImpactSummary } from "@/components/access/impact-summary";
import { useImpactPreview } from "@/components/access/use-impact-preview";
import { buttonClass } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { problemOf } from "@/lib/action-result";
import { previewRestrictedImpact, setSectionRestricted } from "@/lib/sections/actions";

export function RestrictedSetting({
  sectionId,
  sectionTitle,
  restricted,
  restrictedByAncestor,
}: {
  sectionId: number;
  sectionTitle: string;
  restricted: boolean;
  restrictedByAncestor: boolean;
}) {
  const router = useRouter();
  const [checked, setChecked] = useState(restricted);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // B4: what the change does, whenever a change is chosen (and again when the save finds it changed).
  const { preview, problem, refresh } = useImpactPreview(checked === restricted ? null : String(checked), () =>
    previewRestrictedImpact({ sectionId, restricted: checked }),
  );

  const save = async (value: boolean, confirmed: boolean) => {
    setError(null);
    const result = await setSectionRestricted({ sectionId, restricted: value, confirmed, impactFingerprint: preview?.fingerprint });
    if (!result.ok) {
      if (result.fieldErrors?.impactFingerprint) refresh();
      return problemOf(result);
    }
    setStatus(value ? `${sectionTitle} is now restricted.` : `${sectionTitle} is no longer restricted.`);
    router.refresh();
    return null;
  };

  return (
    <div className="mt-4 space-y-4">
      <Checkbox
        label="Restricted"
        checked={checked}
        onChange={(e) => setChecked(e.target.checked)}
        hint={
          <>
            When ticked, only members of this section (directly, through a team, or through a section above it), people with a role here, and webmasters can
            view it and every section below it. When not ticked, everyone in the organisation can view it. External people are never affected: they only
            ever see sections they are members of.
          </>
        }
      />
      {restrictedByAncestor ? (
        <p className="border-l-4 border-gray-500 pl-3">
          A section above this one is restricted, so this section is restricted for people who are not members whatever you choose here.
        </p>
      ) : null}
      {error || problem ? (
        <p role="alert" className="font-semibold text-red-700">
          {error ?? problem}
        </p>
      ) : null}
      {checked === restricted ? null : preview ? (
        <ImpactSummary impact={preview.impact} nothingChanges="No one gains or loses access: everyone who can view it now still can, and no one else." />
      ) : (
        <p role="status">Working out what this change does…</p>
      )}
      {checked === restricted ? null : checked ? (
        <button
          type="button"
          disabled={busy || !preview}
          className={buttonClass.primary}
          onClick={async () => {
            setBusy(true);
            setError(await save(true, false));
            setBusy(false);
          }}
        >
          {busy ? "Saving…" : "Save: restrict this section"}
        </button>
      ) : (
        <ConfirmDialog
          trigger={
            <button type="button" className={buttonClass.primary} disabled={!preview}>
              Save: remove the restriction…
            </button>
          }
          tone="primary"
          title={`Open ${sectionTitle} to the whole organisation?`}
          confirmLabel="Yes, remove the restriction"
          onConfirm={() => save(false, true)}
        >
          <p>
            Everyone in the organisation will be able to view {sectionTitle}, its content, and every section below it that is not restricted itself.
          </p>
          {restrictedByAncestor ? <p>A section above is still restricted, so in practice nothing opens until that one is unrestricted too.</p> : null}
          {preview ? <ImpactSummary impact={preview.impact} nothingChanges="No one gains or loses access: everyone who can view it now still can, and no one else." /> : null}
        </ConfirmDialog>
      )}
      <p role="status" aria-live="polite" className="font-semibold text-green-800">
        {status}
      </p>
    </div>
  );
}

