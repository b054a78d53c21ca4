import "server-only";
/**
 * The e-mail group membership sends itself (G1), queued in the transaction of the change
 * (lib/mail/outbox.ts), so a message exists only if the change committed: a decided
 * request → the requester, only while they may view the group (a group that became
 * secret is never named to someone outside it, C4). Blocked people get nothing.
 * New requests (to the admins) and invitations (to the invitees) are notifications
 * (K5, lib/notifications), e-mailed as each person prefers.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people } from "@/db/schema";
import { can } from "@/lib/access/policies";
import { queueMail } from "@/lib/mail/outbox";
import { renderGroupRequestDecided } from "@/lib/mail/templates/group-request-decided";
import { publicOrigin } from "@/lib/site-url";

export interface MailGroup {
  id: number;
  slug: string;
  name: string;
}

export const groupPath = (slug: string) => `/groups/${encodeURIComponent(slug)}`;
export const groupManagePath = (slug: string) => `${groupPath(slug)}/manage`;
export const INVITATIONS_PATH = "/groups/invitations";
const url = (path: string) => `${publicOrigin()}${path}`;

async function recipient(tx: Db, personId: string) {
  const [row] = await tx
    .select({ id: people.id, email: people.email, name: people.name, audience: people.audience, roles: people.roles, blocked: people.blocked })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  return row && !row.blocked ? row : null;
}

/** G1: the requester hears the decision, if they may view the group now (never a secret group's name to an outsider). */
export async function mailRequestDecision(tx: Db, group: MailGroup, request: { id: number; personId: string; approved: boolean }): Promise<boolean> {
  const person = await recipient(tx, request.personId);
  if (!person) return false;
  const subject = { id: person.id, audience: person.audience, isWebmaster: person.audience === "organisational" && person.roles.includes("webmaster") };
  if (!(await can(subject, "group.view", { kind: "group", id: group.id }, tx))) return false;
  const mail = await renderGroupRequestDecided({ groupName: group.name, approved: request.approved, url: url(groupPath(group.slug)) });
  await queueMail(tx, { idempotencyKey: `group-request-decided:${request.id}`, recipientId: person.id, to: person.email, ...mail });
  return true;
}
