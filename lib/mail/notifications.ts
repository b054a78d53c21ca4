import "server-only";
/**
 * S7 notifications: when an item is created, updated or published, the people holding a
 * section role (manager, editor or author — held on the section or on one above it, S7
 * cascade) in the item's home section or in a section it is shared into are e-mailed —
 * except blocked people, the person who made the change, and anyone who cannot view the
 * item itself (C2, C4: decided by `visibleContent`, the predicate every page and listing
 * uses, evaluated with each recipient as the viewer). So a draft reaches only the
 * editors and managers of its home section (and its author, when someone else saved it).
 *
 * Called by the authoring actions inside the transaction of the change: the messages
 * are queued (lib/mail/outbox.ts) if and only if the change commits.
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { content, sections } from "@/db/schema";
import { isUuid } from "@/db/sql";
import { visibleContent } from "@/lib/access/filters";
import { plainText } from "@/lib/content/sanitize";
import { type QueuedMail, enqueueMails, isSingleAddress } from "./outbox";
import { type ContentEvent, type SectionRoleName, renderContentNotification } from "./templates/content-notification";
import { publicOrigin } from "@/lib/site-url";

export interface ContentNotificationArgs {
  contentId: string;
  event: ContentEvent;
  actor: { id: string; name: string };
}

interface Candidate {
  id: string;
  email: string;
  audience: "organisational" | "external";
  is_webmaster: boolean;
  role: SectionRoleName;
  role_section_id: number;
  via_section_id: number;
}

// Candidates are checked for visibility this many at a time (one query per chunk).
const VISIBILITY_CHUNK = 500;

/** The site's public address for links in e-mails (lib/site-url.ts). */
export const siteOrigin = publicOrigin;

export function notificationKey(event: ContentEvent, contentId: string, version: number, recipientId: string): string {
  return `content-${event}:${contentId}:${version}:${recipientId}`;
}

/** Queues the S7 notifications for one change of one item; answers how many were queued. */
export async function queueContentNotifications(tx: Db, args: ContentNotificationArgs): Promise<number> {
  const { contentId, event, actor } = args;
  if (!isUuid(contentId)) return 0;
  const [item] = await tx
    .select({
      id: content.id,
      title: content.title,
      body: content.body,
      status: content.status,
      version: content.version,
      homeSectionId: content.homeSectionId,
    })
    .from(content)
    .where(eq(content.id, contentId))
    .limit(1);
  // Items homed in a group have no section roles (S7 roles belong to sections; groups
  // have admins instead), so this rule notifies nobody about them.
  if (!item || item.homeSectionId === null) return 0;

  // Role holders reaching the home section or a section the item is shared into, through a
  // role there or on any section above (section_closure). One row per person: the home
  // section first, then the strongest role, then the nearest section holding it.
  const candidates = rowsOf<Candidate>(
    await tx.execute(sql`
      with item_sections as (
        select ${item.homeSectionId}::int as section_id, true as is_home
        union all
        select cs.section_id, false from content_shares cs where cs.content_id = ${contentId}::uuid
      )
      select distinct on (p.id)
        p.id, p.email, p.audience::text as audience,
        (p.audience = 'organisational' and 'webmaster' = any(p.roles)) as is_webmaster,
        sr.role::text as role, sr.section_id as role_section_id, isec.section_id as via_section_id
      from item_sections isec
      join section_closure sc on sc.descendant_id = isec.section_id
      join section_roles sr on sr.section_id = sc.ancestor_id
      join people p on p.id = sr.person_id
      where not p.blocked and p.id <> ${actor.id}::uuid
      order by p.id, isec.is_home desc,
        case sr.role when 'manager' then 0 when 'editor' then 1 else 2 end,
        sc.depth
    `),
  );
  if (!candidates.length) return 0;

  // C2/C4: only people who can view the item itself, each asked with the very predicate
  // the app's pages use, as that person. visibleContent branches on audience and
  // webmaster (isWebmaster as loadViewer derives it), so the candidates are asked in at
  // most three groups; within a group the viewer's id is the candidate row's own column,
  // so one query answers for every candidate in it.
  const allowed = new Set<string>();
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.audience}:${c.is_webmaster}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  for (const group of groups.values()) {
    const { audience, is_webmaster: isWebmaster } = group[0]!;
    for (let i = 0; i < group.length; i += VISIBILITY_CHUNK) {
      const ids = sql.join(
        group.slice(i, i + VISIBILITY_CHUNK).map((c) => sql`(${c.id}::uuid)`),
        sql`, `,
      );
      // The filters only ever interpolate viewer.id into SQL, so a column stands in for it.
      const viewerId = sql`candidate.person_id` as unknown as string;
      const rows = rowsOf<{ person_id: string }>(
        await tx.execute(sql`
          select candidate.person_id from (values ${ids}) as candidate(person_id)
          where exists (
            select 1 from ${content} where ${content.id} = ${contentId}::uuid
            and ${visibleContent({ id: viewerId, audience, isWebmaster })}
          )`),
      );
      for (const row of rows) allowed.add(row.person_id);
    }
  }
  const recipients = candidates.filter((c) => allowed.has(c.id));
  if (!recipients.length) return 0;

  const sectionIds = [...new Set(recipients.flatMap((r) => [r.via_section_id, r.role_section_id]))];
  const titles = new Map(
    (await tx.select({ id: sections.id, title: sections.title }).from(sections).where(inArray(sections.id, sectionIds))).map((s) => [s.id, s.title]),
  );

  const origin = siteOrigin();
  const common = {
    event,
    title: item.title,
    actorName: actor.name,
    url: `${origin}/content/${item.id}`,
    excerpt: plainText(item.body, 300),
    isDraft: item.status === "draft",
  };
  // The same words go to everyone with the same role, via the same sections: render once each.
  const rendered = new Map<string, ReturnType<typeof renderContentNotification>>();
  const messages: QueuedMail[] = [];
  for (const r of recipients) {
    if (!isSingleAddress(r.email)) {
      // Never block the author's change over one unusable address; say who, not what.
      console.warn(`notification for person ${r.id} skipped: their e-mail address cannot be used`);
      continue;
    }
    const reasonKey = `${r.via_section_id}:${r.role}:${r.role_section_id}`;
    let message = rendered.get(reasonKey);
    if (!message) {
      message = renderContentNotification({
        ...common,
        sectionTitle: titles.get(r.via_section_id) ?? "",
        role: r.role,
        roleSectionTitle: titles.get(r.role_section_id) ?? "",
      });
      rendered.set(reasonKey, message);
    }
    const { subject, html, text } = await message;
    messages.push({ idempotencyKey: notificationKey(event, item.id, item.version, r.id), recipientId: r.id, to: r.email, subject, html, text });
  }
  return enqueueMails(tx, messages);
}
