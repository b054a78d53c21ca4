import { getMe } from "@/lib/api/endpoints/me";
import { apiRoute } from "@/lib/api/route";

/**
 * GET /api/v1/me (D2 D5): who the token acts as, and the token itself (its name and scope),
 * so that a script can check its token before it does anything.
 */
export const GET = apiRoute(getMe, async ({ viewer, caller: { token } }) => ({
  ok: {
    person: { id: viewer.id, name: viewer.name, email: viewer.email, audience: viewer.audience, webmaster: viewer.isWebmaster },
    token: { id: token.id, name: token.name, scope: token.scope },
  },
}));
