"use client";
/**
 * K2 K3: the moderation queues' two plain controls, for comments and wall posts alike:
 * restore what was hidden, and dismiss the reports on something that stays as it is. Each
 * action checks again on the server and is audited (M8); the page is read again after.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { type ActionResult, problemOf } from "@/lib/action-result";

type Thing = "comment" | "post";

/** "Restore the <about>": shows it to everyone again. */
export function RestoreButton({ about, thing, restore, onDone }: { about: string; thing: Thing; restore: () => Promise<ActionResult<unknown>>; onDone: (status: string | null, error: string | null) => void }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    onDone(null, null);
    const result = await restore();
    setBusy(false);
    if (result.ok) {
      onDone(`The ${thing} is shown again.`, null);
      router.refresh();
    } else onDone(null, problemOf(result));
  };
  return (
    <button type="button" className={buttonClass.secondary} onClick={run} disabled={busy}>
      {busy ? "Restoring…" : "Restore"}
      <span className="sr-only"> the {about}</span>
    </button>
  );
}

/** "Dismiss reports on the <about>", after a confirmation. */
export function DismissReportsButton({ about, thing, dismiss, onDone }: { about: string; thing: Thing; dismiss: () => Promise<ActionResult<unknown>>; onDone: (status: string) => void }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className={buttonClass.secondary}>
          Dismiss reports<span className="sr-only"> on the {about}</span>
        </button>
      }
      title="Dismiss these reports?"
      confirmLabel="Dismiss reports"
      tone="primary"
      onConfirm={async () => {
        const result = await dismiss();
        if (result.ok) {
          onDone(`The reports are dismissed; the ${thing} stays as it is.`);
          router.refresh();
        }
        return problemOf(result);
      }}
    >
      <p>The {thing} stays as it is, and its reports leave this list.</p>
    </ConfirmDialog>
  );
}
