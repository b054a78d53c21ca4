import "server-only";
/**
 * D2 D5: who an API request is made as. Every /api/v1 route handler starts here: the address
 * (M7), the bearer token (lib/api-tokens/verify.ts: known, not revoked, not expired, its
 * person authorised and not blocked, and the person read as a Viewer with the same columns as a
 * signed-in page's, in the same round trip), two-factor enrolment where it is required (M4), and for a write a
 * read-write token. What the viewer may then see or do is decided by the same lib functions
 * as the pages'. Refusals are problem documents (RFC 9457), and 401s say how to authenticate
 * (RFC 6750).
 */
import { getDb } from "@/db/client";
import type { Viewer } from "@/lib/access/types";
import type { TokenScope } from "@/lib/api-tokens/schemas";
import { verifyToken } from "@/lib/api-tokens/verify";
import { requestAllowed } from "@/lib/security/allowlist";
import { addressRefusedResponse, problemResponse } from "./problem";

export interface ApiCaller {
  viewer: Viewer;
  token: { id: string; name: string; scope: TokenScope };
}

const REFUSED_TOKEN: Record<"unknown" | "revoked" | "expired" | "account", string> = {
  unknown: "The token is not one Portico issued. Copy it again from your API tokens page, or make a new one.",
  revoked: "The token was revoked. Make a new one on your API tokens page.",
  expired: "The token has expired. Make a new one on your API tokens page.",
  account: "The token's account cannot be used: it is blocked or has not been set up.",
};

function unauthorised(detail: string, error?: "invalid_token" | "invalid_request"): Response {
  const challenge = error ? `Bearer realm="Portico", error="${error}"` : 'Bearer realm="Portico"';
  return problemResponse({ status: 401, title: "Unauthorized", detail }, { "WWW-Authenticate": challenge });
}

/** The caller of an API request, or the response that refuses it. `needs`: "write" for anything that changes data. */
export async function authenticateApi(request: Request, needs: "read" | "write" = "read"): Promise<{ ok: true; caller: ApiCaller } | { ok: false; response: Response }> {
  if (!(await requestAllowed())) {
    return { ok: false, response: addressRefusedResponse() };
  }
  const header = request.headers.get("authorization");
  if (!header) return { ok: false, response: unauthorised("Send an API token in the Authorization header: Authorization: Bearer <token>.") };
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) return { ok: false, response: unauthorised("The Authorization header must be: Bearer <token>.", "invalid_request") };
  const db = await getDb();
  const check = await verifyToken(db, match[1]!);
  if (!check.ok) return { ok: false, response: unauthorised(REFUSED_TOKEN[check.reason], "invalid_token") };
  const { viewer } = check;
  if (viewer.mustEnrolTwoFactor) {
    return { ok: false, response: problemResponse({ status: 403, title: "Forbidden", detail: "Your organisation requires two-factor sign-in: sign in to Portico and set it up, then use the token again." }) };
  }
  if (needs === "write" && check.token.scope !== "read-write") {
    return {
      ok: false,
      response: problemResponse(
        { status: 403, title: "Forbidden", detail: "This token may only read. Make a read and write token to change anything." },
        { "WWW-Authenticate": 'Bearer realm="Portico", error="insufficient_scope"' },
      ),
    };
  }
  return { ok: true, caller: { viewer, token: { id: check.token.id, name: check.token.name, scope: check.token.scope } } };
}
