"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

/** One client per browser tab, shared by every widget that uses React Query; a fresh one per server render. */
let browserClient: QueryClient | undefined;
function queryClient(): QueryClient {
  const make = () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
  if (typeof window === "undefined") return make();
  return (browserClient ??= make());
}

/**
 * Client-side state (React Query) for the interactive widgets that fetch as you type (the
 * person picker). Provided around those widgets only, not the whole page: every page
 * would otherwise render and send the provider for the few that use it (the fixed cost,
 * bench/README.md, session 9).
 */
export function QueryClientScope({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient()}>{children}</QueryClientProvider>;
}
