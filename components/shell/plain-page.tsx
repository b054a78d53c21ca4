import type { ReactNode } from "react";

/** The frame of pages shown outside the portal shell: sign-in, access denied, not found. */
export function PlainPage({ children, width = "max-w-3xl" }: { children: ReactNode; width?: string }) {
  return (
    <>
      <header className="bg-brand-700 text-white">
        <div className="mx-auto max-w-5xl px-4 py-4 text-xl font-bold">Portico</div>
      </header>
      <main id="main" className={`mx-auto ${width} px-4 py-10`}>
        {children}
      </main>
    </>
  );
}
