/**
 * D1 M8 Q3: how long the analytics' day figures are kept, set by webmasters on /analytics
 * (settings.analyticsRetention.set): whole months from 1 to 120, each bad value answered
 * beside the field; refused to everyone else with nothing changed (the refusal recorded); saved values recorded in the audit
 * log with the value it replaced; read back by the rollup's getAnalyticsRetention.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs } from "@/lib/testing/harness";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { setAnalyticsRetentionAction } = await import("@/lib/site-settings/actions");
const { getAnalyticsRetention } = await import("@/lib/settings/queries");
const { REFUSED_MESSAGE } = await import("@/lib/actions");

const E = (local: string) => `${local}@analytics-retention.test`;
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("sam"), name: "Sam Manager", audience: "organisational" },
    { email: E("ext"), name: "Xena External", audience: "external" },
  ],
  sections: [{ slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: E("sam"), role: "manager" }] }],
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness(ORG);
});
afterAll(async () => h?.close());

describe("D1: the analytics retention setting", () => {
  it("keeps 25 months until a webmaster sets it; a saved value is read back and audited with the one it replaced", async () => {
    expect(await getAnalyticsRetention(h.db)).toEqual({ months: 25 });
    await signInAs(E("web"));
    expect(await setAnalyticsRetentionAction({ months: " 36 " })).toMatchObject({ ok: true, data: { months: 36, before: null } });
    expect(await getAnalyticsRetention(h.db)).toEqual({ months: 36 });
    expect(await setAnalyticsRetentionAction({ months: "1" })).toMatchObject({ ok: true, data: { months: 1, before: { months: 36 } } });
    expect(await getAnalyticsRetention(h.db)).toEqual({ months: 1 });
    const audit = await h.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, "settings.analyticsRetention.set"));
    expect(audit.map((a) => a.details)).toEqual([
      { before: null, after: { months: 36 } },
      { before: { months: 36 }, after: { months: 1 } },
    ]);
    expect(audit[0]).toMatchObject({ targetType: "setting", targetId: "analyticsRetention", actorEmail: E("web") });
  });

  it("answers bad values beside the field, and changes nothing", async () => {
    await signInAs(E("web"));
    const cases: [string, RegExp][] = [
      ["", /whole number of months/],
      ["twelve", /whole number of months/],
      ["2.5", /whole number of months/],
      ["-3", /whole number of months/],
      ["0", /at least 1 month/],
      ["121", /at most 120 months/],
      ["99999999999999999999", /at most 120 months/],
    ];
    for (const [months, message] of cases) {
      const result = await expectUnchanged([schema.settings, schema.auditEvents], () => setAnalyticsRetentionAction({ months }));
      expect(result, months).toMatchObject({ ok: false, fieldErrors: { months: expect.stringMatching(message) } });
    }
  });

  it("is refused to everyone but webmasters, section managers included, with nothing changed (the refusal is recorded)", async () => {
    for (const who of ["sam", "ext"]) {
      await signInAs(E(who));
      const result = await expectUnchanged([schema.settings], () => setAnalyticsRetentionAction({ months: "60" }));
      expect(result, who).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    }
    const refusals = await h.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, "settings.analyticsRetention.set.refused"));
    expect(refusals.map((r) => r.actorEmail)).toEqual([E("sam"), E("ext")]);
  });
});
