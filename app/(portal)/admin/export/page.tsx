import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { canAsWebmaster } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";
import { exportableKinds } from "@/lib/export/open";
import { IMPORT_FORMATS } from "@/lib/import/formats";
import { KIND_LABELS } from "@/lib/import/schemas";

export const metadata: Metadata = { title: "Export" };

/**
 * D3: the exports the viewer may take, each in CSV, JSON and XML (the import's formats);
 * for webmasters also the groups, as the organisation file's JSON (G1, G5, G7), and
 * everything, as a zip the organisation loader loads.
 */
export default async function ExportPage() {
  const viewer = await requireViewer();
  const kinds = await exportableKinds(viewer);
  const groups = canAsWebmaster(viewer, "export.groups");
  const everything = canAsWebmaster(viewer, "export.everything");
  if (!kinds.length) forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">{groups ? "Export people, teams, locations and groups" : "Export people, teams and locations"}</h1>
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
        {groups && (
          <li>
            <h2 className="text-xl font-bold">Groups</h2>
            <p className="max-w-prose text-gray-800">
              Every group, secret ones included: its visibility, members (admins marked), pending requests and invitations, and
              its files&rsquo; names, versions, uploaders and dates, but not the files themselves. It is the{" "}
              <code>groups</code> list of an organisation file, which loads back beside the people it names once each
              version&rsquo;s file is put at its <code>path</code>.
            </p>
            <ul className="mt-2 flex flex-wrap gap-4">
              <li>
                <a href="/api/export/groups?format=json" download className="inline-flex min-h-11 items-center text-brand-700 underline">
                  Groups as JSON
                </a>
              </li>
            </ul>
          </li>
        )}
        {everything && (
          <li>
            <h2 className="text-xl font-bold">Everything</h2>
            <p className="max-w-prose text-gray-800">
              The whole organisation as one zip: an organisation file of the teams, locations, people, sections, groups and all
              content with its history, drafts included, with every group file&rsquo;s versions and profile picture beside it. It
              loads into an empty Portico with <code>npm run db:seed -- --file</code> and the zip. Passwords are never in it:
              people sign in again after a welcome e-mail. Comments, reactions, notifications, the audit log and the apps&rsquo;
              posts are not in it. A large organisation takes a while: the download streams as it is read.
            </p>
            <ul className="mt-2 flex flex-wrap gap-4">
              <li>
                <a href="/api/export/everything" download className="inline-flex min-h-11 items-center text-brand-700 underline">
                  Everything as a zip
                </a>
              </li>
            </ul>
          </li>
        )}
      </ul>
    </>
  );
}
