import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { formatDateTime } from "@/components/content/format";
import { OutboxStatusBadge } from "@/components/mail/outbox-status";
import { deliveredViaLabel, keptHere } from "@/components/mail/outbox-words";
import { requireViewer } from "@/lib/access/viewer";
import { RevealOutboxLink } from "@/components/mail/reveal-link";
import { getOutboxMessage, mailTransport } from "@/lib/mail/queries";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";

type Props = { params: Promise<{ id: string }> };

const lookup = cache(async (id: string) => getOutboxMessage(await requireViewer(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const result = await lookup((await params).id);
  return { title: lookupTitle(result, (m) => `Outbox: ${m.subject}`) };
}

/** One queued e-mail, for webmasters: its plain-text part, and its HTML in a sandbox. */
export default async function OutboxMessagePage({ params }: Props) {
  const m = found(await lookup((await params).id));

  return (
    <>
      <p>
        <Link href="/admin/outbox" className="inline-block min-h-11 py-3 text-brand-700 underline">
          ← Outbox
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">{m.subject}</h1>
      <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">To</dt>
        <dd className="break-all">{m.to}</dd>
        <dt className="font-semibold">Status</dt>
        <dd>
          <OutboxStatusBadge status={m.status} attempts={m.attempts} deliveredVia={m.deliveredVia} />
          {keptHere(m) ? <span className="ml-2">No mail service is set up, so this e-mail stayed here and reached nobody.</span> : null}
          {m.status === "pending" && m.attempts > 0 ? <> next attempt {formatDateTime(m.nextAttemptAt)}</> : null}
        </dd>
        <dt className="font-semibold">Attempts</dt>
        <dd>{m.attempts}</dd>
        <dt className="font-semibold">Created</dt>
        <dd>{formatDateTime(m.createdAt)}</dd>
        <dt className="font-semibold">Sent</dt>
        <dd>{m.sentAt && !keptHere(m) ? formatDateTime(m.sentAt) : "—"}</dd>
        <dt className="font-semibold">Delivered via</dt>
        <dd className="break-all">{deliveredViaLabel(m)}</dd>
        {m.lastError ? (
          <>
            <dt className="font-semibold">Last error</dt>
            <dd className="break-words">{m.lastError}</dd>
          </>
        ) : null}
      </dl>

      {m.oneTimeLinks > 0 ? (
        <section aria-labelledby="one-time-link" className="mt-6 border-l-4 border-gray-700 bg-gray-50 p-4">
          <h2 id="one-time-link" className="text-lg font-bold">
            One-time link hidden
          </h2>
          <p className="mt-1 max-w-prose">
            This message holds a one-time link, shown below as <code>[hidden]</code>: whoever has it can set the person’s password.
            {mailTransport() === "resend" ? " The person uses the link in their e-mail." : " No mail service is set up, so the message stays here; you may reveal the link to pass it on."}
          </p>
          {mailTransport() === "local" ? <RevealOutboxLink messageId={m.id} to={m.to} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="plain-text" className="mt-8">
        <h2 id="plain-text" className="text-xl font-bold">
          Plain text
        </h2>
        <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-words rounded border border-gray-300 bg-gray-50 p-4 font-sans text-sm">{m.text}</pre>
      </section>

      <section aria-labelledby="html-part" className="mt-8">
        <h2 id="html-part" className="text-xl font-bold">
          HTML
        </h2>
        <p className="mt-1 text-sm text-gray-700">Shown in a sandbox: no scripts, no forms, nothing it links to opens here.</p>
        {/* sandbox="" : the mail's HTML gets a unique origin, no scripts, no navigation of this page. */}
        <iframe sandbox="" srcDoc={m.html} title={`HTML part of “${m.subject}”`} className="mt-2 h-[36rem] w-full rounded border border-gray-300 bg-white" />
      </section>
    </>
  );
}
