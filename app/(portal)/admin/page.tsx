import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ADMIN_AREAS } from "@/components/admin/areas";
import { requireViewer } from "@/lib/access/viewer";

export const metadata: Metadata = { title: "Administration" };

/** Webmasters only: the way in to every administration area. Each area checks again. */
export default async function AdminPage() {
  const viewer = await requireViewer();
  if (!viewer.isWebmaster) forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">Administration</h1>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {ADMIN_AREAS.map((area) => (
          <li key={area.href} className="rounded border-2 border-gray-300 p-4">
            <Link href={area.href} className="text-lg font-semibold text-brand-700 underline">
              {area.title}
            </Link>
            <p className="mt-1 text-gray-800">{area.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
