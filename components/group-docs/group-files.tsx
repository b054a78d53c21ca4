import Link from "next/link";
import { formatDateTime } from "@/components/content/format";
import { Pager } from "@/components/ui/pager";
import { groupFileMaxBytes, groupFileMaxMegabytes } from "@/lib/group-docs/limits";
import type { GroupFilesPage } from "@/lib/group-docs/queries";
import { filePageUrl, formatSize, typeLabel } from "./format";
import { UploadGroupFile } from "./upload-file";

/** The query parameter of the files' own pages (the group page reads it), beside the content's `before`. */
const FILES_CURSOR_PARAM = "files";

/**
 * G6, G7: a group's files on its page, for whoever may read its content (the read decides
 * again: nothing is shown to anyone else), most recently updated first, a page at a time;
 * each links to its own page, with its description's first line (D4) on one line under its
 * name, cut short where the line has no more room. Members and webmasters (G2, G5) get the
 * upload form.
 */
export function GroupFiles({ page, group, cursor, keep = {} }: { page: GroupFilesPage; group: { id: number; slug: string }; cursor: string | null; keep?: Record<string, string> }) {
  const { files, next, mayUpload } = page;
  return (
    <section aria-labelledby="files" className="mt-8">
      <h2 id="files" className="text-xl font-bold">
        Files
      </h2>
      {files.length ? (
        <ul className="mt-3 divide-y divide-gray-300 border-y border-gray-300">
          {files.map((file) => (
            <li key={file.id} className="py-3">
              <Link href={filePageUrl(group.slug, file.id)} className="font-semibold break-words text-brand-700 underline">
                {file.name}
              </Link>
              {file.summary ? <p className="mt-1 truncate text-gray-800">{file.summary}</p> : null}
              <p className="mt-1 text-gray-800">
                {typeLabel(file.mimeType)}, {formatSize(file.byteSize)}, version {file.currentVersion}. Updated {file.updatedBy ? `by ${file.updatedBy} ` : ""}on{" "}
                <time dateTime={file.updatedAt.toISOString()}>{formatDateTime(file.updatedAt)}</time>.
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-gray-700">{cursor ? "There are no more files." : "No files have been shared in this group yet."}</p>
      )}
      <Pager
        basePath={`/groups/${encodeURIComponent(group.slug)}`}
        next={next}
        isFirstPage={!cursor}
        label="Group file pages"
        params={keep}
        cursorParam={FILES_CURSOR_PARAM}
        words={{ first: "← Most recent files", next: "More files →" }}
      />
      {mayUpload ? (
        <UploadGroupFile
          url="/api/group-files"
          fields={{ groupId: String(group.id) }}
          maxBytes={groupFileMaxBytes()}
          label="Add a file"
          hint={`A PDF, image, Office or OpenDocument file, zip, text, CSV or Markdown file, up to ${groupFileMaxMegabytes()} MB.`}
          submitLabel="Upload file"
          announce="file"
        />
      ) : null}
    </section>
  );
}
