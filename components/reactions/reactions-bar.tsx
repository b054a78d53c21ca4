"use client";
/**
 * K4 E3: favourite, follow and rate an item, under its byline. Each control changes at
 * once and is saved by its server action (lib/reactions/actions.ts), which checks the
 * viewer may view the item; a refusal puts the control back and says why. Outcomes are
 * announced (role=status); toggles carry aria-pressed.
 */
import { ActionFeedback } from "@/components/ui/action-feedback";
import { favouriteAction, followItemAction, rateAction } from "@/lib/reactions/actions";
import { RATING_MAX } from "@/lib/reactions/schemas";
import { ToggleButton } from "./toggle-button";
import { useFeedback, useOptimisticAction } from "./use-optimistic-action";

export interface ReactionsBarProps {
  id: string;
  favourite: boolean;
  following: boolean;
  myRating: number | null;
  ratingCount: number;
  ratingAverage: number | null;
  /** Rating needs a published item. */
  mayRate: boolean;
}

const stars = (n: number) => `${n} star${n === 1 ? "" : "s"}`;

/** "4.5 from 2 ratings", or that nobody has rated yet. */
export function ratingSummary(count: number, average: number | null): string {
  if (count === 0 || average === null) return "Not rated yet";
  return `Rated ${average.toFixed(1).replace(/\.0$/, "")} out of ${RATING_MAX} from ${count} rating${count === 1 ? "" : "s"}`;
}

export function ReactionsBar(props: ReactionsBarProps) {
  const feedback = useFeedback();
  const favourite = useOptimisticAction(props.favourite, feedback);
  const follow = useOptimisticAction(props.following, feedback);
  const rating = useOptimisticAction({ mine: props.myRating, count: props.ratingCount, average: props.ratingAverage }, feedback);

  const rate = (value: number | null) =>
    rating.run(
      { ...rating.state, mine: value },
      () => rateAction({ id: props.id, stars: value }),
      (data) => (data.myRating === null ? "Your rating is removed." : `You rated this ${stars(data.myRating)}.`),
      (data) => ({ mine: data.myRating, count: data.ratingCount, average: data.ratingAverage }),
    );

  return (
    <section aria-label="Favourite, follow and rate" className="mt-4">
      <div className="flex flex-wrap items-center gap-3">
        <ToggleButton
          label="Favourite"
          pressed={favourite.state}
          busy={favourite.pending}
          onToggle={() =>
            favourite.run(!favourite.state, () => favouriteAction({ id: props.id, favourite: !favourite.state }), (d) =>
              d.favourite ? "Added to your favourites." : "Removed from your favourites.",
            )
          }
        />
        <ToggleButton
          label="Follow"
          pressed={follow.state}
          busy={follow.pending}
          onToggle={() =>
            follow.run(!follow.state, () => followItemAction({ id: props.id, follow: !follow.state }), (d) =>
              d.following ? "You follow this item." : "You no longer follow this item.",
            )
          }
        />
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        {props.mayRate ? (
          <div role="group" aria-label="Your rating" className="flex flex-wrap items-center gap-1">
            <span aria-hidden="true" className="mr-1 font-semibold">
              Your rating:
            </span>
            {Array.from({ length: RATING_MAX }, (_, i) => i + 1).map((n) => {
              const lit = rating.state.mine !== null && n <= rating.state.mine;
              return (
                <button
                  key={n}
                  type="button"
                  aria-pressed={rating.state.mine === n}
                  aria-label={`Rate ${stars(n)}`}
                  onClick={() => rate(n)}
                  className={`min-h-11 min-w-11 rounded border-2 text-xl ${lit ? "border-yellow-700 bg-yellow-100 text-yellow-900" : "border-gray-400 bg-white text-gray-700"} hover:border-gray-900`}
                >
                  <span aria-hidden="true">{lit ? "★" : "☆"}</span>
                </button>
              );
            })}
            {rating.state.mine !== null ? (
              <button type="button" onClick={() => rate(null)} className="ml-2 min-h-11 text-brand-700 underline">
                Remove my rating
              </button>
            ) : null}
          </div>
        ) : null}
        <p className="text-gray-700">{ratingSummary(rating.state.count, rating.state.average)}</p>
      </div>
      <ActionFeedback status={feedback.status} error={feedback.error} />
    </section>
  );
}
