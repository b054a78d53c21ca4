import { jsonResponse } from "@/lib/api/problem";
import { openApiDocument } from "@/lib/api/openapi";

/** GET /api/v1/openapi.json (D2): the API's OpenAPI 3.1 document, generated from its zod schemas. It describes the API and holds no data: no token needed. */
export function GET() {
  return jsonResponse(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
