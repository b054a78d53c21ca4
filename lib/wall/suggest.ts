import "server-only";
/**
 * E6 on the wall: whom to suggest after "@" in a post: people matching the text who may use
 * the wall (E5: organisational people; externals only with the Message Wall switch) and whom
 * the writer may find at all (E4 E5: lib/access/pickers.ts). Never the writer, never blocked
 * people (the people search leaves them out). The caller checked the writer may use the wall.
 */
import { sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { people } from "@/db/schema";
import { appEnabledSql, externalSwitchOn } from "@/lib/access/external-access";
import { pickPeople } from "@/lib/access/pickers";
import type { AccessSubject } from "@/lib/access/types";
import { MENTION_QUERY_MIN, MENTION_SUGGESTIONS_MAX, type MentionSuggestion } from "@/lib/mentions/schemas";

/** SQL on `people`: the person may use the wall (mayUseAppSql, per row). */
export function personMayUseWall(): ReturnType<typeof sql> {
  return sql`(${appEnabledSql("messageWall")} and (${people.audience} = 'organisational' or ${externalSwitchOn("messageWall")}))`;
}

export async function suggestWallMentions(writer: AccessSubject, query: string, options: { db?: Db; limit?: number } = {}): Promise<MentionSuggestion[]> {
  if (query.trim().length < MENTION_QUERY_MIN) return [];
  const db = options.db ?? (await getDb());
  const found = await pickPeople(writer, query, { db, limit: options.limit ?? MENTION_SUGGESTIONS_MAX, excludeIds: [writer.id], where: personMayUseWall() });
  return found.map((p) => ({ id: p.id, name: p.name, audience: p.audience }));
}
