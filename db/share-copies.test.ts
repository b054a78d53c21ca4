/**
 * content_shares carries copies of its item's status, published_at and type so shared
 * items list along an index (C1, C4). Triggers (migration 0004) must keep them right
 * whatever writes the tables, or a section would list an unpublished item.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "./connect";
import { content, contentShares, people, sections } from "./schema";
import { createTestDatabase } from "./testing";

let conn: Connection;
let itemId: string;
let otherId: string;
let sectionIds: number[];

beforeAll(async () => {
  conn = await createTestDatabase();
  const [author] = await conn.db.insert(people).values({ email: "share-author@example.org", name: "Author", audience: "organisational" }).returning();
  sectionIds = (await conn.db.insert(sections).values([{ slug: "home-s", title: "Home" }, { slug: "shared-s", title: "Shared" }]).returning()).map((s) => s.id);
  [{ id: itemId }, { id: otherId }] = await conn.db
    .insert(content)
    .values([
      { type: "news", title: "Draft news", status: "draft", authorId: author!.id, homeSectionId: sectionIds[0]! },
      { type: "policy", title: "Published policy", status: "published", publishedAt: new Date("2026-03-01T10:00:00Z"), authorId: author!.id, homeSectionId: sectionIds[0]! },
    ])
    .returning({ id: content.id }) as [{ id: string }, { id: string }];
});
afterAll(async () => conn?.close());

const copyOf = async (contentId: string) =>
  (await conn.db.select({ status: contentShares.status, publishedAt: contentShares.publishedAt, type: contentShares.type }).from(contentShares).where(eq(contentShares.contentId, contentId)))[0];

describe("share copies (C1, C4)", () => {
  it("are filled when an item is shared, whatever the insert says", async () => {
    await conn.db.execute(sql`insert into content_shares (content_id, section_id, status, type) values (${itemId}, ${sectionIds[1]!}, 'published', 'poll')`);
    expect(await copyOf(itemId)).toEqual({ status: "draft", publishedAt: null, type: "news" });
  });

  it("follow the item when it is published, unpublished or changes type", async () => {
    const at = new Date("2026-04-02T09:30:00Z");
    await conn.db.update(content).set({ status: "published", publishedAt: at }).where(eq(content.id, itemId));
    expect(await copyOf(itemId)).toEqual({ status: "published", publishedAt: at, type: "news" });
    await conn.db.update(content).set({ type: "blog" }).where(eq(content.id, itemId));
    expect((await copyOf(itemId))?.type).toBe("blog");
    await conn.db.update(content).set({ status: "draft" }).where(eq(content.id, itemId));
    expect((await copyOf(itemId))?.status).toBe("draft");
  });

  it("are taken from the new item when a share is pointed at another item", async () => {
    await conn.db.update(contentShares).set({ contentId: otherId }).where(eq(contentShares.contentId, itemId));
    expect(await copyOf(otherId)).toEqual({ status: "published", publishedAt: new Date("2026-03-01T10:00:00Z"), type: "policy" });
  });
});
