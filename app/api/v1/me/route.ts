import { authenticateApi } from "@/lib/api/authenticate";
import { jsonResponse } from "@/lib/api/problem";
import { meSchema } from "@/lib/api/schemas";

/**
 * GET /api/v1/me (D2 D5): who the token acts as, and the token itself (its name and scope),
 * so that a script can check its token before it does anything. Built through its schema, which
 * the OpenAPI document is generated from.
 */
export async function GET(request: Request) {
  const auth = await authenticateApi(request);
  if (!auth.ok) return auth.response;
  const { viewer, token } = auth.caller;
  return jsonResponse(
    meSchema.parse({
      person: { id: viewer.id, name: viewer.name, email: viewer.email, audience: viewer.audience, webmaster: viewer.isWebmaster },
      token: { id: token.id, name: token.name, scope: token.scope },
    }),
  );
}
