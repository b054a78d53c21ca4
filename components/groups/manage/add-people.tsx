"use client";
import { useCallback } from "react";
import { ChoosePeople, type ChoosePeopleWords } from "@/components/ui/choose-people";
import { problemOf } from "@/lib/action-result";
import { addGroupMembersAction, inviteToGroupAction, searchPeopleForGroup } from "@/lib/groups/actions";
import { GROUP_S8_ACKNOWLEDGEMENT, peopleToGroupForm } from "@/lib/groups/schemas";

const WORDS: Record<"add" | "invite", ChoosePeopleWords> = {
  add: { open: "+ Add members", title: "Add members", review: "Check before adding", confirm: "Add", busy: "Adding…", lead: "adding", label: "People to add" },
  invite: { open: "+ Invite people", title: "Invite people", review: "Check before inviting", confirm: "Send invitations", busy: "Inviting…", lead: "inviting", label: "People to invite", join: true },
};

const count = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

/**
 * G5: an admin adds members straight away ("add") or invites people, who accept or decline
 * ("invite"); the review names the external ones and asks for S8's acknowledgement.
 */
export function AddPeople({ mode, groupId, groupName, exclude, onDone }: { mode: "add" | "invite"; groupId: number; groupName: string; exclude: string[]; onDone: (m: string) => void }) {
  const search = useCallback(
    async (query: string) => {
      const result = await searchPeopleForGroup({ groupId, query });
      if (!result.ok) throw new Error(problemOf(result) ?? "failed");
      return result.data;
    },
    [groupId],
  );
  type Outcome = { added: number } | { invited: number; skipped: number };
  return (
    <ChoosePeople<Outcome>
      words={WORDS[mode]}
      placeName={groupName}
      schema={peopleToGroupForm}
      action={mode === "add" ? addGroupMembersAction : inviteToGroupAction}
      toInput={(personIds, acknowledgeExternal) => ({ groupId, personIds, acknowledgeExternal })}
      search={search}
      acknowledgement={GROUP_S8_ACKNOWLEDGEMENT}
      describe={(data) =>
        "added" in data
          ? `Added ${count(data.added)} to ${groupName}.`
          : `Invited ${count(data.invited)} to ${groupName}${data.skipped ? ` (${data.skipped} already a member or invited)` : ""}.`
      }
      exclude={exclude}
      onDone={onDone}
    />
  );
}
