import Link from "next/link";
import type { SectionSummary } from "@/lib/sections/queries";
import { SectionList } from "./section-list";

/**
 * The sections a person can reach (S4–S6), as the intranet home and the sections index show
 * them, with the way to a new top-level section for those who may make one (webmasters).
 */
export function ReachableSections({ sections, mayCreateTopLevel }: { sections: SectionSummary[]; mayCreateTopLevel: boolean }) {
  return (
    <>
      <SectionList sections={sections} empty="There are no sections you can view yet." />
      {mayCreateTopLevel ? (
        <p className="mt-4">
          <Link href="/sections/new" className="text-brand-700 underline">
            New top-level section
          </Link>
        </p>
      ) : null}
    </>
  );
}
