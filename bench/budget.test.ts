import { describe, expect, it } from "vitest";
import { recordedBudget } from "./budget";

const readme = `
## Results
<!-- budget: PostgreSQL, 10 × smaller -->
| route | CPU ms a request |
| --- | --- |
| floor (layout, no data) | 99.0 |
<!-- /budget -->
<!-- budget: PostgreSQL, 100 000 people, 1 000 000 items -->
| route | CPU ms a request |
| --- | --- |
| bare page (anonymous, no data) | 4.2 |
| /sections/<slug> (external) | 9.75 |
<!-- /budget -->
| not part | 1.0 |
`;

describe("the benchmark's budget (bench/README.md)", () => {
  it("reads the recorded CPU a request of the named run only", () => {
    const budget = recordedBudget("PostgreSQL, 100 000 people, 1 000 000 items", readme);
    expect([...budget]).toEqual([
      ["bare page (anonymous, no data)", 4.2],
      ["/sections/<slug> (external)", 9.75],
    ]);
  });

  it("has nothing for a run with no budget", () => {
    expect(recordedBudget("PGlite, 10 000 items", readme).size).toBe(0);
  });

  it("reads the budget recorded in bench/README.md for the full-size run: the bare page, the floor and the pages", () => {
    const budget = recordedBudget("PostgreSQL, 100 000 people, 1 000 000 items");
    expect(budget.get("bare page (anonymous, no data)")).toBeGreaterThan(0);
    expect(budget.get("floor (layout, no data)")).toBeGreaterThan(0);
    expect(budget.size).toBeGreaterThanOrEqual(9);
  });
});
