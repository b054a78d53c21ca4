/** What one route's load in `npm run bench` measured, and the labels of the two routes every page is read against. */
export const BARE = "bare page (anonymous, no data)";
export const FLOOR = "floor (layout, no data)";

export interface Figures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  /** CPU milliseconds per successful request: the server, plus the database backends serving it on PostgreSQL. */
  cpuMs: number;
  /** Of which the database backends (PostgreSQL only). */
  dbCpuMs: number;
}
