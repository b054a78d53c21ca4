/**
 * D2: the OpenAPI document is generated, complete and true. Every route handler under
 * app/api/v1 is in it and everything in it has a handler (both ways); every reference
 * resolves; and real answers, good and refused, validate against the document's own schemas
 * (by a JSON Schema validator, not by the zod schemas they were generated from).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { openApiDocument } = await import("./openapi");
const { API_ENDPOINTS } = await import("./endpoints");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { GET: getDocument } = await import("@/app/api/v1/openapi.json/route");

const API_DIR = path.resolve("app/api/v1");
const HANDLER_METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

/** Every route file under app/api/v1 as the document's path ("/content/{id}"), with the methods it exports. */
async function routeHandlers(): Promise<{ path: string; methods: string[] }[]> {
  const files = readdirSync(API_DIR, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts");
  return Promise.all(
    files.map(async (file) => {
      const dir = path.dirname(file);
      const apiPath = "/" + dir.split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/");
      const handlers = (await import(/* @vite-ignore */ path.join(API_DIR, file))) as Record<string, unknown>;
      return { path: apiPath, methods: HANDLER_METHODS.filter((m) => typeof handlers[m] === "function").map((m) => m.toLowerCase()) };
    }),
  );
}

let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    people: [{ email: "api@openapi.test", name: "Api Person", audience: "organisational" }],
    sections: [],
  } satisfies Partial<OrgFile> & Record<string, unknown>);
  await authoriseEveryone(h.db);
});
afterAll(async () => h?.close());

describe("D2: the OpenAPI document", () => {
  it("D2: every handler under app/api/v1 is in the document, and every operation in it has a handler", async () => {
    const document = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const handlers = (await routeHandlers()).filter((r) => r.path !== "/openapi.json");
    const handled = handlers.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)).sort();
    const documented = Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort();
    expect(documented).toEqual(handled);
    expect(API_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(handled);
  });

  it("D2: it is OpenAPI 3.1 with a bearer token on every operation, and every reference resolves", async () => {
    const response = await getDocument();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { security: unknown; responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> } };
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.token).toMatchObject({ type: "http", scheme: "bearer" });
    for (const ops of Object.values(document.paths)) {
      for (const op of Object.values(ops)) {
        expect(op.security).toEqual([{ token: [] }]);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "403", "429"]));
        expect(Object.keys(op.responses).filter((status) => status === "200" || status === "201")).toHaveLength(1);
      }
    }
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const id of refs) expect(document.components.schemas, `the reference to ${id}`).toHaveProperty(id);
    // Each component compiles as JSON Schema 2020-12 (OpenAPI 3.1's dialect).
    const check = documentValidator(document);
    for (const id of Object.keys(document.components.schemas)) expect(() => check(id, {})).not.toThrow();
  });

  it("D2 D5: real answers agree with the document: /me's, and a refusal's problem document", async () => {
    const document = openApiDocument();
    const check = documentValidator(document);
    const { GET: getMe } = await import("@/app/api/v1/me/route");
    const { token } = await makeToken(h.db, h.person("api@openapi.test"), { name: "Contract", days: 7, scope: "read-write" });
    const ok = await getMe(apiRequest("/me", token));
    expect(ok.status).toBe(200);
    expect(check("Me", await ok.json())).toEqual([]);
    const refused = await getMe(apiRequest("/me", null));
    expect(refused.status).toBe(401);
    expect(check("Problem", await refused.json())).toEqual([]);
    // And the validator does refuse what the document does not allow.
    expect(check("Me", { person: { id: "not-a-uuid" } })).not.toEqual([]);
  });
});
