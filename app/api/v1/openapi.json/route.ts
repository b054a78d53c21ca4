import { openApiDocument } from "@/lib/api/openapi";
import { addressRefusedResponse, jsonResponse } from "@/lib/api/problem";
import { withApiHeaders } from "@/lib/api/route";
import { requestAllowed } from "@/lib/security/allowlist";

/**
 * GET /api/v1/openapi.json (D2): the API's OpenAPI 3.1 document, generated from its zod
 * schemas. It describes the API and holds no data: no token needed; the allowlist (M7) still
 * applies, as to every door, here since /api/v1 is outside middleware.
 */
export async function GET() {
  if (!(await requestAllowed())) return withApiHeaders(addressRefusedResponse());
  return withApiHeaders(jsonResponse(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));
}
