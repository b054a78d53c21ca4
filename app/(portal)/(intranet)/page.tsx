import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/lib/access/viewer";

export const metadata: Metadata = { title: "Intranet home" };

export default async function IntranetHome() {
  const viewer = await requireViewer();
  return (
    <>
      <h1 className="text-3xl font-bold">Intranet home</h1>
      <p className="mt-4 text-lg">Welcome, {viewer.name}.</p>
      <section aria-labelledby="start-heading" className="mt-8">
        <h2 id="start-heading" className="text-xl font-bold">
          Get started
        </h2>
        <ul className="mt-3 list-disc space-y-2 pl-6">
          <li>
            <Link href="/feed" className="text-brand-700 underline">
              Your feed
            </Link>{" "}
            — the latest from the sections you can view.
          </li>
        </ul>
      </section>
    </>
  );
}
