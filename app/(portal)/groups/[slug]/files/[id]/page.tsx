import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { formatDateTime } from "@/components/content/format";
import { formatSize, typeLabel, versionUrl } from "@/components/group-docs/format";
import { DeleteGroupFile, EditGroupFileDetails } from "@/components/group-docs/manage-file";
import { UploadGroupFile } from "@/components/group-docs/upload-file";
import { TagList } from "@/components/tags/tag-list";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { requireViewer } from "@/lib/access/viewer";
import { extensionOf } from "@/lib/group-docs/file-types";
import { groupFileMaxBytes, groupFileMaxMegabytes } from "@/lib/group-docs/limits";
import { getGroupFile } from "@/lib/group-docs/queries";
import { NOT_FOUND, lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";

type Props = { params: Promise<{ slug: string; id: string }> };

/**
 * The file, as the viewer may see it (G6, G7), once per request. A file of another group
 * than the address names is not found there: one answer, whatever the slug says.
 */
const lookup = cache(async (slug: string, id: string) => {
  const file = await getGroupFile(await requireViewer(), id);
  return file.status === "ok" && file.value.group.slug !== decodeURIComponent(slug) ? NOT_FOUND : file;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  // A file the viewer may not see has the title of any missing or refused page (C5).
  return { title: lookupTitle(await lookup(slug, id), (file) => `${file.name} — ${file.group.name}`) };
}

const PREVIEWED = /^(image\/(png|jpeg|gif|webp)|application\/pdf)$/;

/**
 * G7: a group file's page: its description (D4, plain text, line breaks kept) and tags (D7,
 * each a link to its tag's page), its current version previewed when it is an image or a PDF
 * (the download route serves those inline, sandboxed), every version newest first with its
 * download, and for its managers (the uploader while a member, group admins, webmasters)
 * a new version, editing its name, description and tags, and deleting. A secret group's file
 * is a 404 to outsiders, exactly as a missing one; any other refusal the 403 page, naming
 * nothing (G1, G6).
 */
export default async function GroupFilePage({ params }: Props) {
  const { slug, id } = await params;
  const file = found(await lookup(slug, id));
  if (!file.versions.length) notFound();
  const current = file.versions[0]!;
  const currentUrl = versionUrl(file.id, current.number);
  const groupPath = `/groups/${encodeURIComponent(file.group.slug)}`;
  return (
    <>
      <Breadcrumbs
        trail={[
          { href: "/groups", label: "Groups" },
          { href: groupPath, label: file.group.name },
        ]}
        current={file.name}
      />
      <h1 className="text-3xl font-bold break-words">{file.name}</h1>
      <p className="mt-2 text-gray-800">
        {typeLabel(current.mimeType)}, {formatSize(current.byteSize)}, version {current.number}.{" "}
        <a href={currentUrl} className="text-brand-700 underline">
          Download the current version
        </a>
      </p>
      {file.description ? <p className="mt-4 max-w-prose whitespace-pre-line break-words">{file.description}</p> : null}
      <TagList tags={file.tags} className="mt-6" />

      {PREVIEWED.test(current.mimeType) ? (
        <section aria-labelledby="preview" className="mt-8">
          <h2 id="preview" className="text-xl font-bold">
            Preview
          </h2>
          {current.mimeType === "application/pdf" ? (
            <iframe src={currentUrl} title={`${file.name}, version ${current.number}`} className="mt-3 h-[32rem] w-full max-w-4xl rounded border-2 border-gray-800 bg-white" />
          ) : (
            // The download route serves it: no image optimisation, nothing but the bytes the viewer may read.
            // eslint-disable-next-line @next/next/no-img-element
            <img src={currentUrl} alt={`${file.name}, version ${current.number}`} className="mt-3 max-h-[32rem] max-w-full rounded border border-gray-300" />
          )}
        </section>
      ) : null}

      <section aria-labelledby="versions" className="mt-8">
        <h2 id="versions" className="text-xl font-bold">
          Versions
        </h2>
        <div className="mt-3 relative overflow-x-auto">
          <table className="w-full min-w-[32rem] border-collapse text-left">
            <caption className="sr-only">Every version of {file.name}, newest first</caption>
            <thead>
              <tr className="border-b-2 border-gray-800">
                {["Version", "Size", "Uploaded by", "Date", "Download"].map((heading) => (
                  <th key={heading} scope="col" className="py-2 pr-4">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {file.versions.map((version) => (
                <tr key={version.number} className="border-b border-gray-300">
                  <td className="py-2 pr-4">{version.number === file.currentVersion ? `${version.number} (current)` : version.number}</td>
                  <td className="py-2 pr-4">{formatSize(version.byteSize)}</td>
                  <td className="py-2 pr-4">{version.uploaderName ?? "A former user"}</td>
                  <td className="py-2 pr-4">
                    <time dateTime={version.createdAt.toISOString()}>{formatDateTime(version.createdAt)}</time>
                  </td>
                  <td className="py-2">
                    <a href={versionUrl(file.id, version.number)} className="inline-block min-h-11 py-3 text-brand-700 underline">
                      Download<span className="sr-only"> version {version.number}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {file.mayManage ? (
        <>
          <section aria-labelledby="new-version" className="mt-8">
            <h2 id="new-version" className="text-xl font-bold">
              Upload a new version
            </h2>
            <p className="mt-2 text-gray-800">Every earlier version is kept.</p>
            <UploadGroupFile
              url={`/api/group-files/${file.id}/versions`}
              maxBytes={groupFileMaxBytes()}
              label="New version"
              hint={`A .${extensionOf(file.name)} file, up to ${groupFileMaxMegabytes()} MB.`}
              submitLabel="Upload new version"
              announce="version"
              extensions={[extensionOf(file.name)]}
            />
          </section>
          <section aria-labelledby="details-heading" className="mt-8">
            <h2 id="details-heading" className="text-xl font-bold">
              Edit details
            </h2>
            <p className="mt-2 text-gray-800">The file&apos;s name, what it is about, and its tags.</p>
            <EditGroupFileDetails fileId={file.id} name={file.name} description={file.description} tags={file.tags} />
          </section>
          <section aria-labelledby="delete-heading" className="mt-8">
            <h2 id="delete-heading" className="text-xl font-bold">
              Delete
            </h2>
            <p className="mt-2 mb-4 text-gray-800">Deleting a file deletes every version of it.</p>
            <DeleteGroupFile fileId={file.id} name={file.name} versions={file.versions.length} groupSlug={file.group.slug} />
          </section>
        </>
      ) : null}
    </>
  );
}
