import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/access/viewer";
import { referencePage } from "@/lib/api/reference-page";
import { LOGIN_PATH } from "@/lib/routes";

/**
 * GET /api/docs (D2): the API's browsable reference, for signed-in people of both audiences
 * (everyone may make a token, D5); signed-out people go to sign in and come back. It shows the
 * OpenAPI document, which holds no data: what a call answers is decided by its token.
 */
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) redirect(`${LOGIN_PATH}?callbackUrl=${encodeURIComponent("/api/docs")}`);
  const nonce = (await headers()).get("x-nonce") ?? "";
  return new Response(await referencePage(nonce), { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
}
