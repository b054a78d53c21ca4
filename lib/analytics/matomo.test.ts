/**
 * D1: page views sent to the organisation's own Matomo too, once a webmaster sets its address
 * and site id (settings.matomo.set: https, or http on this machine; each bad value answered
 * beside its field with nothing changed; audited; refused to everyone else). Each written
 * batch goes in one bulk tracking request with the page's address, its audience and kind, a
 * visitor id that is the day's hash (never who), and a missed search's term; never a name
 * or a title. Nothing is sent when none is set, and a Matomo that refuses loses only its copy.
 */
import { type IncomingMessage, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as schema from "@/db/schema";
import { rowsOf } from "@/db/connect";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
const dataDir = mkdtempSync(path.join(tmpdir(), "portico-analytics-matomo-"));
process.env.PORTICO_DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { recordView, flushViews, discardPendingViews, matomoForwarding } = await import("./record");
const { setMatomoAction } = await import("@/lib/site-settings/actions");
const { getMatomo } = await import("@/lib/settings/queries");
const { REFUSED_MESSAGE } = await import("@/lib/actions");

const WEBMASTER = "wendy.webb@northmoor.example";
const STAFF = "sam.mensah@northmoor.example";
const PARTNER = "erin.cole@riverside-care.example";

/** A stand-in Matomo on this machine: what it was sent, and what it answers. */
let matomo: Server;
let received: { path: string; body: string; userAgent: string | undefined }[] = [];
let answer = 200;
let matomoUrl = "";
const bodyOf = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => resolve(body));
  });

let h: Harness;
beforeAll(async () => {
  h = await createHarness("demo");
  matomo = createServer(async (request, response) => {
    received.push({ path: request.url ?? "", body: await bodyOf(request), userAgent: request.headers["user-agent"] });
    response.writeHead(answer, { "content-type": "application/json" }).end('{"status":"success"}');
  });
  await new Promise<void>((resolve) => matomo.listen(0, "127.0.0.1", resolve));
  matomoUrl = `http://127.0.0.1:${(matomo.address() as AddressInfo).port}/analytics/`;
});
afterAll(async () => {
  await new Promise((resolve) => matomo?.close(resolve));
  await h?.close();
});
beforeEach(async () => {
  discardPendingViews();
  received = [];
  answer = 200;
  await h.db.execute(sql`delete from page_views`);
  await h.db.execute(sql`delete from settings where key = 'matomo'`);
});

const setMatomo = async (url: string, siteId: string) => {
  await signInAs(WEBMASTER);
  return setMatomoAction({ url, siteId });
};

describe("D1: the Matomo setting", () => {
  it("is off until a webmaster sets both; the address is kept without matomo.php, ending in a slash; both cleared turns it off; each change audited", async () => {
    expect(await getMatomo(h.db)).toEqual({ url: null, siteId: null });
    expect(await setMatomo(" https://matomo.example.org/stats/matomo.php ", " 3 ")).toMatchObject({ ok: true, data: { after: { url: "https://matomo.example.org/stats/", siteId: 3 } } });
    expect(await getMatomo(h.db)).toEqual({ url: "https://matomo.example.org/stats/", siteId: 3 });
    expect(await setMatomo("https://matomo.example.org", "12")).toMatchObject({ ok: true, data: { after: { url: "https://matomo.example.org/", siteId: 12 } } });
    expect(await setMatomo("", "")).toMatchObject({ ok: true, data: { after: { url: null, siteId: null } } });
    expect(await getMatomo(h.db)).toEqual({ url: null, siteId: null });
    const audit = await h.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, "settings.matomo.set"));
    expect(audit.map((a) => a.details)).toEqual([
      { before: null, after: { url: "https://matomo.example.org/stats/", siteId: 3 } },
      { before: { url: "https://matomo.example.org/stats/", siteId: 3 }, after: { url: "https://matomo.example.org/", siteId: 12 } },
      { before: { url: "https://matomo.example.org/", siteId: 12 }, after: { url: null, siteId: null } },
    ]);
  });

  it("answers each bad value beside its field, and changes nothing", async () => {
    await setMatomo("https://matomo.example.org/", "3");
    const cases: [string, string, Record<string, RegExp>][] = [
      ["matomo.example.org", "3", { url: /whole address/ }],
      ["http://matomo.example.org/", "3", { url: /https address/ }],
      ["ftp://matomo.example.org/", "3", { url: /https address/ }],
      ["https://admin:secret@matomo.example.org/", "3", { url: /user name and password/ }],
      ["https://matomo.example.org/?token_auth=abc", "3", { url: /after \? or #/ }],
      ["https://matomo.example.org/", "", { siteId: /site id Matomo gave/ }],
      ["https://matomo.example.org/", "0", { siteId: /whole number from 1/ }],
      ["https://matomo.example.org/", "three", { siteId: /whole number from 1/ }],
      ["https://matomo.example.org/", "1e3", { siteId: /whole number from 1/ }],
      ["", "3", { url: /Enter your Matomo's address/ }],
      [`https://matomo.example.org/${"a".repeat(500)}`, "3", { url: /at most 500/ }],
    ];
    for (const [url, siteId, errors] of cases) {
      const result = await expectUnchanged([schema.settings, schema.auditEvents], () => setMatomoAction({ url, siteId }));
      const expected = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, expect.stringMatching(v)]));
      expect(result, `${url} / ${siteId}`).toMatchObject({ ok: false, fieldErrors: expected });
    }
    expect(await getMatomo(h.db)).toEqual({ url: "https://matomo.example.org/", siteId: 3 });
  });

  it("is refused to everyone but webmasters, with nothing changed", async () => {
    for (const who of [STAFF, PARTNER]) {
      await signInAs(who);
      const result = await expectUnchanged([schema.settings], () => setMatomoAction({ url: "https://matomo.example.org/", siteId: "3" }));
      expect(result, who).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    }
  });
});

describe("D1: page views sent on to Matomo", () => {
  it("sends each written batch in one bulk request: address, audience and kind, the day's visitor id, a missed search; never who or what", async () => {
    await setMatomo(matomoUrl, "7");
    const staff = await viewerOf(STAFF);
    const partner = await viewerOf(PARTNER);
    const item = h.content("n1");
    recordView(staff, { page: "item", contentId: item });
    recordView(staff, { page: "section", sectionId: h.section("news"), path: "/sections/news" });
    recordView(partner, { page: "home" });
    recordView(staff, { page: "search", missedTerm: "Parking Permits" });
    await flushViews(h.db);
    expect(await matomoForwarding()).toBe(4);
    // Portico's own copy first.
    expect(rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from page_views`))[0]!.n).toBe(4);
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe("/analytics/matomo.php");
    expect(received[0]!.userAgent).toMatch(/^Portico/);
    const requests = (JSON.parse(received[0]!.body) as { requests: string[] }).requests.map((r) => Object.fromEntries(new URLSearchParams(r.slice(1))));
    expect(requests.map(({ _id: _i, cdt: _c, ...r }) => r)).toEqual([
      { idsite: "7", rec: "1", apiv: "1", send_image: "0", url: `https://portico.invalid/content/${item}`, action_name: "Intranet/Content" },
      { idsite: "7", rec: "1", apiv: "1", send_image: "0", url: "https://portico.invalid/sections/news", action_name: "Intranet/Section" },
      { idsite: "7", rec: "1", apiv: "1", send_image: "0", url: "https://portico.invalid/extranet", action_name: "Extranet/Home" },
      { idsite: "7", rec: "1", apiv: "1", send_image: "0", url: "https://portico.invalid/search", action_name: "Intranet/Search", search: "parking permits", search_count: "0" },
    ]);
    // The visitor id: 16 hex digits, the same for one person all day, another for another person.
    expect(requests.map((r) => r._id)).toEqual([requests[0]!._id, requests[0]!._id, expect.not.stringMatching(requests[0]!._id!), requests[0]!._id]);
    expect(requests[0]!._id).toMatch(/^[0-9a-f]{16}$/);
    expect(Math.abs(Number(requests[0]!.cdt) - Date.now() / 1000)).toBeLessThan(60);
    // Nothing names the person or the content.
    const title = rowsOf<{ title: string }>(await h.db.execute(sql`select title from content where id = ${item}`))[0]!.title;
    for (const secret of [staff.id, staff.id.replace(/-/g, ""), STAFF, partner.id, title, "Sam", "Mensah"]) expect(received[0]!.body, secret).not.toContain(encodeURIComponent(secret));
    for (const secret of [staff.id, STAFF, title]) expect(received[0]!.body).not.toContain(secret);
  });

  it("sends nothing when no Matomo is set", async () => {
    recordView(await viewerOf(STAFF), { page: "home" });
    await flushViews(h.db);
    expect(await matomoForwarding()).toBe(0);
    expect(received).toEqual([]);
  });

  it("a Matomo that refuses or cannot be reached loses only its own copy (logged, without the address's secrets)", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await setMatomo(matomoUrl, "7");
      answer = 500;
      recordView(await viewerOf(STAFF), { page: "home" });
      await flushViews(h.db);
      expect(await matomoForwarding()).toBe(0);
      expect(received).toHaveLength(1);
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/Matomo did not take 1 page views \(HTTP 500\)/));
      await setMatomo("http://127.0.0.1:9/", "7"); // nothing listens on the discard port
      recordView(await viewerOf(STAFF), { page: "home" });
      await flushViews(h.db);
      expect(await matomoForwarding()).toBe(0);
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/Matomo could not be reached for 1 page views/));
      expect(rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from page_views`))[0]!.n).toBe(2);
    } finally {
      logged.mockRestore();
    }
  });
});
