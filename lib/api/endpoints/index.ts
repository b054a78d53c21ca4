/**
 * D2: every endpoint of /api/v1: each family's file exports its endpoints (defineEndpoint),
 * collected here for the OpenAPI document (../openapi.ts). A route handler under app/api/v1
 * exists exactly for each (lib/api/openapi.test.ts checks both ways).
 */
import type { ApiEndpoint } from "../endpoint";
import * as commentWrites from "./comment-writes";
import * as comments from "./comments";
import * as content from "./content";
import * as contentWrites from "./content-writes";
import * as fileWrites from "./file-writes";
import * as files from "./files";
import * as groupWrites from "./group-writes";
import * as groups from "./groups";
import * as locations from "./locations";
import * as me from "./me";
import * as people from "./people";
import * as peopleWrites from "./people-writes";
import * as search from "./search";
import * as sectionWrites from "./section-writes";
import * as sections from "./sections";
import * as tags from "./tags";
import * as teams from "./teams";

const isEndpoint = (value: unknown): value is ApiEndpoint =>
  typeof value === "object" && value !== null && "operationId" in value && "response" in value;

export const API_ENDPOINTS: readonly ApiEndpoint[] = [me, sections, sectionWrites, people, peopleWrites, teams, locations, content, contentWrites, comments, commentWrites, tags, groups, groupWrites, files, fileWrites, search].flatMap((family) =>
  Object.values(family).filter(isEndpoint),
);
