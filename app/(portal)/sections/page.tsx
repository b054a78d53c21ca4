import type { Metadata } from "next";
import { ReachableSections } from "@/components/sections/reachable-sections";
import { canAsWebmaster } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";
import { listReachableSections } from "@/lib/sections/queries";

export const metadata: Metadata = { title: "Sections" };

/**
 * The sections a person can reach (S4–S6: the tops of what they may view), one step from
 * every page through the main navigation: on a phone the home page's list sat far below the
 * news, thousands of pixels down.
 */
export default async function SectionsIndex() {
  const viewer = await requireViewer();
  const sections = await listReachableSections(viewer);
  return (
    <>
      <h1 className="text-3xl font-bold">Sections</h1>
      <ReachableSections sections={sections} mayCreateTopLevel={canAsWebmaster(viewer, "section.createTopLevel")} />
    </>
  );
}
