"use client";
import { useEffect, useRef, useState } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormFieldset, FormSelect, FormTextField } from "@/components/ui/fields";
import { createApiTokenAction } from "@/lib/api-tokens/actions";
import type { MadeToken } from "@/lib/api-tokens/mutations";
import { type CreateTokenForm, TOKEN_LIFETIMES, createTokenInput } from "@/lib/api-tokens/schemas";

const LIFETIME_LABELS: Record<(typeof TOKEN_LIFETIMES)[number], string> = { 7: "7 days", 30: "30 days", 90: "90 days", 180: "6 months", 365: "1 year" };

/**
 * D5: a new token. After it is made the token is shown once, in a panel that takes the focus,
 * with a button that copies it; the list below refreshes.
 */
export function CreateTokenForm() {
  const [made, setMade] = useState<MadeToken | null>(null);
  const form = useActionForm(createTokenInput, createApiTokenAction, {
    defaultValues: { name: "", days: 30, scope: "read" },
    refresh: true,
    resetOnSuccess: true,
    onSuccess: (token) => {
      setMade(token);
      return `Token “${token.name}” made.`;
    },
  });
  return (
    <>
      {made ? (
        <NewTokenPanel
          token={made}
          onDone={() => {
            setMade(null);
            // The panel goes: the focus goes back to the form, where the next token is made.
            requestAnimationFrame(() => form.form.setFocus("name"));
          }}
        />
      ) : null}
      <ActionForm form={form} className="mt-4 space-y-6" aria-labelledby="new-token-heading">
        <FormTextField<CreateTokenForm> name="name" label="Name" hint="What will use it, so that you can tell your tokens apart." autoComplete="off" />
        <FormSelect<CreateTokenForm> name="days" label="Expires after">
          {TOKEN_LIFETIMES.map((days) => (
            <option key={days} value={days}>
              {LIFETIME_LABELS[days]}
            </option>
          ))}
        </FormSelect>
        <FormFieldset<CreateTokenForm>
          name="scope"
          legend="What it may do"
          options={[
            { value: "read", label: "Read", hint: "Read what you can read in Portico, nothing more." },
            { value: "read-write", label: "Read and write", hint: "Also make the changes you can make in Portico, recorded in the audit log with the token's name." },
          ]}
        />
        <FormSubmitRow label="Make token" busyLabel="Making…" />
      </ActionForm>
    </>
  );
}

function NewTokenPanel({ token, onDone }: { token: MadeToken; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLElement>(null);
  // The panel takes the focus once, when the token is made (a screen reader reads it first).
  useEffect(() => {
    panel.current?.focus();
  }, [token.id]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(true);
    } catch {
      // No clipboard (an insecure page, a refused permission): select it for the person to copy.
      field.current?.select();
    }
  };
  return (
    <section
      aria-labelledby="made-token-heading"
      tabIndex={-1}
      ref={panel}
      className="mt-4 rounded border-2 border-green-700 bg-green-50 p-4"
    >
      <h2 id="made-token-heading" className="text-xl font-bold">
        Copy your new token now
      </h2>
      <p className="mt-2">
        This is the only time “{token.name}” is shown. Keep it as you would a password: anyone who has it can act as you{token.scope === "read" ? " (reading only)" : ""} until{" "}
        {token.expiresAt.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}.
      </p>
      <label htmlFor="made-token" className="mt-3 block font-semibold">
        Token
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input id="made-token" ref={field} readOnly value={token.token} className="min-h-11 w-full max-w-xl rounded border border-gray-600 px-2 font-mono" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy} className="min-h-11 rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          Copy token
        </button>
        <button type="button" onClick={onDone} className="min-h-11 rounded border border-gray-600 px-4 font-semibold">
          I have copied it
        </button>
      </div>
      <p role="status" className="mt-2 min-h-6">
        {copied ? "Copied." : ""}
      </p>
    </section>
  );
}
