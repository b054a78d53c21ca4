"use client";
/**
 * K4: favourite a wall post. The button and the count change at once and are saved by
 * favouriteWallPostAction (which checks the viewer may read the post); a refusal puts both
 * back and says why. The outcome is announced (role=status); the button carries aria-pressed.
 */
import { ToggleButton } from "@/components/reactions/toggle-button";
import { useFeedback, useOptimisticAction } from "@/components/reactions/use-optimistic-action";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { favouriteWallPostAction } from "@/lib/wall/actions";

export const favouritesText = (n: number) => `${n} favourite${n === 1 ? "" : "s"}`;

export function WallFavouriteButton({ postId, favourite, count }: { postId: string; favourite: boolean; count: number }) {
  const feedback = useFeedback();
  const fav = useOptimisticAction({ on: favourite, count }, feedback);
  const toggle = () => {
    const on = !fav.state.on;
    fav.run(
      { on, count: Math.max(fav.state.count + (on ? 1 : -1), 0) },
      () => favouriteWallPostAction({ postId, favourite: on }),
      (d) => (d.favourite ? "Added to your favourites." : "Removed from your favourites."),
      (d) => ({ on: d.favourite, count: d.count }),
    );
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      <ToggleButton label="Favourite" pressed={fav.state.on} busy={fav.pending} onToggle={toggle} />
      <span className="text-sm text-gray-800">{favouritesText(fav.state.count)}</span>
      <ActionFeedback status={feedback.status} error={feedback.error} />
    </div>
  );
}
