/**
 * D1 Q3: the address of a view of /analytics: scopes, periods, buckets and audiences as
 * parsed for the page, the live figures and the CSV export; bad input gets a message per
 * field and changes nothing (the default period).
 */
import { describe, expect, it } from "vitest";
import { autoBucket, exportHref, figuresQuery, parseFigures, parseScope, presetRange, scopeParam } from "./params";

const TODAY = "2026-05-20";
const parse = (query: Record<string, string>) => parseFigures(new URLSearchParams(query), TODAY);

describe("scopes", () => {
  it("reads site, section:<id>, group:<id> and app:<name>, and nothing else", () => {
    expect(parseScope("site")).toEqual({ kind: "site" });
    expect(parseScope("section:12")).toEqual({ kind: "section", sectionId: 12 });
    expect(parseScope("group:3")).toEqual({ kind: "group", groupId: 3 });
    expect(parseScope("app:wall")).toEqual({ kind: "app", app: "wall" });
    for (const bad of [null, "", "Site", "section:", "section:0", "section:012", "section:-1", "section:2147483648", "section:1.5", "group:x", "app:groups", "app:constructor", "section:1 ", "team:1"]) {
      expect(parseScope(bad), String(bad)).toBeNull();
    }
    for (const param of ["site", "section:12", "group:3", "app:ideas"]) expect(scopeParam(parseScope(param)!)).toBe(param);
  });
});

describe("periods and buckets", () => {
  it("defaults to the last 30 days by day; presets end today; 12 months are whole months by month", () => {
    expect(parse({})).toEqual({ choices: { period: "30d", range: { from: "2026-04-21", to: TODAY }, bucket: "day", bucketAsked: false, audience: "all" }, errors: {}, typed: { from: "", to: "" } });
    expect(presetRange("7d", TODAY)).toEqual({ from: "2026-05-14", to: TODAY });
    expect(presetRange("12m", TODAY)).toEqual({ from: "2025-06-01", to: TODAY });
    expect(presetRange("12m", "2026-01-31")).toEqual({ from: "2025-02-01", to: "2026-01-31" });
    expect(parse({ period: "12m" }).choices.bucket).toBe("month");
  });

  it("chooses the bucket from the period's length unless one is asked for", () => {
    expect(autoBucket({ from: "2026-02-18", to: TODAY }, "custom")).toBe("day"); // 92 days
    expect(autoBucket({ from: "2026-02-17", to: TODAY }, "custom")).toBe("week");
    expect(autoBucket({ from: "2025-05-20", to: TODAY }, "custom")).toBe("week"); // 366 days
    expect(autoBucket({ from: "2025-05-19", to: TODAY }, "custom")).toBe("month");
    expect(parse({ period: "7d", bucket: "month" }).choices).toMatchObject({ bucket: "month", bucketAsked: true });
    expect(parse({ bucket: "auto" }).choices).toMatchObject({ bucket: "day", bucketAsked: false });
  });

  it("takes custom dates, with or without period=custom", () => {
    const custom = { from: "2024-01-01", to: "2024-12-31" };
    expect(parse({ period: "custom", ...custom }).choices).toMatchObject({ period: "custom", range: custom, bucket: "week" });
    expect(parse(custom).choices).toMatchObject({ period: "custom", range: custom });
    // A preset wins over dates left in the form.
    expect(parse({ period: "7d", ...custom }).choices.range).toEqual({ from: "2026-05-14", to: TODAY });
    // Three years exactly is allowed.
    expect(parse({ from: "2023-05-20", to: TODAY }).errors).toEqual({});
  });

  it("answers each bad field with a message, and falls back to the last 30 days", () => {
    const fallback = { period: "30d", range: { from: "2026-04-21", to: TODAY } };
    const cases: [Record<string, string>, Record<string, RegExp>][] = [
      [{ period: "custom" }, { from: /Enter the first day/, to: /Enter the last day/ }],
      [{ from: "2026-02-30", to: TODAY }, { from: /YYYY-MM-DD/ }],
      [{ from: "20/05/2026", to: TODAY }, { from: /YYYY-MM-DD/ }],
      [{ from: "2026-05-10", to: "2026-05-01" }, { to: /before the first day/ }],
      [{ from: "2026-05-10", to: "2026-05-21" }, { to: /cannot be in the future/ }],
      [{ from: "2026-05-21", to: "2026-05-22" }, { from: /cannot be in the future/, to: /cannot be in the future/ }],
      [{ from: "2023-05-19", to: TODAY }, { from: /at most 3 years: the first day can be 2023-05-20/ }],
      [{ period: "toString" }, { period: /Choose a period/ }],
    ];
    for (const [query, messages] of cases) {
      const parsed = parse(query);
      expect(Object.keys(parsed.errors).sort(), JSON.stringify(query)).toEqual(Object.keys(messages).sort());
      for (const [field, message] of Object.entries(messages)) expect(parsed.errors[field as keyof typeof parsed.errors]).toMatch(message);
      expect(parsed.choices).toMatchObject(fallback);
    }
    expect(parse({ from: "2026-05-10", to: "2026-05-01" }).typed).toEqual({ from: "2026-05-10", to: "2026-05-01" });
    expect(parse({ from: "2024-01-01", to: TODAY, bucket: "day" })).toMatchObject({ choices: { bucket: "month", bucketAsked: false }, errors: { bucket: /up to a year/ } });
    expect(parse({ bucket: "hour" }).errors.bucket).toMatch(/day, week or month/);
    expect(parse({ audience: "hasOwnProperty" })).toMatchObject({ choices: { audience: "all" }, errors: { audience: /everyone, intranet or extranet/ } });
  });

  it("writes addresses back: the page's with only what differs, the export's with the very days shown", () => {
    const { choices } = parse({ period: "7d", audience: "extranet" });
    expect(figuresQuery("section:4", choices).toString()).toBe("scope=section%3A4&period=7d&audience=extranet");
    expect(figuresQuery(null, parse({}).choices).toString()).toBe("");
    expect(exportHref("content", "site", choices)).toBe("/api/analytics/export?view=content&scope=site&period=custom&from=2026-05-14&to=2026-05-20&bucket=day&audience=extranet");
    // What the export link names parses back to the same figures.
    const back = parseFigures(new URL(`http://x${exportHref("series", "site", parse({ period: "12m" }).choices)}`).searchParams, TODAY);
    expect(back).toMatchObject({ errors: {}, choices: { range: { from: "2025-06-01", to: TODAY }, bucket: "month" } });
  });
});
