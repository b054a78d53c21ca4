import "server-only";
/**
 * E6 K5: at a save that leaves an item published, the people its rich text mentions who
 * were not mentioned in its last published version are recorded as one content_mention
 * event, in the authoring transaction (lib/notifications/events.ts). A draft's saves record
 * nothing: its mentions count when it is published, against what was last published, so a
 * mention written in a draft reaches people once they can open the item. Whether each
 * person may view the item is decided again when the event is expanded and shown (C4 E6).
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contentVersions, people } from "@/db/schema";
import { recordNotificationEvent } from "@/lib/notifications/events";
import { mentionedIdsInHtml } from "./rich-text";

/**
 * Call before the save's own version is written: "last published" is then the version
 * before this save. `html` is the saved (sanitised) body.
 */
export async function recordNewContentMentions(tx: Db, args: { contentId: string; actorId: string; html: string; status: "draft" | "published" }): Promise<string[]> {
  if (args.status !== "published") return [];
  const now = mentionedIdsInHtml(args.html).filter((id) => id !== args.actorId.toLowerCase());
  if (!now.length) return [];
  const [previous] = await tx
    .select({ body: contentVersions.body })
    .from(contentVersions)
    .where(and(eq(contentVersions.contentId, args.contentId), eq(contentVersions.status, "published")))
    .orderBy(desc(contentVersions.version))
    .limit(1);
  const before = new Set(previous ? mentionedIdsInHtml(previous.body) : []);
  const fresh = now.filter((id) => !before.has(id));
  if (!fresh.length) return [];
  // Only ids of people who exist: a made-up id in pasted HTML names nobody.
  const existing = new Set((await tx.select({ id: people.id }).from(people).where(inArray(people.id, fresh))).map((r) => r.id.toLowerCase()));
  const mentioned = fresh.filter((id) => existing.has(id));
  if (mentioned.length) await recordNotificationEvent(tx, { kind: "content_mention", actorId: args.actorId, contentId: args.contentId, mentionedIds: mentioned });
  return mentioned;
}
