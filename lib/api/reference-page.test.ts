/** D2: the API reference page (/api/docs) and its renderer, served from our own origin. */
import { describe, expect, it } from "vitest";

const { referencePage, rendererBundle } = await import("./reference-page");
const { GET: bundle } = await import("@/app/api/docs/scalar.js/route");

describe("D2: the API reference", () => {
  it("D2 C6: both of the page's scripts carry the request's nonce, the renderer comes from our origin, and nothing is sent to a third party", async () => {
    const html = await referencePage("n0nce+/=");
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(2);
    for (const attributes of scripts) expect(attributes).toContain('nonce="n0nce+/="');
    const { version } = await rendererBundle();
    expect(html).toContain(`src="/api/docs/scalar.js?v=${version}"`);
    expect(html).toContain('"url":"/api/v1/openapi.json"');
    expect(html).toContain('"telemetry":false');
    expect(html).toContain('"withDefaultFonts":false');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("D2: the renderer is kept a year at its versioned address, and revalidated at any other", async () => {
    const { version, bytes } = await rendererBundle();
    const fresh = await bundle(new Request(`http://portico.test/api/docs/scalar.js?v=${version}`));
    expect(fresh.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(fresh.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fresh.arrayBuffer()).byteLength).toBe(bytes.byteLength);
    // Its web fonts' sources point nowhere: the browser asks no other site for them.
    const served = new TextDecoder().decode(bytes);
    expect(served).not.toContain("fonts.scalar.com");
    expect(served).toContain('local("Portico no web font")');
    const stale = await bundle(new Request("http://portico.test/api/docs/scalar.js?v=old"));
    expect(stale.headers.get("cache-control")).toBe("no-cache");
  });
});
