import type { Metadata } from "next";
import Link from "next/link";
import { ContentList } from "@/components/content/content-list";
import { ReachableSections } from "@/components/sections/reachable-sections";
import { canAsWebmaster } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";
import { listLatest } from "@/lib/content/listings";
import { listReachableSections } from "@/lib/sections/queries";
import { recordView } from "@/lib/analytics/record";

export const metadata: Metadata = { title: "Intranet home" };

/** The intranet home: latest news and policies from sections the viewer can view, and where they can go. */
export default async function IntranetHome() {
  const viewer = await requireViewer();
  recordView(viewer, { page: "home" }); // D1
  const [news, policies, sections] = await Promise.all([
    listLatest(viewer, ["news"], 6),
    listLatest(viewer, ["policy"], 5),
    listReachableSections(viewer),
  ]);
  return (
    <>
      <h1 className="text-3xl font-bold">Intranet home</h1>
      <p className="mt-2 text-lg">Welcome, {viewer.name}.</p>
      <div className="mt-8 grid gap-10 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="news-heading">
          <h2 id="news-heading" className="text-xl font-bold">
            Latest news
          </h2>
          <ContentList items={news} empty="No news yet." />
          <p className="mt-4">
            <Link href="/feed" className="text-brand-700 underline">
              Everything in your feed
            </Link>
          </p>
        </section>
        <section aria-labelledby="policies-heading">
          <h2 id="policies-heading" className="text-xl font-bold">
            Latest policies
          </h2>
          <ContentList items={policies} empty="No policies yet." />
        </section>
      </div>
      <section aria-labelledby="sections-heading" className="mt-10">
        <h2 id="sections-heading" className="text-xl font-bold">
          Sections
        </h2>
        <ReachableSections sections={sections} mayCreateTopLevel={canAsWebmaster(viewer, "section.createTopLevel")} />
      </section>
    </>
  );
}
