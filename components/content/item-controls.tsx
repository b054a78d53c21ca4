"use client";
/**
 * What the viewer may do with an item, each control shown only to those allowed (the
 * page asks can() for each; every action checks again on the server). Destructive
 * actions (unpublish, delete, stop sharing) are confirmed.
 */
import * as Dialog from "@radix-ui/react-dialog";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { deleteContentAction, setPublishedAction, shareContentAction, unshareContentAction } from "@/lib/content/actions";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

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
  permissions: { edit: boolean; publish: boolean; delete: boolean; history: boolean; share: boolean };
  shareTargets: { id: number; title: string }[];
}

export function ItemControls({ id, title, version, status, afterDelete, permissions, shareTargets }: ItemControlsProps) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const any = Object.values(permissions).some(Boolean);
  if (!any) return null;

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
            <p>It becomes a draft again: only its author and the section&apos;s editors and managers will see it until it is published again.</p>
          </ConfirmDialog>
        ) : null}
        {permissions.share ? <ShareDialog id={id} targets={shareTargets} /> : null}
        {permissions.history ? (
          <Link href={`/content/${id}/history`} className={`${buttonSecondary} no-underline`}>
            History
          </Link>
        ) : null}
        {permissions.delete ? (
          <ConfirmDialog
            trigger={
              <button type="button" className={buttonDanger}>
                Delete
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
        ) : null}
      </div>
      <div role="alert" className={message ? "mt-3 border-l-4 border-red-700 pl-4 font-semibold text-red-700" : "sr-only"}>
        {message}
      </div>
    </section>
  );
}

function ShareDialog({ id, targets }: { id: string; targets: { id: number; title: string }[] }) {
  const router = useRouter();
  const selectId = useId();
  const selectRef = useRef<HTMLSelectElement>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const sectionId = Number(new FormData(event.currentTarget).get("sectionId"));
    if (!sectionId) {
      setError("Choose a section to share this item into.");
      selectRef.current?.focus();
      return;
    }
    setBusy(true);
    const result = await shareContentAction({ id, sectionId });
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      router.refresh();
    } else {
      setError(problemOf(result));
      selectRef.current?.focus();
    }
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className={buttonSecondary}>
          Share…
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded border-2 border-gray-900 bg-white p-6 shadow-lg">
          <Dialog.Title className="text-xl font-bold">Share into another section</Dialog.Title>
          <Dialog.Description className="mt-2">
            The item appears in that section too: one item, one history, no copy. Everyone who can see that section can see it.
          </Dialog.Description>
          <form onSubmit={submit} noValidate className="mt-4">
            <div className={error ? "border-l-4 border-red-700 pl-4" : undefined}>
              <label htmlFor={selectId} className="block font-semibold">
                Section
              </label>
              <p id={`${selectId}-hint`} className="text-gray-700">
                Sections where you are an editor or manager.
              </p>
              {error ? (
                <p id={`${selectId}-error`} className="font-semibold text-red-700">
                  <span className="sr-only">Error: </span>
                  {error}
                </p>
              ) : null}
              <select
                ref={selectRef}
                id={selectId}
                name="sectionId"
                defaultValue=""
                aria-describedby={`${selectId}-hint${error ? ` ${selectId}-error` : ""}`}
                aria-invalid={error ? true : undefined}
                className="mt-1 block w-full min-h-11 rounded border-2 border-gray-800 bg-white px-3 py-2"
              >
                <option value="">Choose a section</option>
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="mt-6 flex flex-wrap gap-3">
              <button type="submit" disabled={busy} className={buttonPrimary}>
                {busy ? "Sharing…" : "Share"}
              </button>
              <Dialog.Close asChild>
                <button type="button" className={buttonSecondary}>
                  Cancel
                </button>
              </Dialog.Close>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
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
