/**
 * Every page once, as the demo people: each page.tsx under app/ is opened and must answer
 * with its status, stay at its address, show one level-1 heading and pass axe (Q1).
 * The pages are found on disk, so a page added later is opened too: one without
 * [parameters] by the webmaster (signed out in the (auth) group), and one with them
 * fails here until VISITS says who opens it and at which address.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { type Page } from "@playwright/test";
import { DEMO_SIGN_INS } from "../lib/org-file/demo";
import { expect, expectAccessible, pathOf, signIn, test } from "./fixtures";

const person = (role: (typeof DEMO_SIGN_INS)[number]["role"]) => DEMO_SIGN_INS.find((d) => d.role === role)!.email;
const WEBMASTER = person("Webmaster");
const MANAGER = person("Section manager"); // manages adult-social-care
const TEAM_ADMIN = person("Team admin"); // administers highways
const STAFF = person("Organisational user");
const EXTERNAL = person("External user");
const EXTERNAL_TEAM_ADMIN = person("External team admin"); // administers volunteers

type Visit = {
  /** Who opens it; null: signed out. */
  as: string | null;
  /** The address, or how to find it from a listing (ids are made when the demo loads). */
  path: string | ((page: Page) => Promise<string>);
  /** 200 unless the page answers otherwise on the demo organisation. */
  status?: number;
};

/** The first link on a listing page whose address matches. */
const firstLink = (listing: string, pattern: RegExp) => async (page: Page) => {
  await page.goto(listing);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`no link matching ${pattern} on ${listing}`);
  return href;
};
const contentIn = (slug: string) => firstLink(`/sections/${slug}`, /^\/content\/[0-9a-f-]{36}$/);
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

/** Pages with [parameters], and static pages opened by someone other than the default. */
const VISITS: Record<string, Visit> = {
  "/": { as: STAFF, path: "/" },
  "/extranet": { as: EXTERNAL, path: "/extranet" },
  "/feed": { as: EXTERNAL_TEAM_ADMIN, path: "/feed" },
  "/me/content": { as: MANAGER, path: "/me/content" },
  "/me/profile": { as: EXTERNAL, path: "/me/profile" },
  "/me/favourites": { as: EXTERNAL, path: "/me/favourites" }, // K4 E3
  "/me/security": { as: STAFF, path: "/me/security" },
  "/me/tokens": { as: EXTERNAL, path: "/me/tokens" }, // D5: external people make tokens too
  "/security/two-factor": { as: STAFF, path: "/security/two-factor" },
  "/teams": { as: TEAM_ADMIN, path: "/teams" },
  "/teams/[key]": { as: EXTERNAL_TEAM_ADMIN, path: "/teams/volunteers" },
  "/groups": { as: STAFF, path: "/groups" },
  // S6: the sections index, as an external person (their own sections only).
  "/sections": { as: EXTERNAL, path: "/sections" },
  // D4: search with results, as staff.
  "/search": { as: STAFF, path: "/search?q=policy" },
  // D7: a tag's page, with items, as staff reach it from an item.
  "/tags/[tag]": { as: STAFF, path: "/tags/winter%20service" },
  // P6: the people directory and a profile, as staff open them from it.
  "/people": { as: STAFF, path: "/people" },
  "/people/[id]": { as: STAFF, path: firstLink("/people?q=marcus", /^\/people\/[0-9a-f-]{36}$/) },
  "/groups/[slug]": { as: STAFF, path: "/groups/green-champions" },
  "/sections/[slug]": { as: STAFF, path: "/sections/hr" },
  "/sections/[slug]/new": { as: MANAGER, path: "/sections/adult-social-care/new" },
  "/sections/[slug]/manage": { as: MANAGER, path: "/sections/adult-social-care/manage" },
  "/sections/[slug]/manage/settings": { as: MANAGER, path: "/sections/adult-social-care/manage/settings" },
  "/sections/[slug]/manage/new-section": { as: MANAGER, path: "/sections/adult-social-care/manage/new-section" },
  "/content/[id]": { as: STAFF, path: contentIn("hr") },
  "/content/[id]/edit": { as: MANAGER, path: async (page) => `${await contentIn("adult-social-care")(page)}/edit` },
  "/content/[id]/history": { as: WEBMASTER, path: async (page) => `${await contentIn("news")(page)}/history` },
  // G5: Sam Mensah administers hospital-discharge, where Erin Cole (external) is a member (G3).
  "/groups/new": { as: STAFF, path: "/groups/new" },
  "/groups/invitations": { as: EXTERNAL, path: "/groups/invitations" },
  "/groups/[slug]/manage": { as: MANAGER, path: "/groups/hospital-discharge/manage" },
  "/groups/[slug]/new": { as: MANAGER, path: "/groups/hospital-discharge/new" },
  // The demo's groups hold files (G7): the social club's first, as a member opens it.
  "/groups/[slug]/files/[id]": { as: STAFF, path: firstLink("/groups/social-club", /^\/groups\/social-club\/files\/[0-9a-f-]{36}$/) },
  // G4 G8: the demo's ideas, wall posts and queries, as staff open them from their listings; a
  // moderator (the webmaster) may edit any idea.
  "/ideas/[id]": { as: STAFF, path: firstLink("/ideas", /^\/ideas\/[0-9a-f-]{36}$/) },
  "/ideas/[id]/edit": { as: WEBMASTER, path: async (page) => `${await firstLink("/ideas", /^\/ideas\/[0-9a-f-]{36}$/)(page)}/edit` },
  "/wall/[id]": { as: STAFF, path: firstLink("/wall", /^\/wall\/[0-9a-f-]{36}$/) },
  "/queries/[id]": { as: STAFF, path: firstLink("/queries", /^\/queries\/[0-9a-f-]{36}$/) },
  // P6: a location, and its edit page (webmasters).
  "/locations/[id]": { as: STAFF, path: firstLink("/locations", /^\/locations\/\d+$/) },
  "/locations/[id]/edit": { as: WEBMASTER, path: async (page) => `${await firstLink("/locations", /^\/locations\/\d+$/)(page)}/edit` },
  "/admin/users/[id]": { as: WEBMASTER, path: firstLink("/admin/users", /^\/admin\/users\/[0-9a-f-]{36}$/) },
  // The demo queues no mail (e2e/outbox.spec.ts opens a real message on PostgreSQL).
  "/admin/outbox/[id]": { as: WEBMASTER, path: `/admin/outbox/${NO_SUCH_ID}`, status: 404 },
  // Links from e-mails: an unknown token gets the page's own explanation.
  "/welcome/[token]": { as: null, path: "/welcome/not-a-real-token" },
  "/me/security/email/[token]": { as: STAFF, path: "/me/security/email/not-a-real-token" },
  "/reset-password/[token]": { as: null, path: "/reset-password/not-a-real-token" },
  // Served only to the benchmark (PORTICO_BENCH_FLOOR=1).
  "/bench-floor": { as: WEBMASTER, path: "/bench-floor", status: 404 },
  "/bench-bare": { as: WEBMASTER, path: "/bench-bare", status: 404 },
};

/** Every page.tsx as its route ("/admin/users/[id]"), with its route groups left out. */
function pageRoutes(): { route: string; file: string; signedOut: boolean }[] {
  const files = readdirSync(path.resolve("app"), { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "page.tsx");
  return files.map((file) => {
    const segments = path.dirname(file).split(path.sep).filter((s) => s !== ".");
    const route = "/" + segments.filter((s) => !/^\(.*\)$/.test(s)).join("/");
    return { route, file: `app/${file}`, signedOut: segments[0] === "(auth)" };
  });
}

type Planned = { route: string; file: string } & (Visit | { missing: true });
const routes = pageRoutes();
const planned: Planned[] = routes.map(({ route, file, signedOut }) => {
  const visit = VISITS[route];
  if (visit) return { route, file, ...visit };
  if (route.includes("[")) return { route, file, missing: true };
  return { route, file, as: signedOut ? null : WEBMASTER, path: route };
});
const visitsOf = (email: string | null) => planned.filter((p): p is Planned & Visit => !("missing" in p) && p.as === email);

test.describe("every page once", { tag: "@smoke" }, () => {
  test("every page has a visit, and every visit a page", () => {
    const missing = planned.filter((p) => "missing" in p).map((p) => `${p.file}: add "${p.route}" to VISITS in e2e/every-page.spec.ts`);
    expect(missing, "pages with [parameters] that no one opens").toEqual([]);
    const stale = Object.keys(VISITS).filter((route) => !routes.some((r) => r.route === route));
    expect(stale, "VISITS for pages that no longer exist").toEqual([]);
  });

  const people = [...new Set(planned.flatMap((p) => ("missing" in p ? [] : [p.as])))];
  for (const email of people) {
    const visits = visitsOf(email);
    const who = email ? DEMO_SIGN_INS.find((d) => d.email === email)!.role : "Signed out";
    test(`${who}: the ${visits.length === 1 ? "page" : `${visits.length} pages`} they open`, async ({ page }) => {
      test.setTimeout(60_000 + visits.length * 20_000); // each page is checked with axe, on a shared machine
      if (email) {
        await signIn(page, email);
        await page.waitForURL((url) => url.pathname !== "/login");
      }
      for (const visit of visits) {
        await test.step(visit.route, async () => {
          const address = typeof visit.path === "string" ? visit.path : await visit.path(page);
          const response = await page.goto(address);
          const status = visit.status ?? 200;
          expect(response?.status(), `${visit.route} (${address})`).toBe(status);
          if (status !== 200) return;
          expect(pathOf(page), `${visit.route} stays at ${address}`).toBe(address.split("?")[0]);
          await expect(page.getByRole("heading", { level: 1 }), `${visit.route}: one level-1 heading`).toHaveCount(1);
          await expectAccessible(page);
        });
      }
    });
  }
});
