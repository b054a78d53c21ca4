/**
 * D2: the OpenAPI 3.1 document of /api/v1, generated from the endpoints (./endpoints.ts) and
 * the zod schemas their answers are built with (./schemas.ts, by zod's own JSON Schema
 * output, which is the dialect OpenAPI 3.1 uses): never written by hand.
 */
import { z } from "zod";
import { API_ENDPOINTS } from "./endpoints";
import { API_SCHEMAS } from "./schemas";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function schemaIdOf(schema: z.ZodType): string {
  const id = API_SCHEMAS.get(schema)?.id;
  if (!id) throw new Error("an endpoint's response schema is not in API_SCHEMAS");
  return id;
}

/** The components' schemas, without the `$schema` and `$id` each would carry on its own. */
function componentSchemas(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(API_SCHEMAS, { target: "draft-2020-12", io: "output", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });

/** A parameter's own schema, inline (no `$schema`). */
function inlineSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>;
  return rest;
}

/** A redirect names where to go; any other status is a problem document. */
const otherResponse = (status: string, description: string) =>
  status.startsWith("3") ? { description, headers: { Location: { description: "The new address.", schema: { type: "string" } } } } : problem(description);

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of API_ENDPOINTS) {
    paths[endpoint.path] ??= {};
    paths[endpoint.path]![endpoint.method] = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      description: endpoint.description + (endpoint.needs === "write" ? " Needs a read-write token." : ""),
      security: [{ token: [] }],
      ...(endpoint.parameters?.length
        ? { parameters: endpoint.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, description: p.description, schema: inlineSchema(p.schema) })) }
        : {}),
      responses: {
        "200": { description: endpoint.summary, content: { "application/json": { schema: ref(schemaIdOf(endpoint.response)) } } },
        ...Object.fromEntries(Object.entries(endpoint.otherResponses ?? {}).map(([status, description]) => [status, otherResponse(status, description)])),
        "401": problem("No token, or one that is unknown, revoked or expired, or whose person is blocked (a WWW-Authenticate challenge says which)."),
        "403": problem(endpoint.needs === "write" ? "Refused: the address is not allowed, two-factor sign-in must be set up first, or the token may only read." : "Refused: the address is not allowed, or two-factor sign-in must be set up first."),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Portico API",
      version: "1",
      description: "Every call is made as a person, with one of their API tokens (make one at /me/tokens), and sees and does exactly what that person may in Portico's pages.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ token: [] }],
    paths,
    components: {
      securitySchemes: { token: { type: "http", scheme: "bearer", description: "A personal API token: Authorization: Bearer <token>." } },
      schemas: componentSchemas(),
    },
  };
}
