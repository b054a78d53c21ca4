import "server-only";
/**
 * D2: the API reference at /api/docs: Scalar's maintained renderer of the OpenAPI document
 * (@scalar/api-reference, its browser build served from our own origin by
 * /api/docs/scalar.js, so the page's Content-Security-Policy needs no other site), browsable
 * and with "try it out" against /api/v1 with one's own token. Its telemetry, its web fonts and
 * its proxy are off: nothing of the page or the calls leaves for a third party. The CSP stays
 * the pages' own: the bundle's one attempt at `Function("")` (its zod's test of whether it may
 * compile validators, in a try) is refused, and it validates without compiling.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The package exports no path to its browser build, so it is read where npm put it, below the
 * app's folder (`next start` and the tests run from there).
 */
const BUNDLE_PATH = path.join(process.cwd(), "node_modules", "@scalar", "api-reference", "dist", "browser", "standalone.js");

interface Renderer {
  bytes: Buffer;
  /** Its content's hash: the address changes with the bundle, so browsers may keep it for a year. */
  version: string;
}

let renderer: Promise<Renderer> | null = null;
/** The renderer's browser build, read once per process. */
export function rendererBundle(): Promise<Renderer> {
  renderer ??= readFile(BUNDLE_PATH).then((raw) => {
    const bytes = Buffer.from(withoutWebFonts(raw.toString("utf8")));
    return { bytes, version: createHash("sha256").update(bytes).digest("base64url").slice(0, 16) };
  });
  return renderer;
}

/**
 * Its stylesheet declares its web fonts on its own font host, and the browser asks for them
 * whatever the configuration says: each source becomes a local font no system has, so the
 * browser falls back to the next font of the stack and nothing is asked of another site (the
 * CSP's font-src would refuse it anyway, as a reported violation).
 */
export function withoutWebFonts(script: string): string {
  return script.replace(/url\(https:\/\/fonts\.scalar\.com\/[\w.-]+\)\s*format\("woff2"\)/g, 'local("Portico no web font")');
}

const CONFIGURATION = {
  url: "/api/v1/openapi.json",
  telemetry: false,
  withDefaultFonts: false,
  hideDownloadButton: false,
  defaultOpenAllTags: false,
  authentication: { preferredSecurityScheme: "token" },
  metaData: { title: "Portico API reference" },
};

const escapeJsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/** The page: the renderer, started by a script carrying this request's CSP nonce (middleware's). */
export async function referencePage(nonce: string): Promise<string> {
  const { version } = await rendererBundle();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portico API reference</title>
</head>
<body>
<noscript><p>The API reference needs JavaScript. The API describes itself without it at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p></noscript>
<div id="api-reference"></div>
<script nonce="${nonce}" src="/api/docs/scalar.js?v=${version}"></script>
<script nonce="${nonce}">Scalar.createApiReference("#api-reference", ${escapeJsonForScript(CONFIGURATION)});</script>
</body>
</html>`;
}
