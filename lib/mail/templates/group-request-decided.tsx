/**
 * G1: the requester hears whether their request to join was approved or declined. Sent
 * only when the requester may view the group at that moment (lib/groups/mail.ts): a
 * group that became secret is never named to someone outside it.
 */
import { Text } from "@react-email/components";
import { oneLine } from "./content-notification";
import { MailLayout, MailLink, mailText as text, renderMail } from "./layout";

export interface GroupRequestDecidedProps {
  groupName: string;
  approved: boolean;
  /** The group's page (absolute when the public address is known). */
  url: string;
}

export const groupRequestDecidedSubject = (p: Pick<GroupRequestDecidedProps, "groupName" | "approved">) =>
  p.approved ? `You have joined ${oneLine(p.groupName, 100)}` : `Your request to join ${oneLine(p.groupName, 100)} was declined`;

export function GroupRequestDecidedEmail(p: GroupRequestDecidedProps) {
  return (
    <MailLayout preview={groupRequestDecidedSubject(p)} heading={groupRequestDecidedSubject(p)}>
      {p.approved ? (
        <>
          <Text style={text}>An admin of {oneLine(p.groupName, 100)} approved your request: you are now a member.</Text>
          <Text style={text}>
            <MailLink href={p.url}>Open the group</MailLink>
          </Text>
        </>
      ) : (
        <Text style={text}>An admin of {oneLine(p.groupName, 100)} declined your request to join. You can ask again later from the group&apos;s page.</Text>
      )}
    </MailLayout>
  );
}

export function renderGroupRequestDecided(p: GroupRequestDecidedProps) {
  return renderMail(groupRequestDecidedSubject(p), <GroupRequestDecidedEmail {...p} />);
}
