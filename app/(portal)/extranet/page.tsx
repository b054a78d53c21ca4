import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/lib/access/viewer";

export const metadata: Metadata = { title: "Extranet home" };

/** E1–E2: where external people land. */
export default async function ExtranetHome() {
  const viewer = await requireViewer();
  return (
    <>
      <h1 className="text-3xl font-bold">Extranet home</h1>
      <p className="mt-4 text-lg">Welcome, {viewer.name}.</p>
      <section aria-labelledby="links-heading" className="mt-8">
        <h2 id="links-heading" className="text-xl font-bold">
          Your pages
        </h2>
        <ul className="mt-3 list-disc space-y-2 pl-6">
          <li>
            <Link href="/feed" className="text-brand-700 underline">
              Your feed
            </Link>
          </li>
        </ul>
      </section>
    </>
  );
}
