/**
 * C7: the calendar feed's forms, shared by the page's buttons (client) and the actions. They
 * carry nothing: whose feed is always the viewer's own. Client-safe.
 */
import { z } from "zod";

export const calendarFeedInput = z.object({});
export type CalendarFeedForm = z.input<typeof calendarFeedInput>;
