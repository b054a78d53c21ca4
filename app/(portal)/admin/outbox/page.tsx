import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { formatDateTime } from "@/components/content/format";
import { OutboxStatusBadge } from "@/components/mail/outbox-status";
import { KEPT_HERE, deliveredViaLabel, keptHere } from "@/components/mail/outbox-words";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { listOutbox, mailTransport } from "@/lib/mail/queries";

export const metadata: Metadata = { title: "Outbox" };

/** Webmasters only: every e-mail Portico has queued, newest first (S7 notifications and more). */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const [{ before }, viewer] = await Promise.all([searchParams, requireViewer()]);
  const result = await listOutbox(viewer, before);
  if (result.status === "forbidden") forbidden();
  const transport = mailTransport();

  return (
    <>
      <h1 className="text-3xl font-bold">Outbox</h1>
      {transport === "resend" ? (
        <p className="mt-2 max-w-prose text-gray-800">E-mail is sent through Resend. Every message Portico has queued is listed here, newest first, with what became of it.</p>
      ) : (
        // Said first and in words: without a mail service nobody receives these e-mails.
        <div className="mt-4 max-w-prose border-l-4 border-brand-700 bg-brand-50 p-4">
          <p className="font-bold">{KEPT_HERE}: no mail service is set up, so e-mails wait here.</p>
          <p className="mt-1">
            Nobody receives them in their inbox. You can read each one here, newest first. To send e-mail, whoever runs Portico&apos;s server sets up a mail
            service (Resend, with RESEND_API_KEY).
          </p>
        </div>
      )}
      {result.items.length === 0 ? (
        <p className="mt-6 rounded border border-gray-300 bg-gray-50 p-4">{before ? "There are no older messages." : "No e-mail has been queued yet."}</p>
      ) : (
        <div className="mt-6 relative overflow-x-auto" role="region" aria-labelledby="outbox-caption" tabIndex={0}>
          <table className="w-full min-w-[48rem] border-collapse text-left text-sm">
            <caption id="outbox-caption" className="sr-only">
              Queued e-mail, newest first
            </caption>
            <thead>
              <tr className="border-b-2 border-gray-800">
                <th scope="col" className="py-2 pr-3">To</th>
                <th scope="col" className="py-2 pr-3">Subject</th>
                <th scope="col" className="py-2 pr-3">Status</th>
                <th scope="col" className="py-2 pr-3">Attempts</th>
                <th scope="col" className="py-2 pr-3">Created</th>
                <th scope="col" className="py-2 pr-3">Sent</th>
                <th scope="col" className="py-2">Delivered via</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((m) => (
                <tr key={m.id} className="border-b border-gray-300 align-top">
                  <td className="break-all py-2 pr-3">{m.to}</td>
                  <td className="py-2 pr-3">
                    <Link href={`/admin/outbox/${m.id}`} className="text-brand-700 underline">
                      {m.subject}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">
                    <OutboxStatusBadge status={m.status} attempts={m.attempts} deliveredVia={m.deliveredVia} />
                  </td>
                  <td className="py-2 pr-3">{m.attempts}</td>
                  <td className="py-2 pr-3">{formatDateTime(m.createdAt)}</td>
                  <td className="py-2 pr-3">{m.sentAt && !keptHere(m) ? formatDateTime(m.sentAt) : "—"}</td>
                  <td className="break-all py-2">{deliveredViaLabel(m)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/admin/outbox" next={result.next} isFirstPage={!before} label="Outbox pages" />
    </>
  );
}
