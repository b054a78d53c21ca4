import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requireViewer } from "@/lib/access/viewer";
import { exportableKinds } from "@/lib/export/open";
import { IMPORT_FORMATS } from "@/lib/import/formats";
import { KIND_LABELS } from "@/lib/import/schemas";

export const metadata: Metadata = { title: "Export people, teams and locations" };

/** D3: the exports the viewer may take, each in CSV, JSON and XML (the import's formats). */
export default async function ExportPage() {
  const viewer = await requireViewer();
  const kinds = await exportableKinds(viewer);
  if (!kinds.length) forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">Export people, teams and locations</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        Each file holds what you may view, in the same format the import reads. Spreadsheet formulas are neutralised: a cell
        that starts with = + - or @ begins with an apostrophe.
      </p>
      <ul className="mt-6 space-y-6">
        {kinds.map(({ kind, fields }) => (
          <li key={kind}>
            <h2 className="text-xl font-bold">{KIND_LABELS[kind]}</h2>
            <p className="text-gray-800">Fields: {fields.join(", ")}</p>
            <ul className="mt-2 flex flex-wrap gap-4">
              {IMPORT_FORMATS.map((format) => (
                <li key={format}>
                  <a href={`/api/export/${kind}?format=${format}`} download className="inline-flex min-h-11 items-center text-brand-700 underline">
                    {KIND_LABELS[kind]} as {format.toUpperCase()}
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
