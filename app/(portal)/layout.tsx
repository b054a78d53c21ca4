import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/site-header";
import { ViewAsBanner } from "@/components/shell/view-as-banner";
import { viewedPerson } from "@/lib/access/view-as";
import { requireViewer } from "@/lib/access/viewer";

/** The shell both audiences share. Every page below it has a signed-in, unblocked viewer. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  // The cookie's audience is out of date (an administrator changed it): re-issue it.
  if (viewer.sessionAudienceStale) redirect("/api/session/refresh");
  // B2: while viewing the site as someone, the banner says so on every page.
  const viewed = viewedPerson(viewer);
  return (
    <>
      {viewed ? <ViewAsBanner {...viewed} /> : null}
      <SiteHeader viewer={{ id: viewer.id, imageId: viewer.imageId, name: viewer.name, email: viewer.email, audience: viewer.audience, isWebmaster: viewer.isWebmaster, canViewTeams: viewer.canViewTeams, moderates: viewer.moderates, apps: viewer.apps }} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8 focus:outline-none">
        {children}
      </main>
      <footer className="mt-16 border-t border-gray-300">
        <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-gray-700">Portico — your organisation&apos;s portal</div>
      </footer>
    </>
  );
}
