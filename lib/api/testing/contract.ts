/**
 * D2 tests: the OpenAPI document's own schemas as a JSON Schema validator (ajv, 2020-12: the
 * dialect OpenAPI 3.1 uses), so that answers are checked against what the document says, not
 * against the zod schemas it was generated from; a request as an API client makes it; and
 * accounts set up, as a token's person's must be.
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { Db } from "@/db/client";
import { people } from "@/db/schema";

/** `check(id, data)`: the messages of data against the document's schema `id` (none: it agrees). */
export function documentValidator(document: Record<string, unknown>): (id: string, data: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "portico-openapi", components: document.components } as never);
  return (id, data) => {
    const validate = ajv.getSchema(`portico-openapi#/components/schemas/${id}`);
    if (!validate) throw new Error(`the document has no schema ${id}`);
    return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

/** A request to /api/v1`path`, with the token (none: no Authorization header). */
export function apiRequest(path: string, token: string | null): Request {
  return new Request(`http://portico.test/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** A request with a method and, when given, a JSON body (a write), as an API client makes it. */
export function apiWrite(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://portico.test/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A route handler's second argument: its path's parameters. */
export const routeParams = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

/**
 * Marks everyone in the test organisation as having set up their account: an organisation
 * file without passwords leaves that to a welcome e-mail, and a token of an account not set
 * up is refused (D5).
 */
export async function authoriseEveryone(db: Db): Promise<void> {
  await db.update(people).set({ authorisedAt: new Date() });
}
