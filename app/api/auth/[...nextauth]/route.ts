import { type NextRequest, NextResponse } from "next/server";
import { getViewer } from "@/lib/access/viewer";
import { handlers } from "@/lib/auth/auth";
import { currentSession } from "@/lib/auth/current-session";
import { requestAllowed } from "@/lib/security/allowlist";
import { REFUSED_BY_ALLOWLIST } from "@/lib/security/ip";

// M7: Auth.js's endpoints read no viewer, so they check the allowlist themselves.
const refused = () => new Response(REFUSED_BY_ALLOWLIST, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * P3: Auth.js answers /api/auth/session from the cookie alone and re-issues it. A session
 * that has ended (signed out elsewhere, a password or e-mail change, too many wrong
 * passwords), timed out, or belongs to a person who is now blocked or unauthorised gets
 * the signed-out answer instead, says nothing about the person, and loses its cookie.
 */
async function sessionAnswer(request: NextRequest, handler: (request: NextRequest) => Promise<Response>): Promise<Response> {
  if (!(await currentSession()) || (await getViewer())) return handler(request);
  const response = NextResponse.json(null, { headers: { "cache-control": "no-store" } });
  for (const { name } of request.cookies.getAll()) {
    if (/^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(name)) {
      response.cookies.set(name, "", { maxAge: 0, path: "/", httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
    }
  }
  return response;
}

const isSessionPath = (request: NextRequest) => request.nextUrl.pathname.replace(/\/$/, "").endsWith("/api/auth/session");

export async function GET(request: NextRequest) {
  if (!(await requestAllowed())) return refused();
  return isSessionPath(request) ? sessionAnswer(request, handlers.GET) : handlers.GET(request);
}

// A POST to the session endpoint updates it (re-issues the cookie): the same check first.
export async function POST(request: NextRequest) {
  if (!(await requestAllowed())) return refused();
  return isSessionPath(request) ? sessionAnswer(request, handlers.POST) : handlers.POST(request);
}
