"use server";
/**
 * K5: the notification actions. Each is built with defineAction (or defineReadAction for
 * the bell's count): the viewer re-read, the input parsed, "notifications.own" decided,
 * and changes audited (M8). A person only ever reads or marks their own notifications,
 * and each is checked again as them when it is counted or listed (C4 E6).
 */
import { revalidatePath } from "next/cache";
import { defineAction, defineReadAction } from "@/lib/actions";
import { markAllRead, markRead } from "./mutations";
import { savePreferences } from "./preferences";
import { unreadCount } from "./queries";
import { markReadInput, noInput, preferencesInput } from "./schemas";

/** The bell's unread count (polled while the page is visible). */
export const unreadCountAction = defineReadAction({
  input: noInput,
  authorize: "notifications.own",
  run: ({ viewer, db }) => unreadCount(db, viewer),
});

export const markNotificationReadAction = defineAction({
  name: "notifications.read",
  input: markReadInput,
  authorize: "notifications.own",
  run: async ({ viewer, input, tx }) => ({ changed: await markRead(tx, viewer.id, input.id) }),
  audit: (input, result) => ({ details: { id: input.id, changed: result.changed } }),
});

export const markAllNotificationsReadAction = defineAction({
  name: "notifications.readAll",
  input: noInput,
  authorize: "notifications.own",
  run: async ({ viewer, tx }) => {
    const marked = await markAllRead(tx, viewer.id);
    revalidatePath("/notifications");
    return { marked };
  },
  audit: (_input, result) => ({ details: result }),
});

export const saveNotificationPreferencesAction = defineAction({
  name: "notifications.preferences.save",
  input: preferencesInput,
  authorize: "notifications.own",
  run: async ({ viewer, input, tx }) => ({ changed: await savePreferences(tx, viewer.id, input) }),
  audit: (_input, result) => ({ details: { changed: result.changed } }),
});
