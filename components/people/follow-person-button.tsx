"use client";
/** K4: follow or unfollow a person from their profile; saved at once, announced, put back on refusal. */
import { ToggleButton } from "@/components/reactions/toggle-button";
import { useFeedback, useOptimisticAction } from "@/components/reactions/use-optimistic-action";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { followPersonAction } from "@/lib/reactions/actions";

export function FollowPersonButton({ personId, following, name }: { personId: string; following: boolean; name: string }) {
  const feedback = useFeedback();
  const follow = useOptimisticAction(following, feedback);
  const toggle = () => {
    const next = !follow.state;
    follow.run(
      next,
      () => followPersonAction({ personId, follow: next }),
      (d) => (d.following ? `You follow ${name}.` : `You no longer follow ${name}.`),
    );
  };
  return (
    <div>
      <ToggleButton label="Follow" pressed={follow.state} busy={follow.pending} onToggle={toggle} />
      <ActionFeedback status={feedback.status} error={feedback.error} />
    </div>
  );
}
