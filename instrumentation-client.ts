/**
 * Runs in the browser before the app starts. zod compiles its object parsers with
 * `new Function` when it may, and probes whether it may by calling it: under the
 * Content-Security-Policy (lib/security/headers.ts: no 'unsafe-eval') that probe is a
 * reported violation. Jitless parsing is a little slower and needs no eval.
 */
import { z } from "zod";

z.config({ jitless: true });
