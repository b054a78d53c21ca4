import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { AuditRetentionForm } from "@/components/admin/audit-retention-form";
import { formatDateTime } from "@/components/content/format";
import { buttonClass } from "@/components/ui/button";
import { FieldNotes } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { listAuditEvents } from "@/lib/audit/queries";
import { type AuditFilters, parseAuditFilters } from "@/lib/audit/schemas";
import { getAuditRetention } from "@/lib/settings/queries";
import { canAsWebmaster } from "@/lib/access/policies";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;

const FIELDS: { name: keyof AuditFilters; label: string; hint: string; type?: string }[] = [
  { name: "action", label: "Action", hint: "An action or its start, e.g. section or section.members.add." },
  { name: "actor", label: "Who (e-mail)", hint: "The e-mail address of the person who did it, or its start." },
  { name: "target", label: "Target", hint: "A kind, or kind:id, e.g. section or section:12." },
  { name: "from", label: "From date", hint: "YYYY-MM-DD, in UTC.", type: "date" },
  { name: "to", label: "To date", hint: "YYYY-MM-DD, in UTC, included.", type: "date" },
  { name: "address", label: "Address", hint: "A network address or its start, e.g. 10.1." },
];

function details(value: unknown): string {
  const text = JSON.stringify(value ?? {});
  return text === "{}" ? "—" : text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** M8: the audit log for webmasters: who did what, to what, when and from where. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [params, viewer] = await Promise.all([searchParams, requireViewer()]);
  if (!canAsWebmaster(viewer, "audit.view")) forbidden();
  const parsed = parseAuditFilters(params);
  const before = typeof params.before === "string" ? params.before : undefined;
  const [result, retention] = await Promise.all([listAuditEvents(viewer, parsed.filters, before), getAuditRetention()]);
  if (result.status === "forbidden") forbidden();
  const errors: Partial<Record<keyof AuditFilters, string>> = parsed.ok ? {} : parsed.errors;
  const typed = Object.fromEntries(FIELDS.map((f) => [f.name, typeof params[f.name] === "string" ? (params[f.name] as string) : ""]));
  const kept = parsed.ok ? Object.fromEntries(Object.entries(parsed.filters).filter(([, v]) => v !== "")) : {};
  const exportQuery = new URLSearchParams(kept).toString();
  const filtered = Object.keys(kept).length > 0;

  return (
    <>
      <h1 className="text-3xl font-bold">Audit log</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        Every administrative, access and security event: who did what, to what, when and from which address. Events cannot be changed or deleted, only
        removed when they are older than the retention period.
      </p>

      <section aria-labelledby="filter-heading" className="mt-8">
        <h2 id="filter-heading" className="text-2xl font-bold">
          Find events
        </h2>
        {!parsed.ok ? (
          <p role="alert" className="mt-4 border-l-4 border-red-700 pl-3 font-semibold text-red-700">
            Some filters could not be used, so no filter is applied. Correct them below.
          </p>
        ) : null}
        <form method="get" action="/admin/audit" className="mt-4 grid gap-4 sm:grid-cols-2">
          {FIELDS.map((f) => {
            const id = `filter-${f.name}`;
            const error = errors[f.name];
            return (
              <div key={f.name} className={error ? "border-l-4 border-red-700 pl-3" : undefined}>
                <label htmlFor={id} className="block font-semibold">
                  {f.label}
                </label>
                <FieldNotes hintId={`${id}-hint`} hint={f.hint} errorId={error ? `${id}-error` : undefined} error={error} />
                <input
                  id={id}
                  name={f.name}
                  type={f.type ?? "text"}
                  defaultValue={typed[f.name]}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
                  autoCapitalize="none"
                  spellCheck={false}
                  className="mt-1 block min-h-11 w-full rounded border-2 border-gray-800 px-3 py-2"
                />
              </div>
            );
          })}
          <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
            <button type="submit" className={buttonClass.primary}>
              Find events
            </button>
            {filtered || !parsed.ok ? (
              <a href="/admin/audit" className={buttonClass.link}>
                Clear filters
              </a>
            ) : null}
            <a href={`/admin/audit/export${exportQuery ? `?${exportQuery}` : ""}`} className={buttonClass.secondary} download>
              Download {filtered ? "these events" : "all events"} (CSV)
            </a>
          </div>
        </form>
      </section>

      <section aria-labelledby="events-heading" className="mt-10">
        <h2 id="events-heading" className="text-2xl font-bold">
          {filtered ? "Matching events" : "Events"}, newest first
        </h2>
        {result.items.length === 0 ? (
          <p className="mt-4 rounded border border-gray-300 bg-gray-50 p-4">{before ? "There are no older events." : "No events match."}</p>
        ) : (
          <div className="mt-4 relative overflow-x-auto" role="region" aria-labelledby="events-heading" tabIndex={0}>
            <table className="w-full min-w-[56rem] border-collapse text-left text-sm">
              <thead>
                <tr className="border-b-2 border-gray-800">
                  <th scope="col" className="py-2 pr-3">When</th>
                  <th scope="col" className="py-2 pr-3">Who</th>
                  <th scope="col" className="py-2 pr-3">Action</th>
                  <th scope="col" className="py-2 pr-3">Target</th>
                  <th scope="col" className="py-2 pr-3">Address</th>
                  <th scope="col" className="py-2">Details</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((e) => (
                  <tr key={e.id} className="border-b border-gray-300 align-top">
                    <td className="whitespace-nowrap py-2 pr-3">{formatDateTime(e.at)}</td>
                    <td className="break-all py-2 pr-3">{e.actorEmail ?? (e.actorId ? "a deleted person" : "Portico")}</td>
                    <td className="break-all py-2 pr-3 font-mono">{e.action}</td>
                    <td className="break-all py-2 pr-3">{e.targetType ? `${e.targetType}${e.targetId ? `:${e.targetId}` : ""}` : "—"}</td>
                    <td className="break-all py-2 pr-3">{e.address ?? "—"}</td>
                    <td className="break-all py-2 font-mono text-xs">{details(e.details)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager basePath="/admin/audit" next={result.next} isFirstPage={!before} label="Audit log pages" params={kept} />
      </section>

      <section aria-labelledby="retention-heading" className="mt-12">
        <h2 id="retention-heading" className="text-2xl font-bold">
          Retention
        </h2>
        <p className="mt-2 max-w-prose text-gray-800">
          {retention.days === null ? "Every event is kept." : `Events older than ${retention.days} days are deleted once an hour.`}
        </p>
        <AuditRetentionForm days={retention.days} />
      </section>
    </>
  );
}
