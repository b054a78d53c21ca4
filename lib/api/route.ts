import "server-only";
/**
 * D2: the one pipeline of every /api/v1 route handler. In order: the caller (./authenticate.ts:
 * allowlist, token, person, two-factor, scope), the token's rate limit (./rate-limit.ts: 429
 * with Retry-After past it), the path's parameters by the endpoint's schema
 * (one that does not parse names nothing: 404), the query's (a bad one: 400 with each field's
 * message, and nothing read), then the handler, which asks the pages' own lib functions as the
 * token's person. Its answer is built through the endpoint's response schema, so it is what the
 * OpenAPI document says, and carries an ETag: a read sent again with If-None-Match gets 304 and
 * no body when nothing in it changed. Answers are the caller's alone: never stored by a shared
 * cache, and revalidated by theirs. /api/v1 is outside middleware (its matcher: an API call
 * pays for no session decode it does not use), so the security headers are set here, on
 * every answer, refusals included.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Viewer } from "@/lib/access/types";
import type { Lookup } from "@/lib/lookup";
import { type ApiCaller, authenticateApi } from "./authenticate";
import type { ApiEndpoint } from "./endpoint";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { getDb } from "@/db/client";
import { idempotencyKeyProblem, requestFingerprint, startIdempotent } from "./idempotency";
import { jsonResponse, problemResponse } from "./problem";
import { apiRateLimiter, rateLimitHeaders } from "./rate-limit";

type Parameters = z.ZodObject<Record<string, z.ZodType>>;

export interface ApiCall<P, Q> {
  caller: ApiCaller;
  /** The token's person, as a signed-in page's viewer. */
  viewer: Viewer;
  path: P;
  query: Q;
  /** A write's JSON body, parsed but not yet checked: the action it is given to checks it (./action-answer.ts). */
  body: Record<string, unknown>;
  /** The request; an endpoint's streamed body (ApiEndpoint.streamedBody) is its `body`, unread. */
  request: Request;
}

/**
 * A handler's answer: the value the endpoint's response schema builds the body from (a
 * create's with 201 and its Location), or a response of its own (a refusal, a redirect, a
 * download).
 */
export type ApiAnswer<R extends z.ZodType> = Response | { ok: z.input<R>; status?: 200 | 201; location?: string };

/** The largest JSON body a write accepts: an item's HTML (200 000 characters) and its fields, with room to spare. */
const BODY_LIMIT_BYTES = 1_000_000;

interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export function apiRoute<P extends Parameters, Q extends Parameters, R extends z.ZodType>(
  endpoint: ApiEndpoint<P, Q, R>,
  handle: (call: ApiCall<z.output<P>, z.output<Q>>) => Promise<ApiAnswer<R>>,
): (request: Request, context?: RouteContext) => Promise<Response> {
  return async (request, context) => withApiHeaders(await answer(request, context));
  async function answer(request: Request, context: RouteContext | undefined): Promise<Response> {
    const auth = await authenticateApi(request, endpoint.needs);
    if (!auth.ok) return auth.response;
    const rate = apiRateLimiter().take(auth.caller.token.id);
    if (!rate.allowed) {
      return problemResponse(
        { status: 429, title: "Too Many Requests", detail: `This token has made more than its ${rate.limit} requests a minute. Wait ${rate.retryAfterSeconds} seconds (Retry-After) and try again.` },
        rateLimitHeaders(rate),
      );
    }
    const response = await handled(request, context, auth.caller);
    for (const [key, value] of Object.entries(rateLimitHeaders(rate))) response.headers.set(key, value);
    return response;
  }
  async function handled(request: Request, context: RouteContext | undefined, caller: ApiCaller): Promise<Response> {
    const path = parsePath(endpoint.pathParams, context ? await context.params : {});
    if (!path.ok) return refusal(endpoint, "not-found");
    const query = parseQuery(endpoint.query, new URL(request.url).searchParams);
    if (!query.ok) return badQuery(query.errors);
    const body = endpoint.body ? await readJsonBody(request) : { ok: true as const, text: "", value: {} };
    if (!body.ok) return body.response;
    if (endpoint.streamedBody && /^multipart\//i.test(request.headers.get("content-type") ?? "")) {
      // A form's envelope would be stored as the file (a .txt file takes any text).
      return problemResponse({ status: 415, title: "Unsupported Media Type", detail: "Send the file's bytes themselves as the body (Content-Type: its type, or application/octet-stream), not a form." });
    }
    const call = { caller, viewer: caller.viewer, path: path.value as z.output<P>, query: query.value as z.output<Q>, body: body.value, request };
    if (endpoint.method === "get") {
      const answered = await handle(call);
      return answered instanceof Response ? answered : jsonWithETag(request, JSON.stringify(endpoint.response.parse(answered.ok)));
    }
    // A streamed body is not read before the handler, so it cannot be fingerprinted: no key for it (./endpoint.ts).
    const key = endpoint.creates && !endpoint.streamedBody ? request.headers.get("idempotency-key") : null;
    if (key === null) return written(endpoint, await handle(call));
    const keyProblem = idempotencyKeyProblem(key);
    if (keyProblem) return problemResponse({ status: 400, title: "Bad Request", detail: keyProblem });
    const start = await startIdempotent(await getDb(), caller.token.id, key, requestFingerprint(request.method, new URL(request.url).pathname, body.text));
    if (start.kind === "answered") return start.response;
    return start.finish(written(endpoint, await handle(call)));
  }
}

/** The API's security headers on a response, except those its handler set itself (a download's own policy). */
export function withApiHeaders(response: Response): Response {
  for (const [key, value] of Object.entries(apiSecurityHeaders())) {
    if (!response.headers.has(key)) response.headers.set(key, value);
  }
  return response;
}

/** A write's answer: built through the response schema, 201 with Location for a create; never cached. */
function written<R extends z.ZodType>(endpoint: ApiEndpoint<Parameters, Parameters, R>, answered: ApiAnswer<R>): Response {
  if (answered instanceof Response) return answered;
  return jsonResponse(endpoint.response.parse(answered.ok), { status: answered.status ?? 200, headers: answered.location ? { Location: answered.location } : {} });
}

/** A write's body: JSON, an object, of a sane size; anything else a clear 4xx before anything is done. */
async function readJsonBody(request: Request): Promise<{ ok: true; text: string; value: Record<string, unknown> } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    return { ok: false, response: problemResponse({ status: 415, title: "Unsupported Media Type", detail: "Send the body as JSON, with Content-Type: application/json." }) };
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > BODY_LIMIT_BYTES) {
    return { ok: false, response: problemResponse({ status: 413, title: "Content Too Large", detail: `The body may be at most ${BODY_LIMIT_BYTES / 1_000_000} MB.` }) };
  }
  let value: unknown;
  try {
    value = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: problemResponse({ status: 400, title: "Bad Request", detail: "The body is not valid JSON." }) };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, response: problemResponse({ status: 400, title: "Bad Request", detail: "The body must be a JSON object of the fields this endpoint takes." }) };
  }
  return { ok: true, text, value: value as Record<string, unknown> };
}

/** 400 for query parameters that parse but name nothing the caller may use (a team they cannot see reads as none): each field's message. */
export function badQuery(errors: Record<string, string>, detail = "A query parameter is not one this endpoint accepts: see errors."): Response {
  return problemResponse({ status: 400, title: "Bad Request", detail, errors });
}

/** The endpoint's 404 or 403 problem document, in the words the OpenAPI document gives it. */
export function refusal(endpoint: Pick<ApiEndpoint, "notFound" | "forbidden">, status: "not-found" | "forbidden"): Response {
  return status === "not-found"
    ? problemResponse({ status: 404, title: "Not Found", detail: endpoint.notFound ?? "Nothing has this address." })
    : problemResponse({ status: 403, title: "Forbidden", detail: endpoint.forbidden ?? "You may not view this." });
}

/** A page's lookup (lib/lookup.ts) as the API's answer: the value presented, or the endpoint's 403 or 404 (C5: the same verdict as the page's). */
export function answerLookup<T, R extends z.ZodType>(endpoint: ApiEndpoint<Parameters, Parameters, R>, lookup: Lookup<T>, present: (value: T) => z.input<R>): ApiAnswer<R> {
  return lookup.status === "ok" ? { ok: present(lookup.value) } : refusal(endpoint, lookup.status);
}

function parsePath(schema: Parameters | undefined, params: Record<string, string | string[] | undefined>): { ok: true; value: unknown } | { ok: false } {
  if (!schema) return { ok: true, value: {} };
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(params)) {
    if (typeof raw !== "string") return { ok: false };
    try {
      decoded[name] = decodeURIComponent(raw);
    } catch {
      return { ok: false }; // a malformed escape names nothing
    }
  }
  const parsed = schema.safeParse(decoded);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
}

function parseQuery(schema: Parameters | undefined, search: URLSearchParams): { ok: true; value: unknown } | { ok: false; errors: Record<string, string> } {
  if (!schema) return { ok: true, value: {} };
  const raw: Record<string, string | string[]> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    raw[name] = values.length === 1 ? values[0]! : values;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "query")] ??= issue.message;
  return { ok: false, errors };
}

/** The body as JSON with a strong ETag (its bytes' hash); 304 without a body when If-None-Match already names it. */
function jsonWithETag(request: Request, body: string): Response {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
  const headers = { ETag: etag, "Cache-Control": "private, no-cache", Vary: "Authorization" };
  const known = request.headers.get("if-none-match");
  if (known && (request.method === "GET" || request.method === "HEAD") && matchesETag(known, etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: 200, headers: { "Content-Type": "application/json", ...headers } });
}

/** If-None-Match's weak comparison (RFC 9110 13.1.2): any listed tag, W/ or not, or "*". */
function matchesETag(header: string, etag: string): boolean {
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}
