/**
 * B2: on a section's or an item's page while a section manager views as someone, whether this
 * page is shown as that person (it is within the manager's sections) or as the manager.
 */
import type { Viewer } from "@/lib/access/types";

export function ViewAsScopeNote({ signedIn, shownTo }: { signedIn: Viewer; shownTo: Viewer }) {
  const within = signedIn.viewingAsWithin;
  if (!within) return null;
  const name = within.viewer.name;
  return (
    <p className="mb-4 border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950" data-view-as-scope={shownTo === signedIn ? "own" : "theirs"}>
      {shownTo === signedIn ? `This page is not in a section you manage, so it is shown as you see it, not as ${name}.` : `This page is shown as ${name} sees it.`}
    </p>
  );
}
