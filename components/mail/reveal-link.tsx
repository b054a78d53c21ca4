"use client";
import { useState } from "react";
import { problemOf } from "@/lib/action-result";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revealOutboxLinkAction } from "@/lib/mail/reveal-action";

const KIND_LABEL = { welcome: "Welcome link", "password-reset": "Password reset link", "email-change": "E-mail change link" } as const;

/**
 * P3, P7: reveals the one-time link(s) of one message, where no mail service is configured,
 * after a confirmation that names the consequence. The server re-checks and audits it.
 */
export function RevealOutboxLink({ messageId, to }: { messageId: number; to: string }) {
  const [links, setLinks] = useState<{ kind: keyof typeof KIND_LABEL; url: string }[] | null>(null);
  if (links) {
    return (
      <div role="status" className="mt-3 border-l-4 border-amber-600 bg-amber-50 p-4">
        <p className="font-semibold">Revealed and recorded in the audit log. Pass it only to {to}, by a safe route.</p>
        <ul className="mt-2 space-y-1">
          {links.map((l) => (
            <li key={l.url}>
              {KIND_LABEL[l.kind]}: <code className="break-all" data-testid="revealed-link">{l.url}</code>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <ConfirmDialog
      trigger={<button className={`${buttonClass.secondary} mt-3`}>Reveal the link</button>}
      title="Reveal this one-time link?"
      confirmLabel="Reveal the link"
      onConfirm={async () => {
        const result = await revealOutboxLinkAction({ messageId });
        if (!result.ok) return problemOf(result);
        setLinks(result.data.links);
        return null;
      }}
    >
      <p>
        Whoever opens this link can set {to}’s password and use their account. Revealing it is recorded in the audit log and shown on the
        person’s page.
      </p>
    </ConfirmDialog>
  );
}
