"use client";
/** D7: a page of tags with their uses, and the row controls; one status line for what was done. */
import { useState } from "react";
import type { TagUse } from "@/lib/tags/queries";
import { tagHref } from "@/lib/tags/schemas";
import { TagControls } from "./tag-controls";

export function TagTable({ tags, empty }: { tags: TagUse[]; empty: string }) {
  const [status, setStatus] = useState("");
  const names = tags.map((t) => t.name);
  return (
    <>
      <p role="status" aria-live="polite" className="mt-4 font-semibold">
        {status}
      </p>
      {tags.length ? (
        <div className="mt-2 relative overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Tags and where they are used</caption>
            <thead>
              <tr className="border-b-2 border-gray-800">
                <th scope="col" className="py-2 pr-4">Tag</th>
                <th scope="col" className="py-2 pr-4">Content</th>
                <th scope="col" className="py-2 pr-4">Ideas</th>
                <th scope="col" className="py-2 pr-4">Group files</th>
                <th scope="col" className="py-2">Change</th>
              </tr>
            </thead>
            <tbody>
              {tags.map((t) => (
                <tr key={t.name} className="border-b border-gray-300 align-top">
                  <th scope="row" className="py-3 pr-4 font-normal">
                    <a href={tagHref(t.name)} className="text-brand-700 underline">
                      {t.name}
                    </a>
                  </th>
                  <td className="py-3 pr-4">{t.content}</td>
                  <td className="py-3 pr-4">{t.ideas}</td>
                  <td className="py-3 pr-4">{t.files}</td>
                  <td className="py-2">
                    <TagControls tag={t.name} existing={names} onDone={setStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-4 text-gray-700">{empty}</p>
      )}
    </>
  );
}
