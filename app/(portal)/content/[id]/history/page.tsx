import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { formatDateTime } from "@/components/content/format";
import { placeCrumbs, placeOf } from "@/components/content/place";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { requireViewer } from "@/lib/access/viewer";
import { type DiffPart, fieldChanges, readableText, wordDiff } from "@/lib/content/diff";
import { getContentHistory } from "@/lib/content/authoring-queries";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ compare?: string }> };

const lookup = cache(async (id: string, compare: number | undefined) => getContentHistory(await requireViewer(), id, compare));

function compareOf(raw: string | undefined): number | undefined {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const result = await lookup((await params).id, compareOf((await searchParams).compare));
  return { title: lookupTitle(result, (history) => `History: ${history.title}`) };
}

/** Word-level changes: insertions underlined in <ins>, deletions struck through in <del>, each also said in words. */
function Diff({ parts }: { parts: DiffPart[] }) {
  return (
    <div className="diff whitespace-pre-wrap rounded border border-gray-300 p-4 leading-relaxed">
      {parts.map((p, i) =>
        p.kind === "added" ? (
          <ins key={i}>
            <span className="sr-only">[added: </span>
            {p.text}
            <span className="sr-only">]</span>
          </ins>
        ) : p.kind === "removed" ? (
          <del key={i}>
            <span className="sr-only">[removed: </span>
            {p.text}
            <span className="sr-only">]</span>
          </del>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </div>
  );
}

function TextChange({ label, before, after }: { label: string; before: string; after: string }) {
  const parts = wordDiff(before, after);
  return (
    <section className="mt-6" aria-label={label}>
      <h3 className="text-lg font-bold">{label}</h3>
      {before === after ? (
        <p className="mt-1 text-gray-700">No change.</p>
      ) : parts ? (
        <Diff parts={parts} />
      ) : (
        <p className="mt-1">Too many changes to show word by word: compare the whole text of the two versions.</p>
      )}
    </section>
  );
}

/** `/content/<id>/history`: every saved version, who saved it and when; any version against the one before. */
export default async function HistoryPage({ params, searchParams }: Props) {
  const [{ id }, { compare }] = await Promise.all([params, searchParams]);
  const history = found(await lookup(id, compareOf(compare)));
  const compared = history.compared;
  const changes = compared?.previous ? fieldChanges(compared.previous, compared.current, (iso) => formatDateTime(new Date(iso))) : [];

  return (
    <>
      <Breadcrumbs trail={[...placeCrumbs(placeOf(history)), { label: history.title, href: `/content/${history.id}` }]} current="History" />
      <h1 className="text-3xl font-bold">History of “{history.title}”</h1>

      {history.versions.length === 0 ? (
        <p className="mt-6">No versions recorded yet: this item has not been changed since it was imported.</p>
      ) : (
        <>
          <section aria-labelledby="versions" className="mt-6">
            <h2 id="versions" className="text-xl font-bold">
              Versions
            </h2>
            <div className="mt-3 relative overflow-x-auto">
              <table className="w-full border-collapse text-left">
                <caption className="sr-only">Saved versions, newest first</caption>
                <thead>
                  <tr className="border-b-2 border-gray-800">
                    <th scope="col" className="py-2 pr-4">
                      Version
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      Saved by
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      When
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      Status
                    </th>
                    <th scope="col" className="py-2">
                      <span className="sr-only">Compare</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {history.versions.map((v) => {
                    const isCompared = compared?.current.version === v.version;
                    return (
                      <tr key={v.version} className={`border-b border-gray-300 ${isCompared ? "bg-brand-50" : ""}`} aria-current={isCompared ? "true" : undefined}>
                        <td className="py-2 pr-4">{v.version}</td>
                        <td className="py-2 pr-4">{v.editorName}</td>
                        <td className="py-2 pr-4">{formatDateTime(v.savedAt)}</td>
                        <td className="py-2 pr-4">{v.status === "published" ? "Published" : "Draft"}</td>
                        <td className="py-2">
                          {isCompared ? (
                            <span className="font-semibold">Shown below</span>
                          ) : (
                            <Link href={`/content/${history.id}/history?compare=${v.version}`} className="text-brand-700 underline">
                              Compare version {v.version} with the one before
                            </Link>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>

          {compared ? (
            <section aria-labelledby="changes" className="mt-10">
              <h2 id="changes" className="text-xl font-bold">
                {compared.previous
                  ? `Changes in version ${compared.current.version} (from version ${compared.previous.version})`
                  : `Version ${compared.current.version}: the first version`}
              </h2>
              <p className="mt-1 text-gray-700">
                Saved by {compared.current.editorName}, {formatDateTime(compared.current.savedAt)}.
                {compared.previous ? " Added words are underlined, removed words are struck through." : ""}
              </p>
              {compared.previous ? (
                <>
                  {changes.length ? (
                    <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
                      {changes.map((c) => (
                        <div key={c.label} className="contents">
                          <dt className="font-semibold">{c.label}</dt>
                          <dd>
                            <del className="diff-inline">
                              <span className="sr-only">was </span>
                              {c.before}
                            </del>{" "}
                            →{" "}
                            <ins className="diff-inline">
                              <span className="sr-only">now </span>
                              {c.after}
                            </ins>
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                  <TextChange label="Title" before={compared.previous.title} after={compared.current.title} />
                  <TextChange label="Text" before={readableText(compared.previous.body)} after={readableText(compared.current.body)} />
                </>
              ) : (
                <>
                  <h3 className="mt-6 text-lg font-bold">Title</h3>
                  <p className="mt-1">{compared.current.title}</p>
                  <h3 className="mt-6 text-lg font-bold">Text</h3>
                  <div className="mt-1 whitespace-pre-wrap rounded border border-gray-300 p-4">{readableText(compared.current.body) || "(no text)"}</div>
                </>
              )}
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
