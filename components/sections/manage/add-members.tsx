"use client";
import { useCallback } from "react";
import { useImpactReview } from "@/components/access/use-impact-review";
import { ChoosePeople } from "@/components/ui/choose-people";
import { problemOf } from "@/lib/action-result";
import { addSectionMembers, previewAddMembersImpact, searchPeopleForSection } from "@/lib/sections/actions";
import { S8_ACKNOWLEDGEMENT, addMembersFormSchema } from "@/lib/sections/schemas";

const WORDS = { open: "+ Add member", title: "Add members", review: "Check before adding", confirm: "Confirm", busy: "Adding…", lead: "adding", label: "People to add" };

/** S2, B4: choose people, then review (S8: naming the external ones; what it gives them) before they become members. */
export function AddMembers({ sectionId, sectionTitle, exclude, onDone }: { sectionId: number; sectionTitle: string; exclude: string[]; onDone: (m: string) => void }) {
  const search = useCallback(
    async (query: string) => {
      const result = await searchPeopleForSection({ sectionId, query });
      if (!result.ok) throw new Error(problemOf(result) ?? "failed");
      return result.data;
    },
    [sectionId],
  );
  return (
    <ChoosePeople<{ added: number }>
      words={WORDS}
      placeName={sectionTitle}
      schema={addMembersFormSchema}
      action={addSectionMembers}
      toInput={(personIds, acknowledgeExternal, impactFingerprint) => ({ sectionId, personIds, acknowledgeExternal, impactFingerprint })}
      review={(personIds) =>
        // Called on every render by ChoosePeople, so a hook's rules hold.
        // eslint-disable-next-line react-hooks/rules-of-hooks
        useImpactReview(
          personIds && personIds.join(","),
          () => previewAddMembersImpact({ sectionId, personIds: personIds ?? [] }),
          `No one gains access: everyone chosen can already view ${sectionTitle} and the sections below it.`,
        )
      }
      search={search}
      acknowledgement={S8_ACKNOWLEDGEMENT}
      describe={({ added }) => `Added ${added} ${added === 1 ? "person" : "people"} to ${sectionTitle}.`}
      exclude={exclude}
      onDone={onDone}
    />
  );
}
