/**
 * G1, G2: a group's admins are told that someone asked to join. Every value is text that
 * React escapes; the requester's note is plain text. Only the group's admins receive it,
 * and they may view the group whatever its visibility.
 */
import { Text } from "@react-email/components";
import { oneLine } from "./content-notification";
import { MailLayout, MailLink, mailSmallText, mailText as text, renderMail } from "./layout";

export interface GroupRequestProps {
  groupName: string;
  requesterName: string;
  /** The requester's note; "" when they wrote none. */
  message: string;
  /** The group's manage page (absolute when the public address is known). */
  url: string;
}

export const groupRequestSubject = (p: Pick<GroupRequestProps, "groupName" | "requesterName">) =>
  `${oneLine(p.requesterName, 80)} asks to join ${oneLine(p.groupName, 80)}`;

export function GroupRequestEmail(p: GroupRequestProps) {
  return (
    <MailLayout preview={groupRequestSubject(p)} heading={`A request to join ${oneLine(p.groupName, 100)}`}>
      <Text style={text}>{oneLine(p.requesterName, 100)} asks to join {oneLine(p.groupName, 100)}, a group you administer.</Text>
      {p.message ? <Text style={{ ...text, whiteSpace: "pre-line", borderLeft: "4px solid #d1d5db", paddingLeft: "12px" }}>{p.message}</Text> : null}
      <Text style={text}>
        <MailLink href={p.url}>Approve or decline the request</MailLink>
      </Text>
      <Text style={mailSmallText}>You receive this because you are an admin of the group.</Text>
    </MailLayout>
  );
}

export function renderGroupRequest(p: GroupRequestProps) {
  return renderMail(groupRequestSubject(p), <GroupRequestEmail {...p} />);
}
