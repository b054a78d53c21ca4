"use client";
/** K4: follow or unfollow a section or a group, beside its title; saved at once, announced, put back on refusal. */
import { ActionFeedback } from "@/components/ui/action-feedback";
import { followGroupAction, followSectionAction } from "@/lib/reactions/actions";
import { ToggleButton } from "./toggle-button";
import { useFeedback, useOptimisticAction } from "./use-optimistic-action";

export function FollowButton({ target, following, name }: { target: { kind: "section" | "group"; id: number }; following: boolean; name: string }) {
  const feedback = useFeedback();
  const follow = useOptimisticAction(following, feedback);
  const toggle = () => {
    const next = !follow.state;
    const call = () => (target.kind === "section" ? followSectionAction({ sectionId: target.id, follow: next }) : followGroupAction({ groupId: target.id, follow: next }));
    follow.run(next, call, (d) => (d.following ? `You follow ${name}.` : `You no longer follow ${name}.`));
  };
  return (
    <div>
      <ToggleButton label="Follow" pressed={follow.state} busy={follow.pending} onToggle={toggle} />
      <ActionFeedback status={feedback.status} error={feedback.error} />
    </div>
  );
}
