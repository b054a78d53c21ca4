/**
 * D2: the OpenAPI 3.1 document of /api/v1, generated from the endpoints (./endpoints/) and
 * the zod schemas their parameters are parsed and their answers built with (by zod's own JSON
 * Schema output, which is the dialect OpenAPI 3.1 uses): never written by hand.
 */
import { z } from "zod";
import { type ApiEndpoint, FILE_RESPONSE } from "./endpoint";
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

/** The endpoint's path and query parameters, each with its own schema and description. */
function parametersOf(endpoint: ApiEndpoint): Record<string, unknown>[] {
  const of = (where: "path" | "query", object: ApiEndpoint["query"]) =>
    Object.entries(object?.shape ?? {}).map(([name, schema]) => {
      const { description, ...rest } = inlineSchema(schema);
      return { name, in: where, required: where === "path" || !schema.safeParse(undefined).success, description: description ?? "", schema: rest };
    });
  return [...of("path", endpoint.pathParams), ...of("query", endpoint.query)];
}

/** A write's body: its action's input schema, less the fields the path gives. */
function bodySchemaOf(endpoint: ApiEndpoint): Record<string, unknown> {
  const schema = inlineSchema(endpoint.body!) as { properties?: Record<string, unknown>; required?: string[] };
  for (const name of endpoint.bodyFromPath ?? []) {
    delete schema.properties?.[name];
    if (schema.required) schema.required = schema.required.filter((r) => r !== name);
  }
  return schema;
}

/** A streamed body (an upload): the bytes themselves, as the endpoint describes them. */
function streamedBodyOf(endpoint: ApiEndpoint): Record<string, unknown> {
  return { required: true, description: endpoint.streamedBody!.description, content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } } };
}

/** Creates take an Idempotency-Key, except those whose body is streamed (./endpoint.ts says why). */
const takesIdempotencyKey = (endpoint: ApiEndpoint) => endpoint.creates === true && !endpoint.streamedBody;

const ETAG_HEADER = { ETag: { description: "This answer's version: send it back as If-None-Match to be told 304 when it has not changed.", schema: { type: "string" } } };
const LOCATION_HEADER = { Location: { description: "The address of what was made, in this API.", schema: { type: "string" } } };
const IDEMPOTENCY_KEY = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "Any unique text (a UUID): sent again with the same request within a day, the first answer is given again (Idempotent-Replayed: true) instead of making a second one.",
  schema: { type: "string", maxLength: 255 },
};

function successOf(endpoint: ApiEndpoint): Record<string, unknown> {
  if (endpoint.response === FILE_RESPONSE) {
    const bytes = { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } };
    return {
      "200": { description: endpoint.summary, content: bytes },
      "206": { description: "The part a Range header asked for (Content-Range says which).", content: bytes },
      "416": { description: "The Range asked for lies beyond the end of the file (Content-Range gives its size)." },
    };
  }
  const content = { "application/json": { schema: ref(schemaIdOf(endpoint.response)) } };
  if (endpoint.creates) return { "201": { description: endpoint.summary, headers: LOCATION_HEADER, content } };
  return { "200": { description: endpoint.summary, ...(endpoint.method === "get" ? { headers: ETAG_HEADER } : {}), content } };
}

function responsesOf(endpoint: ApiEndpoint): Record<string, unknown> {
  const write = endpoint.method !== "get";
  return {
    ...successOf(endpoint),
    ...(write || endpoint.response === FILE_RESPONSE ? {} : { "304": { description: "Not modified: If-None-Match named this answer's ETag, and it is still the answer." } }),
    ...Object.fromEntries(Object.entries(endpoint.otherResponses ?? {}).map(([status, description]) => [status, otherResponse(status, description)])),
    ...(endpoint.query ? { "400": problem("A query parameter is not one this endpoint accepts: `errors` gives each one's message.") } : {}),
    ...(endpoint.body ? { "400": problem("The body is not a JSON object (or an Idempotency-Key is malformed).") } : {}),
    "401": problem("No token, or one that is unknown, revoked or expired, or whose person is blocked (a WWW-Authenticate challenge says which)."),
    "403": problem(
      (endpoint.forbidden ? `${endpoint.forbidden} Or refused: ` : "Refused: ") +
        (endpoint.needs === "write" ? "the address is not allowed, two-factor sign-in must be set up first, or the token may only read." : "the address is not allowed, or two-factor sign-in must be set up first."),
    ),
    ...(endpoint.notFound ? { "404": problem(endpoint.notFound) } : {}),
    ...(write ? { "409": problem("Not done, for a reason the detail gives: the item changed since the version you sent, or the change conflicts with what is there now.") } : {}),
    ...(endpoint.body ? { "413": problem("The body is larger than 1 MB."), "415": problem("The body is not sent as application/json.") } : {}),
    ...(endpoint.streamedBody ? { "413": problem(endpoint.streamedBody.tooLarge), "415": problem("The body is a form (multipart/form-data): send the file's bytes themselves.") } : {}),
    ...(endpoint.body || endpoint.creates || endpoint.streamedBody
      ? { "422": problem(`A field is not right (\`errors\` gives each one's message, by the field's name)${endpoint.streamedBody ? "" : ", or the Idempotency-Key was used for another request"}.`) }
      : {}),
    "429": {
      ...problem("The token has used its requests for now (every answer's RateLimit-Remaining says how many are left): wait Retry-After seconds."),
      headers: { "Retry-After": { description: "Seconds until the token may make another request.", schema: { type: "integer" } } },
    },
  };
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
      ...(parametersOf(endpoint).length || takesIdempotencyKey(endpoint) ? { parameters: [...parametersOf(endpoint), ...(takesIdempotencyKey(endpoint) ? [IDEMPOTENCY_KEY] : [])] } : {}),
      ...(endpoint.body ? { requestBody: { required: true, content: { "application/json": { schema: bodySchemaOf(endpoint) } } } } : {}),
      ...(endpoint.streamedBody ? { requestBody: streamedBodyOf(endpoint) } : {}),
      responses: responsesOf(endpoint),
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
