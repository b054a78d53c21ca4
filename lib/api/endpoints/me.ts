/** D2 D5: who a token acts as. */
import { z } from "zod";
import { TOKEN_SCOPES } from "@/lib/api-tokens/schemas";
import { defineEndpoint } from "../endpoint";
import { named } from "../schemas";

export const meSchema = named(
  "Me",
  z
    .object({
      person: z.object({
        id: z.uuid(),
        name: z.string(),
        email: z.string(),
        audience: z.enum(["organisational", "external"]),
        webmaster: z.boolean(),
      }),
      token: z.object({
        id: z.uuid(),
        name: z.string(),
        scope: z.enum(TOKEN_SCOPES).meta({ description: "read: reads only; read-write: also changes what its person may change." }),
      }),
    })
    .meta({ description: "The person a token acts as, as they are now, and the token." }),
);

export const getMe = defineEndpoint({
  operationId: "getMe",
  method: "get",
  path: "/me",
  summary: "Who the token acts as",
  description: "The token's person as they are now (a role or block applies at once) and the token's name and scope: for checking a token before using it.",
  needs: "read",
  response: meSchema,
});
