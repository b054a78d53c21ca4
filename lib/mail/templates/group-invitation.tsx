/**
 * G5: someone is invited to join a group. The invitee may view the group they are
 * invited to (lib/access/filters.ts#visibleGroups), secret ones included; its content
 * stays for members until they accept.
 */
import { Text } from "@react-email/components";
import { oneLine } from "./content-notification";
import { MailLayout, MailLink, mailSmallText, mailText as text, renderMail } from "./layout";

export interface GroupInvitationProps {
  groupName: string;
  inviterName: string;
  /** The group's page, where the invitation is accepted or declined (absolute when the public address is known). */
  url: string;
  /** The list of one's invitations and requests. */
  invitationsUrl: string;
}

export const groupInvitationSubject = (p: Pick<GroupInvitationProps, "groupName" | "inviterName">) =>
  `${oneLine(p.inviterName, 80)} invites you to join ${oneLine(p.groupName, 80)}`;

export function GroupInvitationEmail(p: GroupInvitationProps) {
  return (
    <MailLayout preview={groupInvitationSubject(p)} heading={`You are invited to join ${oneLine(p.groupName, 100)}`}>
      <Text style={text}>{oneLine(p.inviterName, 100)} invites you to join the group {oneLine(p.groupName, 100)} on Portico.</Text>
      <Text style={text}>
        <MailLink href={p.url}>Open the group to accept or decline</MailLink>
      </Text>
      <Text style={mailSmallText}>
        All your invitations are also listed at <MailLink href={p.invitationsUrl}>Invitations and requests</MailLink>.
      </Text>
    </MailLayout>
  );
}

export function renderGroupInvitation(p: GroupInvitationProps) {
  return renderMail(groupInvitationSubject(p), <GroupInvitationEmail {...p} />);
}
