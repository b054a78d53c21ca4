import { notFound } from "next/navigation";

/**
 * The benchmark's floor (bench/run.ts): the portal layout — session, viewer, header —
 * with no data of its own. Served only when PORTICO_BENCH_FLOOR=1.
 */
export default function BenchFloor() {
  if (process.env.PORTICO_BENCH_FLOOR !== "1") notFound();
  return <h1 className="text-3xl font-bold">Benchmark floor</h1>;
}
