/**
 * Optimistic routing only, from the session cookie, with no database: signed-out
 * people go to /login, external people to the extranet home for intranet-only paths
 * (E1). The real gate is lib/access: every layout, page and action checks again.
 */
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { EXTRANET_HOME, LOGIN_PATH, isExternalPath, isPublicPath } from "@/lib/routes";

const { auth } = NextAuth(authConfig);

export default auth((req) => {
  const { pathname, search } = req.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();

  const user = req.auth?.user;
  if (!user) {
    if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    const login = new URL(LOGIN_PATH, req.nextUrl);
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  if (user.audience === "external" && !isExternalPath(pathname)) {
    return NextResponse.redirect(new URL(EXTRANET_HOME, req.nextUrl));
  }
  return NextResponse.next();
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|manifest.webmanifest).*)"],
};
