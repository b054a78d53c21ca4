"use client";
/**
 * What the viewer may do with an item, each control shown only to those allowed (the
 * page asks can() for each; every action checks again on the server). Destructive
 * actions (unpublish, delete, stop sharing) are confirmed.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { deleteContentAction, setPublishedAction, shareContentAction, unshareContentAction } from "@/lib/content/actions";
import { FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormSelect } from "@/components/ui/fields";
import { DialogCancelButton, FormDialog } from "@/components/ui/form-dialog";

const { primary: buttonPrimary, secondary: buttonSecondary, danger: buttonDanger } = buttonClass;

function problemOf(result: ActionResult<unknown>): string | null {
  if (result.ok) return null;
  return result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "That did not work. Nothing was changed.";
}

export interface ItemControlsProps {
  id: string;
  title: string;
  version: number;
  status: "draft" | "published";
  /** Where to go after deleting. */
  afterDelete: string;
  /** Where the item lives, which says who sees it as a draft (C2, G6). */
  homeKind: "section" | "group";
  permissions: { edit: boolean; publish: boolean; delete: boolean; history: boolean; share: boolean };
  shareTargets: { id: number; title: string }[];
}

/** Who sees a draft besides webmasters (C2; G6 for groups). */
const DRAFT_READERS: Record<ItemControlsProps["homeKind"], string> = {
  section: "its author and the section's editors and managers",
  group: "its author and the group's admins",
};

export function ItemControls({ id, title, version, status, afterDelete, homeKind, permissions, shareTargets }: ItemControlsProps) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const any = Object.values(permissions).some(Boolean);
  if (!any) return null;
  const others = permissions.edit || permissions.publish || permissions.share || permissions.history;

  const publish = async () => {
    setBusy(true);
    setMessage(null);
    const result = await setPublishedAction({ id, baseVersion: version, publish: true });
    setBusy(false);
    if (result.ok) router.refresh();
    else setMessage(problemOf(result));
  };

  return (
    <section aria-label="Item actions" className="mt-4 rounded border border-gray-300 bg-gray-50 p-3">
      {others ? (
        <div className="flex flex-wrap items-center gap-3">
          {permissions.edit ? (
            <Link href={`/content/${id}/edit`} className={`${buttonPrimary} no-underline`}>
              Edit
            </Link>
          ) : null}
          {permissions.publish && status === "draft" ? (
            <button type="button" onClick={publish} disabled={busy} className={buttonSecondary}>
              {busy ? "Publishing…" : "Publish"}
            </button>
          ) : null}
          {permissions.publish && status === "published" ? (
            <ConfirmDialog
              trigger={
                <button type="button" className={buttonSecondary}>
                  Unpublish
                </button>
              }
              title={`Unpublish “${title}”?`}
              tone="primary"
              confirmLabel="Unpublish"
              onConfirm={async () => {
                const result = await setPublishedAction({ id, baseVersion: version, publish: false });
                if (result.ok) router.refresh();
                return problemOf(result);
              }}
            >
              <p>It becomes a draft again: only {DRAFT_READERS[homeKind]} will see it until it is published again.</p>
            </ConfirmDialog>
          ) : null}
          {permissions.share ? <ShareDialog id={id} targets={shareTargets} /> : null}
          {permissions.history ? (
            <Link href={`/content/${id}/history`} className={`${buttonSecondary} no-underline`}>
              History
            </Link>
          ) : null}
        </div>
      ) : null}
      {permissions.delete ? (
        // Delete stands apart from Edit and the rest, on a line of its own after a rule, so it is
        // never pressed for its neighbour; its words say what it does (not its colour alone) and
        // it asks before deleting.
        <div className={others ? "mt-3 border-t border-gray-400 pt-3" : undefined}>
          <ConfirmDialog
            trigger={
              <button type="button" className={buttonDanger}>
                Delete item…
              </button>
            }
            title={`Delete “${title}”?`}
            confirmLabel="Delete permanently"
            onConfirm={async () => {
              const result = await deleteContentAction({ id, confirmed: true });
              if (result.ok) {
                router.push(afterDelete);
                router.refresh();
              }
              return problemOf(result);
            }}
          >
            <p>
              The item, its version history, its images{status === "published" ? ", its votes" : ""} and its shares into other sections are deleted for
              everyone. This cannot be undone.
            </p>
          </ConfirmDialog>
        </div>
      ) : null}
      <div role="alert" className={message ? "mt-3 border-l-4 border-red-700 pl-4 font-semibold text-red-700" : "sr-only"}>
        {message}
      </div>
    </section>
  );
}

/** The share form's one field: the select gives a string, the action takes the section's number (C1). */
const shareForm = z.object({ sectionId: z.string().min(1, "Choose a section to share this item into.") });
type ShareForm = z.input<typeof shareForm>;

/** C1: share the item into a further section the viewer edits or manages (one item, no copy). */
function ShareDialog({ id, targets }: { id: string; targets: { id: number; title: string }[] }) {
  const [open, setOpen] = useState(false);
  const form = useActionForm(shareForm, shareContentAction, {
    defaultValues: { sectionId: "" },
    transform: ({ sectionId }) => ({ id, sectionId: Number(sectionId) }),
    refresh: true,
    onSuccess: () => void setOpen(false),
  });

  return (
    <FormDialog
      form={form}
      open={open}
      onOpenChange={setOpen}
      title="Share into another section"
      description={<p>The item appears in that section too: one item, one history, no copy. Everyone who can see that section can see it.</p>}
      trigger={
        <button type="button" className={buttonSecondary}>
          Share…
        </button>
      }
    >
      <FormSelect<ShareForm> name="sectionId" label="Section" hint="Sections where you are an editor or manager.">
        <option value="">Choose a section</option>
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </FormSelect>
      <div className="flex flex-wrap gap-3">
        <FormSubmitRow label="Share" busyLabel="Sharing…" withStatus={false} />
        <DialogCancelButton />
      </div>
    </FormDialog>
  );
}

/** "Stop sharing" beside a section in the item's "Also in" list, for that section's editors and managers. */
export function StopSharingButton({ id, section }: { id: string; section: { id: number; title: string } }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="min-h-11 rounded border-2 border-gray-800 bg-white px-3 text-sm font-semibold hover:bg-gray-100">
          Stop sharing<span className="sr-only"> into {section.title}</span>
        </button>
      }
      title={`Stop sharing into ${section.title}?`}
      confirmLabel="Stop sharing"
      onConfirm={async () => {
        const result = await unshareContentAction({ id, sectionId: section.id });
        if (result.ok) router.refresh();
        return problemOf(result);
      }}
    >
      <p>The item will no longer appear in {section.title}. People who can see it only through that section will lose access to it.</p>
    </ConfirmDialog>
  );
}
