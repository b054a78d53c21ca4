/**
 * After `next build` (scripts/serve.ts, and `npm run build`'s postbuild): writes the optional
 * manifests this build has none of as empty ones. Next.js looks for each of them on every
 * request and, when the file is missing, treats it as empty without remembering that it was:
 * a failed file read, with its error and stack, on every page (bench/README.md, session 9).
 * An empty manifest means exactly what a missing one does, and is read once.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Relative to the build folder: the ones Next's route modules load with "missing means empty". */
const OPTIONAL_MANIFESTS = ["server/subresource-integrity-manifest.json", "dynamic-css-manifest.json", "react-loadable-manifest.json"];

export function completeBuild(distDir = ".next"): string[] {
  const written: string[] = [];
  for (const manifest of OPTIONAL_MANIFESTS) {
    const file = path.join(distDir, manifest);
    if (existsSync(path.dirname(file)) && !existsSync(file)) {
      writeFileSync(file, "{}\n");
      written.push(manifest);
    }
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) completeBuild();
