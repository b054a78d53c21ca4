import { NextResponse } from "next/server";
import { getViewer } from "@/lib/access/viewer";
import { unstable_update } from "@/lib/auth/auth";
import { LOGIN_PATH, homeFor } from "@/lib/routes";

/**
 * Re-issues the session cookie with the account's current audience and roles, so the
 * optimistic middleware routes by the truth again after an administrator changed them.
 */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.redirect(new URL(LOGIN_PATH, request.url));
  await unstable_update({});
  return NextResponse.redirect(new URL(homeFor(viewer.audience), request.url));
}
