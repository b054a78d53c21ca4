"use client";
import dynamic from "next/dynamic";

import type { ChartPoint, ChartSeries } from "./chart-types";

export type { ChartPoint, ChartSeries } from "./chart-types";

// Recharts measures its container: drawn in the browser only, and loaded with this page alone.
const Bars = dynamic(() => import("./bars").then((m) => m.Bars), { ssr: false });

/**
 * D1 Q1: a chart as one image with a text alternative: `description` says what it shows and
 * where its figures are (the table that follows it, which every chart has).
 */
export function Chart({ description, data, series, height = 260, decimals = false }: { description: string; data: ChartPoint[]; series: ChartSeries[]; height?: number; decimals?: boolean }) {
  return (
    <div role="img" aria-label={description} className="mt-4 w-full" style={{ height }}>
      <Bars data={data} series={series} height={height} decimals={decimals} />
    </div>
  );
}
