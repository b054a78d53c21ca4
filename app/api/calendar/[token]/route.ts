import { calendarFeedResponse } from "@/lib/calendar-feed/feed";
import { requestAllowed } from "@/lib/security/allowlist";
import { REFUSED_BY_ALLOWLIST } from "@/lib/security/ip";

/**
 * GET /api/calendar/<token>: a person's private calendar feed (C7), read by calendar apps
 * signed out: the token is the key, so no session cookie is read or set here (lib/routes.ts
 * lists it as public, and middleware then reads no cookie). The organisation's address
 * allowlist applies as to every route (M7: middleware refuses first; this refuses again, as
 * the API's pipeline does, in case middleware was passed by). Everything else, the person
 * included, is lib/calendar-feed/feed.ts.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  if (!(await requestAllowed())) {
    return new Response(REFUSED_BY_ALLOWLIST, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  }
  const { token } = await params;
  return calendarFeedResponse(token);
}
