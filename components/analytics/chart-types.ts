/** D1: what a chart is given: one bar's figures (its label and a number per series, nothing else reaches the browser) and its series. */
export type ChartPoint = { label: string } & Record<string, number | string>;
export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}
