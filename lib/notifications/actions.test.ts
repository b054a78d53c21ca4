/**
 * K5 M8: the notification actions as a browser calls them (defineAction): the preferences
 * form (bad input answers clearly and changes nothing), marking one's own notifications
 * read (never someone else's), and the bell's count.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import { notificationPreferences, notifications } from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut } from "@/lib/testing/harness";
import { recordNotificationEvent } from "./events";
import { expandDueEvents } from "./fan-out";
import { DEFAULT_DELIVERY } from "./kinds";

const actions = await import("./actions");
const { SIGNED_OUT_MESSAGE } = await import("@/lib/actions");

const ORG = {
  people: [
    { email: "ann@k5.test", name: "Ann Author", audience: "organisational" },
    { email: "ed@k5.test", name: "Ed Editor", audience: "organisational" },
    { email: "mo@k5.test", name: "Mo Manager", audience: "organisational" },
  ],
  sections: [{ slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: "ed@k5.test", role: "editor" }, { person: "mo@k5.test", role: "manager" }] }],
  content: [{ key: "item", type: "news", title: "Hello", body: "", section: "news", author: "ann@k5.test", status: "published" }],
};

let h: Harness;
const TABLES = [notificationPreferences, notifications];

beforeAll(async () => {
  h = await createHarness(ORG);
  for (let i = 0; i < 3; i++) await recordNotificationEvent(h.db, { kind: "content", actorId: h.person("ann@k5.test"), contentId: h.content("item"), detail: "updated" });
  await expandDueEvents(h.db);
});
afterAll(async () => h?.close());

const audits = async (action: string) =>
  rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from audit_events where action = ${action}`))[0]!.n;

describe("e-mail preferences (K5)", () => {
  it("saves every kind at once, storing only what differs from the defaults (audited, M8)", async () => {
    await signInAs("ed@k5.test");
    const wanted = { ...DEFAULT_DELIVERY, content_role: "immediate" as const, mention: "off" as const };
    expect(await actions.saveNotificationPreferencesAction(wanted)).toEqual({ ok: true, data: { changed: ["mention", "content_role"] } });
    const rows = await h.db.select().from(notificationPreferences).where(eq(notificationPreferences.personId, h.person("ed@k5.test")));
    expect(rows.map((r) => `${r.kind}:${r.delivery}`).sort()).toEqual(["content_role:immediate", "mention:off"]);
    // Back to the defaults: no rows left.
    expect(await actions.saveNotificationPreferencesAction(DEFAULT_DELIVERY)).toMatchObject({ ok: true });
    expect(await h.db.select().from(notificationPreferences)).toEqual([]);
    expect(await audits("notifications.preferences.save")).toBe(2);
  });

  it("bad input answers with a clear message beside the field and changes nothing", async () => {
    await signInAs("ed@k5.test");
    await actions.saveNotificationPreferencesAction({ ...DEFAULT_DELIVERY, reply: "off" });
    await expectUnchanged(TABLES, async () => {
      const bad = await actions.saveNotificationPreferencesAction({ ...DEFAULT_DELIVERY, mention: "weekly" });
      expect(bad).toEqual({ ok: false, fieldErrors: { mention: "Choose at once, daily digest or off." } });
      const missing = await actions.saveNotificationPreferencesAction({ mention: "off" });
      expect(missing.ok).toBe(false);
      expect(!missing.ok && missing.fieldErrors?.reply).toBe("Choose at once, daily digest or off.");
      expect(await actions.saveNotificationPreferencesAction("nonsense")).toMatchObject({ ok: false });
    });
  });
});

describe("marking read and the bell's count (K5)", () => {
  it("counts one's own unread; marks one read, then all; someone else's id changes nothing", async () => {
    await signInAs("mo@k5.test");
    expect(await actions.unreadCountAction({})).toEqual({ ok: true, data: 3 });
    const [first, ...rest] = await h.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.recipientId, h.person("mo@k5.test")));
    expect(await actions.markNotificationReadAction({ id: first!.id })).toEqual({ ok: true, data: { changed: true } });
    expect(await actions.markNotificationReadAction({ id: first!.id })).toEqual({ ok: true, data: { changed: false } }); // a double click
    expect(await actions.unreadCountAction({})).toEqual({ ok: true, data: 2 });
    // Ed may not mark Mo's notification read.
    await signInAs("ed@k5.test");
    await expectUnchanged([notifications], async () => {
      expect(await actions.markNotificationReadAction({ id: rest[0]!.id })).toEqual({ ok: true, data: { changed: false } });
      expect(await actions.markNotificationReadAction({ id: "x" })).toEqual({ ok: false, fieldErrors: { id: "Choose a notification." } });
    });
    expect(await actions.markAllNotificationsReadAction({})).toEqual({ ok: true, data: { marked: 3 } });
    expect(await actions.unreadCountAction({})).toEqual({ ok: true, data: 0 });
    await signInAs("mo@k5.test");
    expect(await actions.unreadCountAction({})).toEqual({ ok: true, data: 2 });
  });

  it("a signed-out caller gets nothing and changes nothing", async () => {
    signOut();
    await expectUnchanged(TABLES, async () => {
      expect(await actions.unreadCountAction({})).toEqual({ ok: false, formError: SIGNED_OUT_MESSAGE });
      expect(await actions.markAllNotificationsReadAction({})).toEqual({ ok: false, formError: SIGNED_OUT_MESSAGE });
      expect(await actions.saveNotificationPreferencesAction(DEFAULT_DELIVERY)).toEqual({ ok: false, formError: SIGNED_OUT_MESSAGE });
    });
  });
});
