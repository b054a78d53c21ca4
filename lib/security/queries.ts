import "server-only";
/**
 * Reads for the sign-in security pages: a person's own two-factor state (/me/security),
 * and the SMS outbox for webmasters (/admin/sms-outbox).
 */
import { desc, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people, smsOutbox, twoFactor } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import { canAsWebmaster } from "@/lib/access/policies";
import type { Viewer } from "@/lib/access/types";
import { smsSender } from "./sms";

export interface OwnSecurity {
  twoFactorOn: boolean;
  recoveryCodesLeft: number;
  hasPassword: boolean;
  /** The account's address, and whether the person has ever signed in through SSO (M5, which knows them by it). */
  email: string;
  usesSso: boolean;
  /** An own e-mail change waiting for its link, if any. */
  pendingEmail: { newEmail: string; expiresAt: Date } | null;
}

/** The viewer's own sign-in security, in one query: never anyone else's. */
export async function getOwnSecurity(viewer: Pick<Viewer, "id">): Promise<OwnSecurity> {
  const db = await getDb();
  const [row] = await db
    .select({
      twoFactorOn: sql<boolean>`${twoFactor.confirmedAt} is not null`,
      hasPassword: sql<boolean>`${people.passwordHash} is not null`,
      email: people.email,
      usesSso: sql<boolean>`exists (select 1 from sessions s where s.person_id = "people"."id" and s.via = 'sso')`,
      pending: sql<{ newEmail: string; expiresAt: string } | null>`(select json_build_object('newEmail', ec.new_email, 'expiresAt', ec.expires_at) from email_changes ec where ec.person_id = "people"."id" and ec.used_at is null and ec.superseded_at is null and ec.expires_at > now() order by ec.created_at desc limit 1)`,
      recoveryCodesLeft: sql<number>`(select count(*)::int from recovery_codes rc where rc.person_id = "people"."id" and rc.used_at is null)`,
    })
    .from(people)
    .leftJoin(twoFactor, eq(twoFactor.personId, people.id))
    .where(eq(people.id, viewer.id))
    .limit(1);
  const pending = typeof row?.pending === "string" ? (JSON.parse(row.pending) as { newEmail: string; expiresAt: string }) : row?.pending;
  return {
    twoFactorOn: row?.twoFactorOn === true,
    hasPassword: row?.hasPassword === true,
    recoveryCodesLeft: Number(row?.recoveryCodesLeft ?? 0),
    email: row?.email ?? "",
    usesSso: row?.usesSso === true,
    pendingEmail: pending ? { newEmail: pending.newEmail, expiresAt: new Date(pending.expiresAt) } : null,
  };
}

export const SMS_PAGE_SIZE = 50;

export interface SmsSummary {
  id: number;
  to: string;
  body: string;
  deliveredVia: string;
  createdAt: Date;
}

/** The next page starts below the last id shown; a malformed cursor reads as the first page. */
const smsCursor = cursorCodec({ id: "int" });

/** Webmasters only: texts sent, newest first, a page at a time (keyset on id). */
export async function listSmsOutbox(
  viewer: Pick<Viewer, "id" | "audience" | "isWebmaster">,
  before?: string | null,
): Promise<{ status: "forbidden" } | { status: "ok"; items: SmsSummary[]; next: string | null; sender: string }> {
  if (!canAsWebmaster(viewer, "sms.outbox.view")) return { status: "forbidden" };
  const db = await getDb();
  const beforeId = smsCursor.decode(before)?.id ?? null;
  const rows = await db
    .select({ id: smsOutbox.id, to: smsOutbox.toNumber, body: smsOutbox.body, deliveredVia: smsOutbox.deliveredVia, createdAt: smsOutbox.createdAt })
    .from(smsOutbox)
    .where(beforeId ? lt(smsOutbox.id, beforeId) : undefined)
    .orderBy(desc(smsOutbox.id))
    .limit(SMS_PAGE_SIZE + 1);
  const items = rows.slice(0, SMS_PAGE_SIZE);
  return { status: "ok", items, next: rows.length > SMS_PAGE_SIZE ? smsCursor.encode({ id: items.at(-1)!.id }) : null, sender: smsSender().name };
}
