import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { formatDateTime } from "@/components/content/format";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { listSmsOutbox } from "@/lib/security/queries";

export const metadata: Metadata = { title: "Text message outbox" };

/** Webmasters only: every text message Portico has sent (M4, M6 mobile codes), newest first. */
export default async function SmsOutboxPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const [{ before }, viewer] = await Promise.all([searchParams, requireViewer()]);
  const result = await listSmsOutbox(viewer, before);
  if (result.status === "forbidden") forbidden();
  const local = result.sender === "local outbox";
  return (
    <>
      <h1 className="text-3xl font-bold">Text message outbox</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        {local
          ? "No text message service is set up (PORTICO_SMS_WEBHOOK_URL), so nothing leaves this server: messages are kept here instead, newest first."
          : `Text messages are sent through ${result.sender}. Each is listed here, newest first, with its one-time code hidden.`}
      </p>
      {result.items.length === 0 ? (
        <p className="mt-6 rounded border border-gray-300 bg-gray-50 p-4">{before ? "There are no older messages." : "No text message has been sent yet."}</p>
      ) : (
        <div className="mt-6 relative overflow-x-auto" role="region" aria-labelledby="sms-caption" tabIndex={0}>
          <table className="w-full min-w-[40rem] border-collapse text-left text-sm">
            <caption id="sms-caption" className="sr-only">
              Text messages, newest first
            </caption>
            <thead>
              <tr className="border-b-2 border-gray-800">
                <th scope="col" className="py-2 pr-3">To</th>
                <th scope="col" className="py-2 pr-3">Message</th>
                <th scope="col" className="py-2 pr-3">Sent</th>
                <th scope="col" className="py-2">Delivered via</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((m) => (
                <tr key={m.id} className="border-b border-gray-300 align-top">
                  <td className="whitespace-nowrap py-2 pr-3">{m.to}</td>
                  <td className="py-2 pr-3">{m.body}</td>
                  <td className="whitespace-nowrap py-2 pr-3">{formatDateTime(m.createdAt)}</td>
                  <td className="py-2">{m.deliveredVia}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/admin/sms-outbox" next={result.next} isFirstPage={!before} label="Text message outbox pages" />
    </>
  );
}
