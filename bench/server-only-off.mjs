// For benchmarks that run the app's server modules outside Next (bench/import.ts): "server-only"
// resolves to an empty module, as it does in Next's server build (and in vitest, db/testing/server-only.ts).
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(s, c, next) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(s, c); }',
    ),
);
