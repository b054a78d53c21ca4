"use client";
import { useRef, useState, useSyncExternalStore } from "react";
import { ActionForm, FormSubmitRow, useActionForm, useActionFormState } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { makeCalendarFeedAction, resetCalendarFeedAction } from "@/lib/calendar-feed/actions";
import { calendarFeedInput } from "@/lib/calendar-feed/schemas";

const noSubscription = () => () => {};

/**
 * C7: the feed's whole address, to paste into a calendar app. The site's configured public
 * address comes from the server (lib/site-url.ts); without one, the address the browser
 * itself is using, read in the browser and only to show here (never the Host header, which
 * whoever sends a request chooses). Copy puts it on the clipboard, or selects it when there is none.
 */
export function FeedAddress({ origin, path }: { origin: string; path: string }) {
  const own = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  const address = `${origin || own}${path}`;
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(address);
      setCopied(true);
    } catch {
      // No clipboard (an insecure page, a refused permission): select it for the person to copy.
      field.current?.select();
    }
  };
  return (
    <>
      <label htmlFor="calendar-address" className="mt-4 block font-semibold">
        Your calendar address
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id="calendar-address"
          ref={field}
          readOnly
          value={address}
          spellCheck={false}
          className="min-h-11 w-full max-w-2xl rounded border-2 border-gray-800 px-2 font-mono text-sm"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={copy} className={buttonClass.secondary}>
          Copy address
        </button>
      </div>
      <p role="status" className="mt-2 min-h-6">
        {copied ? "Copied." : ""}
      </p>
    </>
  );
}

/** C7: makes the person's first calendar address (no confirmation: nothing stops working). */
export function MakeFeedButton() {
  const form = useActionForm(calendarFeedInput, makeCalendarFeedAction, { defaultValues: {}, refresh: true });
  return (
    <ActionForm form={form} className="mt-4">
      <FormSubmitRow label="Make my calendar address" busyLabel="Making…" withStatus={false} />
    </ActionForm>
  );
}

/** C7: a new address, after a confirmation that says the old one stops working at once. */
export function ResetFeedButton() {
  const form = useActionForm(calendarFeedInput, resetCalendarFeedAction, {
    defaultValues: {},
    refresh: true,
    onSuccess: () => "Your calendar address was reset. Give your calendar app the new address.",
    confirm: () => ({
      title: "Reset your calendar address?",
      body: <p>The address you have now stops working at once: every calendar that uses it stops showing your Portico events until you give it the new address.</p>,
      confirmLabel: "Reset the address",
      tone: "danger",
    }),
  });
  return (
    <ActionForm form={form} className="mt-4">
      <ResetRow />
    </ActionForm>
  );
}

function ResetRow() {
  const { busy, status } = useActionFormState();
  return (
    <div className="flex flex-wrap items-center gap-4">
      <button type="submit" disabled={busy} className={buttonClass.danger}>
        {busy ? "Resetting…" : "Reset the address"}
      </button>
      <p role="status" aria-live="polite" className="font-semibold text-green-800">
        {status}
      </p>
    </div>
  );
}
