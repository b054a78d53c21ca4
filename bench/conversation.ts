/**
 * What the conversation benchmarks read for each benchmark person (K1 K5): the item their
 * /content/<id> route opens carries at least 200 comments (one in four a reply), and they
 * have 300 notifications about items they can view, 30 of them unread. Added once, when
 * missing, to whatever organisation the benchmark runs on (bench/large-org.ts fills the rest
 * of the database with comments and notifications of random people).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rowsOf } from "../db/connect";
import { visiblePublishedContent } from "../lib/access/filters";
import type { AccessSubject } from "../lib/access/types";

export const BENCH_ITEM_COMMENTS = 200;
export const BENCH_NOTIFICATIONS = 300;
const BENCH_UNREAD = 30;

export async function ensureBenchConversation(db: Db, viewer: AccessSubject, itemId: string): Promise<void> {
  const [comments] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from comments where content_id = ${itemId}::uuid`));
  const missing = BENCH_ITEM_COMMENTS - (comments?.n ?? 0);
  if (missing > 0) {
    await db.execute(sql`insert into comments (content_id, author_id, body, created_at)
      select ${itemId}::uuid, p.id, 'Benchmark comment ' || i || ': a sentence or two of plain text, as people write them.', now() - i * interval '1 hour'
      from generate_series(1, ${Math.ceil(missing * 0.75)}) i, lateral (select id from people order by id offset i limit 1) p`);
    await db.execute(sql`insert into comments (content_id, parent_id, author_id, body, created_at)
      select c.content_id, c.id, c.author_id, 'A reply to it.', c.created_at + interval '5 minutes'
      from (select * from comments where content_id = ${itemId}::uuid and parent_id is null order by created_at desc limit ${missing - Math.ceil(missing * 0.75)}) c`);
    await db.execute(sql`insert into content_conversation (content_id, comment_count)
      values (${itemId}::uuid, (select count(*)::int from comments where content_id = ${itemId}::uuid))
      on conflict (content_id) do update set comment_count = excluded.comment_count`);
  }
  const [notes] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from notifications where recipient_id = ${viewer.id}::uuid`));
  if ((notes?.n ?? 0) < BENCH_NOTIFICATIONS) {
    await db.execute(sql`insert into notifications (recipient_id, kind, actor_id, content_id, created_at, read_at, emailed_at)
      select ${viewer.id}::uuid, (array['comment_on_followed','content_followed','mention','reply'])[1 + n % 4]::notification_kind,
        actor.id, v.id, now() - n * interval '2 hours', case when n > ${BENCH_UNREAD} then now() end, now()
      from (select content.id, row_number() over (order by content.published_at desc) as n from content
        where content.status = 'published' and ${visiblePublishedContent(viewer)} order by content.published_at desc limit ${BENCH_NOTIFICATIONS}) v,
        lateral (select id from people where id <> ${viewer.id}::uuid order by id offset v.n limit 1) actor`);
  }
}
