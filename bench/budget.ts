/**
 * The fixed-cost targets and the budget check of `npm run bench`.
 *
 * Targets (in one run): the bare page ≤ 4 ms CPU a request; the floor ≤ 1.25 × the bare
 * page; every reader page ≤ 1.9 × the bare page and ≥ 70 % of the floor's throughput.
 *
 * Budget: bench/README.md records, between `<!-- budget: <run name> -->` and
 * `<!-- /budget -->`, a table of CPU ms a request per route. A route that now costs more
 * than 10 % above its recorded figure is flagged. CPU a request moves with the machine too,
 * so the bare page's own move is printed beside it: a route that rose with the bare page
 * is the machine, one that rose alone is the code.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { BARE, FLOOR, type Figures } from "./figures";

const README = path.join(import.meta.dirname, "README.md");
const BUDGET_SLACK = 0.1;

/** Route label → recorded CPU ms a request, for the run of this name; empty when none is recorded. */
export function recordedBudget(runName: string, readme = readFileSync(README, "utf8")): Map<string, number> {
  const budget = new Map<string, number>();
  const start = readme.indexOf(`<!-- budget: ${runName} -->`);
  if (start < 0) return budget;
  const end = readme.indexOf("<!-- /budget -->", start);
  for (const line of readme.slice(start, end < 0 ? undefined : end).split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    // | route | CPU ms a request |
    const ms = Number(cells[2]);
    if (cells.length >= 4 && cells[1] && Number.isFinite(ms) && ms > 0) budget.set(cells[1], ms);
  }
  return budget;
}

export function printTargets(results: Figures[], { bare, floor }: { bare: Figures; floor: Figures }): void {
  const readers = results.filter((r) => r.label !== BARE && r.label !== FLOOR);
  const verdict = (ok: boolean) => (ok ? "met" : "**not met**");
  const worstCpu = Math.max(...readers.map((r) => r.cpuMs / bare.cpuMs));
  const worstRps = Math.min(...readers.map((r) => r.rps / floor.rps));
  console.log("\nFixed-cost targets (this run):");
  console.log(`- bare page ≤ 4 ms CPU a request: ${bare.cpuMs.toFixed(1)} ms, ${verdict(bare.cpuMs <= 4)}`);
  console.log(`- floor ≤ 1.25 × the bare page: ${(floor.cpuMs / bare.cpuMs).toFixed(2)} ×, ${verdict(floor.cpuMs <= 1.25 * bare.cpuMs)}`);
  if (readers.length) {
    console.log(`- every reader page ≤ 1.9 × the bare page: worst ${worstCpu.toFixed(2)} ×, ${verdict(worstCpu <= 1.9)}`);
    console.log(`- every reader page ≥ 70 % of the floor's throughput: worst ${(worstRps * 100).toFixed(0)} %, ${verdict(worstRps >= 0.7)}`);
  }
}

export function checkBudget(runName: string, results: Figures[]): void {
  const budget = recordedBudget(runName);
  if (!budget.size) {
    console.log(`\nNo budget recorded for "${runName}" in bench/README.md.`);
    return;
  }
  const rise = (r: Figures) => r.cpuMs / budget.get(r.label)! - 1;
  const bare = results.find((r) => r.label === BARE);
  const machine = bare && budget.has(BARE) ? ` (the bare page moved ${pct(rise(bare))}: the machine's share of any rise)` : "";
  console.log(`\nBudget (CPU a request against bench/README.md, more than ${BUDGET_SLACK * 100} % above is flagged)${machine}:`);
  for (const r of results) {
    if (!budget.has(r.label)) {
      console.log(`- ${r.label}: no recorded figure`);
      continue;
    }
    const over = rise(r) > BUDGET_SLACK;
    console.log(`- ${r.label}: ${r.cpuMs.toFixed(1)} ms against ${budget.get(r.label)!.toFixed(1)} (${pct(rise(r))})${over ? " **OVER BUDGET**" : ""}`);
  }
}

const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(0)} %`;
