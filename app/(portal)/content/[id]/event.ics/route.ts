import { requireViewer } from "@/lib/access/viewer";
import { contentPageViewer } from "@/lib/access/view-as-scope";
import { eventCalendarResponse } from "@/lib/content/event-calendar";
import { getContent } from "@/lib/content/item";

/**
 * GET /content/<id>/event.ics: the event as an iCalendar file (C7), answered exactly as the
 * item page answers (C2, C5): the same viewer (B2's within a manager's sections included),
 * the same one lookup, so its 404 and 403 too, naming nothing. Signed out, or before a
 * required two-factor set-up, the page's redirects (requireViewer); middleware sends a
 * request without a session to sign in first, as for any portal page.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await contentPageViewer(await requireViewer(), id);
  return eventCalendarResponse(await getContent(viewer, id));
}
