import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { HydrationMark } from "@/components/shell/hydration-mark";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Portico", template: "%s · Portico" },
  description: "Your organisation's intranet and extranet",
  manifest: "/manifest.webmanifest",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d4f91" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next puts the request's CSP nonce (middleware.ts,
  // lib/security/headers.ts) on its scripts only then. A prerendered page would carry
  // scripts without it, which the policy blocks.
  await connection();
  return (
    <html lang="en-GB">
      <body className="min-h-screen bg-white font-sans text-base text-gray-900 antialiased">
        <a
          href="#main"
          className="sr-only bg-[var(--color-focus)] px-4 py-2 text-gray-900 underline focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
        >
          Skip to main content
        </a>
        {children}
        <HydrationMark />
      </body>
    </html>
  );
}
