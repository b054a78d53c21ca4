"use server";
/**
 * C7: one's own calendar feed: make its address, and reset it (the old address stops working
 * at once). Each a defineAction: the viewer re-read (refused while viewing as someone, B2),
 * the input parsed, "calendarFeed.own" decided in the transaction, audited like other account
 * changes (M8; never the token or its seed).
 */
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { makeFeed, resetFeed } from "./mutations";
import { calendarFeedInput } from "./schemas";

export const makeCalendarFeedAction = defineAction({
  name: "calendar-feed.make",
  input: calendarFeedInput,
  authorize: "calendarFeed.own",
  run: async ({ viewer, tx }) => {
    const { made } = await makeFeed(tx, viewer.id);
    revalidatePath("/me/calendar");
    return { personId: viewer.id, made };
  },
  // The feed is the person's own: its target is them. Asking again when one exists changes nothing (made: false).
  audit: (_input, result) => ({ target: { type: "calendar-feed", id: result.personId }, details: { made: result.made } }),
});

export const resetCalendarFeedAction = defineAction({
  name: "calendar-feed.reset",
  input: calendarFeedInput,
  authorize: "calendarFeed.own",
  run: async ({ viewer, tx }) => {
    await resetFeed(tx, viewer.id);
    revalidatePath("/me/calendar");
    return { personId: viewer.id };
  },
  audit: (_input, result) => ({ target: { type: "calendar-feed", id: result.personId }, details: {} }),
});
