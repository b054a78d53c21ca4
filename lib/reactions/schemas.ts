/**
 * K4 E3: the inputs of favouriting, rating and following, shared by the buttons and the
 * server actions that parse them again. No server-only imports here.
 */
import { z } from "zod";
import { dbId } from "@/lib/validation/text";

const itemId = z.uuid("This item could not be found. Reload the page.");

export const RATING_MIN = 1;
export const RATING_MAX = 5;

/** Favourite (true) or stop (false): saying the same twice changes nothing. */
export const favouriteInput = z.object({ id: itemId, favourite: z.boolean() });

/** K4: 1 to 5 stars, or null to take one's rating away. */
export const rateInput = z.object({
  id: itemId,
  stars: z
    .number({ error: `Choose from ${RATING_MIN} to ${RATING_MAX} stars.` })
    .int(`Choose from ${RATING_MIN} to ${RATING_MAX} stars.`)
    .min(RATING_MIN, `Choose from ${RATING_MIN} to ${RATING_MAX} stars.`)
    .max(RATING_MAX, `Choose from ${RATING_MIN} to ${RATING_MAX} stars.`)
    .nullable(),
});

/** Follow (true) or unfollow (false) one thing; each kind names its id in the field its policy reads. */
export const followItemInput = z.object({ id: itemId, follow: z.boolean() });
export const followSectionInput = z.object({ sectionId: dbId("This section could not be found. Reload the page."), follow: z.boolean() });
export const followGroupInput = z.object({ groupId: dbId("This group could not be found. Reload the page."), follow: z.boolean() });
export const followPersonInput = z.object({ personId: z.uuid("This person could not be found. Reload the page."), follow: z.boolean() });

export type FollowTarget =
  | { kind: "content"; id: string }
  | { kind: "section"; id: number }
  | { kind: "group"; id: number }
  | { kind: "person"; id: string }
  | { kind: "idea"; id: string };
