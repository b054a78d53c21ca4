/**
 * Where a V8 CPU profile's time went, in the terms of a page's fixed cost: each sample is
 * put in one part (middleware, session decode, viewer query, layout, React's rendering…)
 * by the frames on its stack, mapped back through the build's source maps to the package
 * or project file they came from (the server bundles are minified; next.config.ts emits
 * their maps).
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** The parts, in the order they are printed. */
export const PARTS = [
  "preload (client address stamp)",
  "middleware: session decode (Auth.js, jose)",
  "middleware: security headers (nonce, CSP)",
  "middleware: the rest (Next's edge sandbox, routing)",
  "page: session decode (Auth.js, jose)",
  "page: viewer query (database client)",
  "page: our code (app/, components/, lib/)",
  "React: RSC render and serialisation",
  "React: HTML render (SSR of the payload)",
  "Next: request handling (router, app render)",
  "Node.js (http, streams, timers)",
  "garbage collection",
  "other",
] as const;
export type Part = (typeof PARTS)[number];

const SESSION = /node_modules\/(jose|@auth\/core|next-auth|@panva\/hkdf|oauth4webapi)\//;
const DATABASE = /node_modules\/(postgres|drizzle-orm|@electric-sql\/pglite)\/|(^|\/)db\/|lib\/access\/viewer/;
const SECURITY = /lib\/security\/headers/;
const MIDDLEWARE = /(^|\/)middleware\.(ts|js)$|next\/dist\/(esm\/)?server\/web\/|@edge-runtime|next\/dist\/compiled\/edge-runtime|edge-runtime-webpack/;
const RSC = /react-server-dom-[a-z]+-server|react\.react-server|react-server\.(production|development)/;
const HTML = /react-dom-server|react-dom\/|react-server-dom-[a-z]+-client|react\.production|next\/dist\/(esm\/)?client\//;
const OURS = /^(app|components|lib)\//;
const NEXT = /node_modules\/next\/|next\/dist\//;

const maps = new Map<string, SourceMap | null>();
function sourceMapOf(file: string): SourceMap | null {
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : null);
  }
  return maps.get(file)!;
}

const resolved = new Map<string, string>();
/** A frame's original source: a project path (`lib/…`) or `node_modules/<package>/…`; `node:…` and '' as they are. */
export function originalSource(url: string, line: number, column: number): string {
  const key = `${url}:${line}:${column}`;
  let source = resolved.get(key);
  if (source !== undefined) return source;
  source = url;
  if (url.startsWith("file://") || url.startsWith("/")) {
    const file = url.startsWith("file://") ? fileURLToPath(url) : url;
    const entry = line >= 0 ? sourceMapOf(file)?.findEntry(line, column) : undefined;
    const original = entry && "originalSource" in entry && typeof entry.originalSource === "string" ? entry.originalSource : undefined;
    source = normalise(original ?? path.relative(process.cwd(), file));
  }
  resolved.set(key, source);
  return source;
}

/** `webpack://_N_E/./lib/x.ts?abc`, `../node_modules/next/…`, `/abs/node_modules/jose/…` → `lib/x.ts`, `node_modules/next/…`. */
function normalise(source: string): string {
  const s = source.replace(/^webpack:\/\/[^/]*\//, "").replace(/\?.*$/, "");
  const modules = s.lastIndexOf("node_modules/");
  if (modules >= 0) return s.slice(modules);
  // Next's precompiled runtime maps to its own dist folder, sometimes without node_modules/.
  const dist = s.indexOf("next/dist/");
  if (dist >= 0) return `node_modules/${s.slice(dist)}`;
  return s.replace(/^(\.\.?\/)+/, "");
}

/** Self time of each part, µs, for one profile; and self time by source file. */
export function attribute(profile: CpuProfile): { parts: Map<Part, number>; bySource: Map<string, number> } {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const partOf = new Map<number, Part | null>();

  const sourceOf = (id: number) => {
    const { url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    return url ? originalSource(url, lineNumber, columnNumber) : "";
  };
  /** The part of a sample on this node: its context (middleware or not) and the innermost frame that says what it does. */
  const decide = (id: number): Part | null => {
    const leaf = byId.get(id)!.callFrame.functionName;
    if (leaf === "(idle)") return null;
    if (leaf === "(garbage collector)") return "garbage collection";
    let activity: Part | null = null;
    let inMiddleware = false;
    let sawNode = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const source = sourceOf(at);
      if (!source) continue;
      // The profiler's own work (bench/profile-preload.cjs) is no part of a request.
      if (source === "node:inspector") return null;
      if (source.includes("peer-address.cjs")) return "preload (client address stamp)";
      if (MIDDLEWARE.test(source)) inMiddleware = true;
      if (activity) continue;
      if (source.startsWith("node:")) sawNode = true;
      else if (SESSION.test(source)) activity = "page: session decode (Auth.js, jose)";
      else if (SECURITY.test(source)) activity = "middleware: security headers (nonce, CSP)";
      else if (DATABASE.test(source)) activity = "page: viewer query (database client)";
      else if (OURS.test(source) && !MIDDLEWARE.test(source)) activity = "page: our code (app/, components/, lib/)";
      else if (RSC.test(source)) activity = "React: RSC render and serialisation";
      else if (HTML.test(source)) activity = "React: HTML render (SSR of the payload)";
      else if (NEXT.test(source) && !MIDDLEWARE.test(source)) activity = "Next: request handling (router, app render)";
    }
    if (inMiddleware) {
      if (activity === "page: session decode (Auth.js, jose)") return "middleware: session decode (Auth.js, jose)";
      if (activity === "middleware: security headers (nonce, CSP)") return activity;
      return "middleware: the rest (Next's edge sandbox, routing)";
    }
    if (activity) return activity;
    return sawNode ? "Node.js (http, streams, timers)" : "other";
  };

  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const parts = new Map<Part, number>();
  const bySource = new Map<string, number>();
  for (const [id, micros] of self) {
    if (!partOf.has(id)) partOf.set(id, decide(id));
    const part = partOf.get(id);
    if (!part) continue;
    parts.set(part, (parts.get(part) ?? 0) + micros);
    const { functionName } = byId.get(id)!.callFrame;
    const key = `${functionName || "(anonymous)"} ${sourceOf(id) || "(native)"}`;
    bySource.set(key, (bySource.get(key) ?? 0) + micros);
  }
  return { parts, bySource };
}
