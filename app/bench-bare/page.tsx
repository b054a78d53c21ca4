import { notFound } from "next/navigation";

/**
 * The benchmark's bare page (bench/run.ts): anonymous, dynamic, the root layout and no
 * data — what every page costs before any session, viewer or content. Served only when
 * PORTICO_BENCH_FLOOR=1.
 */
export default function BenchBare() {
  if (process.env.PORTICO_BENCH_FLOOR !== "1") notFound();
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-3xl font-bold">Benchmark bare page</h1>
    </main>
  );
}
