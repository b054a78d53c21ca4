import type { Metadata } from "next";
import Link from "next/link";
import { ContentList } from "@/components/content/content-list";
import { SectionList } from "@/components/sections/section-list";
import { requireViewer } from "@/lib/access/viewer";
import { listLatest } from "@/lib/content/listings";
import { listReachableSections } from "@/lib/sections/queries";
import { recordView } from "@/lib/analytics/record";

export const metadata: Metadata = { title: "Extranet home" };

/** E1–E2: where external people land. A fixed set of widgets until webmasters can arrange them. */
export default async function ExtranetHome() {
  const viewer = await requireViewer();
  recordView(viewer, { page: "home" }); // D1
  const [latest, sections] = await Promise.all([
    listLatest(viewer, ["news", "policy", "page", "blog", "event", "poll"], 8),
    listReachableSections(viewer),
  ]);
  return (
    <>
      <h1 className="text-3xl font-bold">Extranet home</h1>
      <p className="mt-2 text-lg">Welcome, {viewer.name}.</p>
      <div className="mt-8 grid gap-10 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="text-xl font-bold">
            Latest for you
          </h2>
          <ContentList items={latest} empty="Nothing has been shared with you yet." />
        </section>
        <section aria-labelledby="links-heading">
          <h2 id="links-heading" className="text-xl font-bold">
            Your pages
          </h2>
          <ul className="mt-4 space-y-2">
            <li>
              <Link href="/feed" className="text-brand-700 underline">
                Your feed
              </Link>
            </li>
            <li>
              <Link href="/me/content" className="text-brand-700 underline">
                My content
              </Link>
            </li>
            <li>
              <Link href="/me/profile" className="text-brand-700 underline">
                Your profile
              </Link>
            </li>
          </ul>
        </section>
      </div>
      <section aria-labelledby="sections-heading" className="mt-10">
        <h2 id="sections-heading" className="text-xl font-bold">
          Your sections
        </h2>
        <SectionList sections={sections} empty="You have not been added to any sections yet." />
      </section>
    </>
  );
}
