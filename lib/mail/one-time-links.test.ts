/**
 * P3, P7, M6: one-time links (welcome, password reset, e-mail change) are never readable
 * in the outbox: the list and the message page mask them. Where no mail service is
 * configured a webmaster may reveal one, as an explicit action that re-checks the right,
 * is audited and shows on the person's admin page; nobody else can, and with a mail
 * service nobody can.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, outboxMessages, people } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "@/lib/testing/harness";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { MASKED_TOKEN, ONE_TIME_LINK_PATHS, REVEAL_NO_LINK_MESSAGE, REVEAL_WITH_MAIL_SERVICE_MESSAGE, countOneTimeLinks, maskOneTimeLinks, oneTimeLinksIn } =
  await import("./one-time-links");
const { getOutboxMessage, listOutbox } = await import("./queries");
const { revealOutboxLinkAction } = await import("./reveal-action");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { sendWelcomeAction } = await import("@/lib/people/actions");
const { completeWelcomeAction } = await import("@/lib/people/welcome-action");
const { getPersonForAdmin } = await import("@/lib/people/admin-queries");
const { WELCOME_PATH, EMAIL_CHANGE_PATH } = await import("@/lib/people/welcome-token");
const { PASSWORD_RESET_PATH } = await import("@/lib/auth/password-reset");

const TOKEN = "Abc_def-0123456789abcdefghijklmnopqrstuvwxy"; // 43 characters
const ANY_LINK = /\/(?:welcome|reset-password|me\/security\/email)\/[A-Za-z0-9_-]{43}/;

describe("P3 P7 masking one-time links", () => {
  it("knows the routes' own paths", () => {
    expect(TOKEN).toHaveLength(43);
    expect(ONE_TIME_LINK_PATHS).toEqual({ welcome: WELCOME_PATH, "password-reset": PASSWORD_RESET_PATH, "email-change": EMAIL_CHANGE_PATH });
  });

  it("masks every kind, with or without the site's origin, in text and in HTML attributes", () => {
    const text = `Set it: https://portal.example.org/welcome/${TOKEN}\nOr /reset-password/${TOKEN} and /me/security/email/${TOKEN}.`;
    const masked = maskOneTimeLinks(text);
    expect(masked).not.toContain(TOKEN);
    expect(masked).toBe(`Set it: https://portal.example.org/welcome/${MASKED_TOKEN}\nOr /reset-password/${MASKED_TOKEN} and /me/security/email/${MASKED_TOKEN}.`);
    expect(maskOneTimeLinks(`<a href="/welcome/${TOKEN}">/welcome/${TOKEN}</a>`)).toBe(`<a href="/welcome/${MASKED_TOKEN}">/welcome/${MASKED_TOKEN}</a>`);
    expect(countOneTimeLinks(text)).toBe(3);
    expect(oneTimeLinksIn(text)).toEqual([
      { kind: "welcome", url: `https://portal.example.org/welcome/${TOKEN}` },
      { kind: "password-reset", url: `/reset-password/${TOKEN}` },
      { kind: "email-change", url: `/me/security/email/${TOKEN}` },
    ]);
  });

  it("leaves other links and longer or shorter tokens alone", () => {
    for (const text of [`/sections/${TOKEN}`, `/welcome/${TOKEN}x`, `/welcome/${TOKEN.slice(1)}`, "/welcome/new"]) {
      expect(maskOneTimeLinks(text)).toBe(text);
      expect(oneTimeLinksIn(text)).toEqual([]);
    }
  });
});

const E = (local: string) => `${local}@links.test`;
const ORG = {
  people: [
    { email: E("web"), name: "Wyn Webmaster", audience: "organisational", roles: ["organisational", "webmaster"], password: "correct horse battery staple" },
    { email: E("staff"), name: "Sol Staff", audience: "organisational", password: "correct horse battery staple" },
    { email: E("newcomer"), name: "Nia Newcomer", audience: "organisational" },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

describe("P3 P7 M8 the outbox shows one-time links masked; revealing one is explicit and audited", () => {
  let harness: Harness;
  let messageId: number;
  let newcomerId: string;
  let realLink: string;

  beforeAll(async () => {
    harness = await createHarness(ORG);
    newcomerId = harness.ids.people.get(E("newcomer"))!;
    await signInAs(E("web"));
    expect(await sendWelcomeAction({ personIds: [newcomerId], filter: "unauthorised" })).toMatchObject({ ok: true });
    const [row] = await harness.conn.db.select().from(outboxMessages).where(eq(outboxMessages.recipientId, newcomerId));
    messageId = row!.id;
    realLink = ANY_LINK.exec(row!.text)![0];
  });
  afterAll(async () => harness?.close());
  afterEach(() => {
    delete process.env.RESEND_API_KEY;
  });

  const reveals = () =>
    harness.conn.db.select().from(auditEvents).where(and(eq(auditEvents.action, "outbox.link.reveal"), eq(auditEvents.targetId, newcomerId)));

  it("P3 the message page and the list hold no live link, only the masked one", async () => {
    const web = await viewerOf(E("web"));
    const message = await getOutboxMessage(web, String(messageId));
    if (message.status !== "ok") throw new Error("expected the message");
    expect(message.value.oneTimeLinks).toBe(1);
    for (const part of [message.value.text, message.value.html, message.value.subject]) expect(part).not.toMatch(ANY_LINK);
    expect(message.value.text).toContain(`/welcome/${MASKED_TOKEN}`);
    expect(message.value.html).toContain(`/welcome/${MASKED_TOKEN}`);
    const list = await listOutbox(web);
    expect(JSON.stringify(list)).not.toMatch(ANY_LINK);
  });

  it("M8 anyone but a webmaster is refused, signed out too; nothing is revealed or recorded as a reveal", async () => {
    await signInAs(E("staff"));
    expect(await revealOutboxLinkAction({ messageId })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    signOut();
    expect((await revealOutboxLinkAction({ messageId })).ok).toBe(false);
    expect(await reveals()).toEqual([]);
  });

  it("P3 with a mail service configured nobody can reveal a link, not even a webmaster", async () => {
    process.env.RESEND_API_KEY = "re_test_key";
    await signInAs(E("web"));
    await expectUnchanged([people], async () => {
      expect(await revealOutboxLinkAction({ messageId })).toEqual({ ok: false, formError: REVEAL_WITH_MAIL_SERVICE_MESSAGE });
    });
    expect(await reveals()).toEqual([]);
  });

  it("a message without a one-time link, or no message, has nothing to reveal", async () => {
    await signInAs(E("web"));
    const [other] = await harness.conn.db
      .insert(outboxMessages)
      .values({ idempotencyKey: "links-plain", toAddress: E("staff"), subject: "Plain", html: "<p>Hello</p>", text: "Hello" })
      .returning({ id: outboxMessages.id });
    expect(await revealOutboxLinkAction({ messageId: other!.id })).toEqual({ ok: false, formError: REVEAL_NO_LINK_MESSAGE });
    expect((await revealOutboxLinkAction({ messageId: 2_000_000_000 })).ok).toBe(false);
    expect((await revealOutboxLinkAction({ messageId: -1 })).ok).toBe(false);
  });

  it("P3 M8 without a mail service a webmaster reveals it: the real link, audited without it, shown on the person's page", async () => {
    const web = await viewerOf(E("web"));
    const before = await getPersonForAdmin(web, newcomerId);
    expect(before).toMatchObject({ status: "ok", value: { linkRevealed: null } });

    await signInAs(E("web"));
    const result = await revealOutboxLinkAction({ messageId });
    expect(result).toEqual({ ok: true, data: { links: [{ kind: "welcome", url: realLink }], recipientId: newcomerId } });

    const [row] = await reveals();
    expect(row).toMatchObject({ actorId: web.id, targetType: "person", targetId: newcomerId, details: { messageId, kinds: ["welcome"] } });
    expect(JSON.stringify(row)).not.toMatch(ANY_LINK);
    const after = await getPersonForAdmin(web, newcomerId);
    expect(after).toMatchObject({ status: "ok", value: { linkRevealed: { at: expect.any(Date), by: E("web") } } });

    // The revealed link is the live one.
    signOut();
    const token = realLink.split("/").at(-1)!;
    expect(await completeWelcomeAction({ token, password: "Sunflower-Ledger-42", confirm: "Sunflower-Ledger-42" })).toMatchObject({ ok: true });
  });
});
