"use client";
/**
 * D1: a bar chart of labelled counts, stacked when there is more than one series (Recharts).
 * Drawn only in the browser (./chart.tsx loads it): it is a picture of the table beside it,
 * which is its text alternative, so it has no keyboard layer or tooltip of its own.
 */
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import type { ChartPoint, ChartSeries } from "./chart-types";

const AXIS_TEXT = { fill: "#374151", fontSize: 12 };

export function Bars({ data, series, height, decimals }: { data: ChartPoint[]; series: ChartSeries[]; height: number; decimals: boolean }) {
  return (
    <BarChart data={data} responsive style={{ width: "100%", height }} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
      <CartesianGrid vertical={false} stroke="#d1d5db" />
      <XAxis dataKey="label" tick={AXIS_TEXT} tickLine={false} stroke="#6b7280" interval="preserveStartEnd" minTickGap={12} />
      <YAxis tick={AXIS_TEXT} tickLine={false} stroke="#6b7280" allowDecimals={decimals} width={44} />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.name} stackId="figures" fill={s.color} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
