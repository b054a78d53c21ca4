import "server-only";
/**
 * The e-mail group membership sends (G1, G5), queued in the transaction of the change
 * (lib/mail/outbox.ts), so a message exists only if the change committed:
 *   - a new join request → the group's admins;
 *   - a decided request → the requester, only while they may view the group (a group
 *     that became secret is never named to someone outside it, C4);
 *   - an invitation → the invitee (who may view the group they are invited to).
 * Blocked people get nothing. Idempotency keys make a retried transaction one mail.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { groupMembers, people } from "@/db/schema";
import { can } from "@/lib/access/policies";
import { queueMail } from "@/lib/mail/outbox";
import { renderGroupInvitation } from "@/lib/mail/templates/group-invitation";
import { renderGroupRequest } from "@/lib/mail/templates/group-request";
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

/** G1: every unblocked admin of the group hears of a new request. */
export async function mailAdminsOfRequest(tx: Db, group: MailGroup, request: { id: number; requesterName: string; message: string }): Promise<void> {
  const admins = await tx
    .select({ id: people.id, email: people.email })
    .from(groupMembers)
    .innerJoin(people, eq(people.id, groupMembers.personId))
    .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.isAdmin, true), eq(people.blocked, false)));
  if (!admins.length) return;
  const mail = await renderGroupRequest({ groupName: group.name, requesterName: request.requesterName, message: request.message, url: url(groupManagePath(group.slug)) });
  for (const admin of admins) {
    await queueMail(tx, { idempotencyKey: `group-request:${request.id}:${admin.id}`, recipientId: admin.id, to: admin.email, ...mail });
  }
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

/** G5: the invitee hears of the invitation, with a link to the group. */
export async function mailInvitation(tx: Db, group: MailGroup, invitation: { id: number; personId: string; inviterName: string }): Promise<void> {
  const person = await recipient(tx, invitation.personId);
  if (!person) return;
  const mail = await renderGroupInvitation({ groupName: group.name, inviterName: invitation.inviterName, url: url(groupPath(group.slug)), invitationsUrl: url(INVITATIONS_PATH) });
  await queueMail(tx, { idempotencyKey: `group-invitation:${invitation.id}`, recipientId: person.id, to: person.email, ...mail });
}
