/**
 * Optimistic routing only, from the session cookie, with no database: signed-out
 * people go to /login, external people to the extranet home for intranet-only paths
 * (E1). The real gate is lib/access: every layout, page and action checks again.
 *
 * The cookie is only read here, never re-issued: a response from middleware that
 * rewrote it could race a sign-out and bring the ended session back.
 */
import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { secureCookiesWanted } from "@/lib/auth/config";
import { EXTRANET_HOME, LOGIN_PATH, isExternalPath, isPublicPath } from "@/lib/routes";

export default async function middleware(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();

  const token = await getToken({ req, secret: process.env.AUTH_SECRET, secureCookie: secureCookiesWanted() }).catch(() => null);
  if (!token?.sub) {
    if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    const login = new URL(LOGIN_PATH, req.nextUrl);
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  if (token.audience === "external" && !isExternalPath(pathname)) {
    return NextResponse.redirect(new URL(EXTRANET_HOME, req.nextUrl));
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|manifest.webmanifest).*)"],
};
