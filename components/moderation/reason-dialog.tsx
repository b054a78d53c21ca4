"use client";
/**
 * K2 K3: the dialog that asks why before something is reported or hidden — a comment, a
 * wall post — and sends the reason with the action. Its form is made on the first opening,
 * not with every entry of the page: a page of comments would otherwise build (and render on
 * the server) a form for each one, for the rare report.
 */
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import type { z } from "zod";
import { FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextArea } from "@/components/ui/fields";
import { DialogCancelButton, FormDialog } from "@/components/ui/form-dialog";
import type { ActionResult } from "@/lib/action-result";

export const smallControl = "min-h-11 rounded px-2 font-semibold text-brand-700 underline hover:bg-gray-100";

export interface ReasonDialogProps<I> {
  /** The trigger's word ("Report", "Hide"); screen readers hear "<word> the <about>". */
  label: string;
  about: string;
  title: string;
  description: ReactNode;
  fieldLabel: string;
  submitLabel: string;
  busyLabel: string;
  /** `{ reason }` with the action's own rule for it (length, required). */
  schema: z.ZodObject<{ reason: z.ZodType<string> }>;
  action: (input: I) => Promise<ActionResult<unknown>>;
  input: (reason: string) => I;
  /** Said once it is done (through onDone). */
  done: string;
  /** Read the page again afterwards (when the server shows the new state). */
  refresh?: boolean;
  onDone: (status: string) => void;
}

export function ReasonDialog<I>(props: ReasonDialogProps<I>) {
  const [armed, setArmed] = useState(false);
  if (armed) return <ReasonDialogForm {...props} />;
  return (
    <button type="button" className={smallControl} aria-haspopup="dialog" onClick={() => setArmed(true)}>
      {props.label}
      <span className="sr-only"> the {props.about}</span>
    </button>
  );
}

function ReasonDialogForm<I>({ label, about, title, description, fieldLabel, submitLabel, busyLabel, schema, action, input, done, refresh, onDone }: ReasonDialogProps<I>) {
  const router = useRouter();
  const [open, setOpen] = useState(true);
  const form = useActionForm(schema, action, {
    defaultValues: { reason: "" },
    transform: ({ reason }: { reason: string }) => input(reason),
    onSuccess: () => {
      setOpen(false);
      onDone(done);
      if (refresh) router.refresh();
    },
  });
  return (
    <FormDialog
      form={form}
      open={open}
      onOpenChange={setOpen}
      title={title}
      description={description}
      trigger={
        <button type="button" className={smallControl}>
          {label}
          <span className="sr-only"> the {about}</span>
        </button>
      }
    >
      <FormTextArea name="reason" label={fieldLabel} rows={3} />
      <div className="flex flex-wrap gap-3">
        <FormSubmitRow label={submitLabel} busyLabel={busyLabel} withStatus={false} />
        <DialogCancelButton />
      </div>
    </FormDialog>
  );
}
