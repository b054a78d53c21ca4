// Preloaded by bench/profile.ts: SIGUSR2 starts the V8 CPU profiler in this server, the next
// SIGUSR2 stops it and writes the profile to PORTICO_PROFILE_FILE, so that start-up and
// warm-up are not in it.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) */
const inspector = require("node:inspector");
const fs = require("node:fs");
const session = new inspector.Session();
session.connect();
let running = false;
process.on("SIGUSR2", () => {
  if (!running) {
    running = true;
    session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 200 }, () => session.post("Profiler.start")));
    return;
  }
  running = false;
  session.post("Profiler.stop", (error, result) => {
    if (!error) fs.writeFileSync(process.env.PORTICO_PROFILE_FILE, JSON.stringify(result.profile));
  });
});
