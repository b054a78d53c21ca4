import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { formatDateTime } from "@/components/content/format";
import { ApplyImportButton } from "@/components/admin/import/apply-button";
import { ImportUploadForm } from "@/components/admin/import/upload-form";
import { requireViewer } from "@/lib/access/viewer";
import { IMPORT_KINDS, KIND_SPECS } from "@/lib/import/formats";
import { getImportPreviewForViewer, PREVIEW_CHANGES_SHOWN } from "@/lib/import/queries";
import { KIND_LABELS } from "@/lib/import/schemas";
import { canAsWebmaster } from "@/lib/access/policies";

export const metadata: Metadata = { title: "Import people, teams and locations" };

const FIELD_NOTES: Record<string, string> = {
  key: "stable key (for people: the employee id; lets an import change the e-mail)",
  parent: "the parent team's key, or empty for a top-level team",
  audience: "organisational or external",
  roles: "webmaster, or empty (never for external people, P2)",
  teams: "team keys (CSV: separated by ;)",
  teamAdmin: "team keys the person administers, a subset of teams",
  location: "a location key",
  blocked: "true or false",
};

/** M6: webmasters upload a file, see its preview with every problem, and apply it. */
export default async function ImportPage({ searchParams }: { searchParams: Promise<{ upload?: string }> }) {
  const [{ upload }, viewer] = await Promise.all([searchParams, requireViewer()]);
  if (!canAsWebmaster(viewer, "import.run")) forbidden();
  const preview = upload ? await getImportPreviewForViewer(viewer, upload) : null;

  return (
    <>
      <h1 className="text-3xl font-bold">Import people, teams and locations</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        Upload a CSV, JSON or XML file. You see what it would create and update, and every problem by row, before anything
        changes; applying it imports every row or none. <Link href="/admin/export" className="text-brand-700 underline">Export</Link> gives
        files in the same format.
      </p>

      {upload && !preview ? (
        <p className="mt-6 rounded border-2 border-red-700 p-4" role="alert">
          This upload is not known. Upload the file again.
        </p>
      ) : null}

      {preview ? (
        <section aria-labelledby="preview-heading" className="mt-8">
          <h2 id="preview-heading" className="text-2xl font-bold">
            Preview of {preview.fileName}
          </h2>
          <p className="mt-1 text-gray-800">
            {KIND_LABELS[preview.kind]}, {preview.format.toUpperCase()}, {preview.rows} {preview.rows === 1 ? "row" : "rows"}.
            {preview.appliedAt ? ` Applied ${formatDateTime(preview.appliedAt)}; the counts below compare the file with Portico now.` : ""}
          </p>
          <dl className="mt-4 grid max-w-xl grid-cols-2 gap-3 sm:grid-cols-4">
            {[
              ["To create", preview.creates],
              ["To update", preview.updates],
              ["Unchanged", preview.unchanged],
              ["Problems", preview.problems.length],
            ].map(([label, n]) => (
              <div key={label} className="rounded border border-gray-400 p-3">
                <dt className="text-sm text-gray-700">{label}</dt>
                <dd className="text-2xl font-bold" data-testid={`count-${String(label).toLowerCase().replace(/ /g, "-")}`}>
                  {n}
                </dd>
              </div>
            ))}
          </dl>

          {preview.problems.length ? (
            <div className="mt-6">
              <h3 className="text-xl font-bold text-red-800" id="problems-heading">
                {preview.problems.length} {preview.problems.length === 1 ? "problem" : "problems"}: nothing can be imported until the file is fixed
              </h3>
              <div className="mt-3 relative overflow-x-auto" role="region" aria-labelledby="problems-heading" tabIndex={0}>
                <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
                  <thead>
                    <tr className="border-b-2 border-gray-800">
                      <th scope="col" className="py-2 pr-3">Row</th>
                      <th scope="col" className="py-2 pr-3">Field</th>
                      <th scope="col" className="py-2">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.problems.map((p, i) => (
                      <tr key={i} className="border-b border-gray-300 align-top">
                        <td className="py-2 pr-3">{p.row ?? "File"}</td>
                        <td className="py-2 pr-3">{p.field ?? "—"}</td>
                        <td className="py-2">{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ) : (
            <ApplyImportButton uploadId={preview.uploadId} fingerprint={preview.fingerprint} creates={preview.creates} updates={preview.updates} kind={preview.kind} />
          )}

          {preview.changes.length ? (
            <div className="mt-6">
              <h3 className="text-xl font-bold" id="changes-heading">
                Changes{preview.creates + preview.updates > preview.changes.length ? ` (the first ${PREVIEW_CHANGES_SHOWN})` : ""}
              </h3>
              <div className="mt-3 relative overflow-x-auto" role="region" aria-labelledby="changes-heading" tabIndex={0}>
                <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
                  <thead>
                    <tr className="border-b-2 border-gray-800">
                      <th scope="col" className="py-2 pr-3">Row</th>
                      <th scope="col" className="py-2 pr-3">Key or e-mail</th>
                      <th scope="col" className="py-2 pr-3">Change</th>
                      <th scope="col" className="py-2">Fields</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.changes.map((c) => (
                      <tr key={c.row} className="border-b border-gray-300 align-top">
                        <td className="py-2 pr-3">{c.row}</td>
                        <td className="break-all py-2 pr-3">{c.label}</td>
                        <td className="py-2 pr-3">{c.action === "create" ? "Create" : "Update"}</td>
                        <td className="py-2">{c.action === "create" ? "—" : c.fields.join(", ")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="upload-heading" className="mt-10 max-w-2xl">
        <h2 id="upload-heading" className="text-2xl font-bold">
          {preview ? "Upload a corrected or another file" : "Upload a file"}
        </h2>
        <ImportUploadForm initialKind={preview?.kind} />
      </section>

      <section aria-labelledby="fields-heading" className="mt-10 max-w-3xl">
        <h2 id="fields-heading" className="text-2xl font-bold">
          Fields
        </h2>
        <p className="mt-2 text-gray-800">
          CSV: a header line with these column names, then one row each. JSON: <code>{`{ "people": [ { … } ] }`}</code>. XML:{" "}
          <code>{"<people><person><email>…</email>…</person></people>"}</code>, lists as <code>{"<teams><team>ops</team></teams>"}</code>.
          A column or field left out keeps what Portico has; an empty one clears it.
        </p>
        {IMPORT_KINDS.map((kind) => (
          <div key={kind} className="mt-4">
            <h3 className="text-lg font-bold">{KIND_LABELS[kind]}</h3>
            <ul className="mt-1 list-disc pl-6">
              {[...KIND_SPECS[kind].required, ...KIND_SPECS[kind].optional].map((f) => (
                <li key={f}>
                  <code>{f}</code>
                  {KIND_SPECS[kind].required.includes(f) ? " (required)" : ""}
                  {FIELD_NOTES[f] && !(kind !== "people" && f === "key") ? `: ${FIELD_NOTES[f]}` : ""}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </>
  );
}
