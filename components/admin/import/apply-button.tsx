"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { problemOf } from "@/lib/action-result";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { applyImportAction } from "@/lib/import/actions";

/**
 * M6: apply a previewed upload, all or nothing, after confirming what it will change. The
 * preview's fingerprint goes with the confirmation: when the plan is no longer the one shown,
 * nothing is applied, the page shows the new preview and the webmaster confirms again.
 */
export function ApplyImportButton({ uploadId, fingerprint, creates, updates, kind }: { uploadId: string; fingerprint: string; creates: number; updates: number; kind: string }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  return (
    <div className="mt-6 space-y-3">
      <ConfirmDialog
        trigger={<button className={buttonClass.primary}>Apply import</button>}
        title="Apply this import?"
        confirmLabel="Apply import"
        onConfirm={async () => {
          setStatus("");
          const result = await applyImportAction({ uploadId, fingerprint });
          if (!result.ok) {
            router.refresh();
            return problemOf(result);
          }
          const d = result.data;
          setStatus(
            `Import applied: ${d.created} created, ${d.updated} updated, ${d.unchanged} unchanged.` +
              (d.emailChanges ? ` ${d.emailChanges} ${d.emailChanges === 1 ? "person has" : "people have"} a new e-mail address and ${d.emailChanges === 1 ? "was" : "were"} sent a message at it.` : ""),
          );
          router.refresh();
          return null;
        }}
      >
        <p>
          {creates || updates
            ? `This creates ${creates} and updates ${updates} ${kind}, all at once. If anything has changed since the preview and a row no longer fits, nothing is imported.`
            : "Nothing in the file differs from Portico: applying it changes nothing."}
        </p>
      </ConfirmDialog>
      <p role="status" aria-live="polite" className="font-semibold text-green-800">
        {status}
      </p>
    </div>
  );
}
