"use client";
import { useState } from "react";
import { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextField } from "@/components/ui/fields";
import { confirmEmailChangeAction, requestEmailChangeAction } from "@/lib/people/email-change-actions";
import { type OwnEmailChangeInput, ownEmailChangeInput } from "@/lib/people/schemas";

const noFields = z.object({});

/** The new address and the current password; a link goes to the new address. */
export function ChangeEmailForm() {
  const form = useActionForm(ownEmailChangeInput, requestEmailChangeAction, {
    defaultValues: { newEmail: "", currentPassword: "" },
    resetOnSuccess: true,
    refresh: true,
    onSuccess: ({ sentTo }) => `We sent a link to ${sentTo}. Open it within 24 hours to confirm; until then your address stays as it is.`,
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-6" aria-label="Change your e-mail address">
      <FormTextField<OwnEmailChangeInput> name="newEmail" label="New e-mail address" type="email" autoComplete="email" spellCheck={false} />
      <FormTextField<OwnEmailChangeInput> name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
      <FormSubmitRow label="Send confirmation link" busyLabel="Sending…" />
    </ActionForm>
  );
}

/** Following the link only shows this; the address changes when it is pressed. */
export function ConfirmEmailChangeForm({ token, newEmail }: { token: string; newEmail: string }) {
  const [done, setDone] = useState<{ endedSessions: number } | null>(null);
  // No fields: the link's token goes with the press, and the action parses it (and everything else) again.
  const form = useActionForm(noFields, confirmEmailChangeAction, {
    defaultValues: {},
    transform: () => ({ token }),
    onSuccess: ({ endedSessions }) => void setDone({ endedSessions }),
  });

  if (done) {
    const n = done.endedSessions;
    return (
      <div role="status" className="mt-6 border-l-4 border-green-700 p-4">
        <h2 className="text-xl font-bold">Your e-mail address has been changed</h2>
        <p className="mt-2">
          From now on, sign in with <strong className="break-all">{newEmail}</strong>.{n ? ` You were signed out everywhere else (${n} other session${n === 1 ? "" : "s"}).` : ""} A notice has gone to your old address.
        </p>
        <p className="mt-4">
          <a href="/me/security" className="text-brand-700 underline">
            Back to Security
          </a>
        </p>
      </div>
    );
  }
  return (
    <ActionForm form={form} className="mt-6 space-y-6">
      <p>
        Your account will use <strong className="break-all">{newEmail}</strong> to sign in and for e-mail. You will be signed out on every other device and browser.
      </p>
      <FormSubmitRow label="Use this e-mail address" busyLabel="Changing…" withStatus={false} />
    </ActionForm>
  );
}
