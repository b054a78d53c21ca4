import { authenticateApi } from "@/lib/api/authenticate";
import { apiSection } from "@/lib/api/present";
import { jsonResponse, problemResponse } from "@/lib/api/problem";
import { sectionSchema } from "@/lib/api/schemas";
import { getSection } from "@/lib/sections/queries";

/**
 * GET /api/v1/sections/{slug} (D2): a section and a page of its items, by the section page's
 * own query (getSection) as the token's person: 403 where the page answers 403, 404 where it
 * answers 404, and a moved section's new address only to someone who may view it (C5).
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const auth = await authenticateApi(request);
  if (!auth.ok) return auth.response;
  const [{ slug: raw }, cursor] = [await params, new URL(request.url).searchParams.get("cursor")];
  const slug = decoded(raw);
  if (slug === null) return problemResponse({ status: 404, title: "Not Found", detail: "No section has this address." });
  const result = await getSection(auth.caller.viewer, slug, { content: { cursor } });
  if (result.status === "moved") {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    return new Response(null, { status: 308, headers: { Location: `/api/v1/sections/${encodeURIComponent(result.slug)}${query}`, "Cache-Control": "private, no-store" } });
  }
  if (result.status === "not-found") return problemResponse({ status: 404, title: "Not Found", detail: "No section has this address." });
  if (result.status === "forbidden") return problemResponse({ status: 403, title: "Forbidden", detail: "You may not view this section." });
  return jsonResponse(sectionSchema.parse(apiSection(result.value)));
}

/** The segment as written in the address, or null for a malformed escape (which names nothing). */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
