import Link from "next/link";

/** C5: an access-denied page (HTTP 403) that says nothing of what was asked for. */
export default function Forbidden() {
  return (
    <>
      <header className="bg-brand-700 text-white">
        <div className="mx-auto max-w-5xl px-4 py-4 text-xl font-bold">Portico</div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-10">
        <h1 className="text-3xl font-bold">Access denied</h1>
        <p className="mt-4">You do not have permission to view this page.</p>
        <p className="mt-4">If you think you should, ask the person who manages this part of the site to give you access.</p>
        <p className="mt-6">
          <Link href="/" className="text-brand-700 underline">
            Go to your home page
          </Link>
        </p>
      </main>
    </>
  );
}
