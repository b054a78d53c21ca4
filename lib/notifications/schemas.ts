/**
 * K5: the inputs of the notification actions, parsed on the server and, for the
 * preferences form, in the browser with the same schema.
 */
import { z } from "zod";
import { DELIVERIES, NOTIFICATION_KINDS, type NotificationKind } from "./kinds";

const delivery = z.enum(DELIVERIES, { message: "Choose at once, daily digest or off." });

export const preferencesInput = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, delivery])) as Record<NotificationKind, typeof delivery>,
);
export type PreferencesInput = z.output<typeof preferencesInput>;

export const markReadInput = z.object({
  id: z.number({ message: "Choose a notification." }).int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const noInput = z.object({});
