import Link from "next/link";

/** Where a refused or lost person can always go on from (middleware sends external people to theirs). */
function HomeLink() {
  return (
    <p className="mt-6">
      <Link href="/" className="text-brand-700 underline">
        Go to your home page
      </Link>
    </p>
  );
}

/** C5: what an access-denied page (HTTP 403) says: nothing of what was asked for. */
export function ForbiddenMessage() {
  return (
    <>
      <h1 className="text-3xl font-bold">Access denied</h1>
      <p className="mt-4">You do not have permission to view this page.</p>
      <p className="mt-4">If you think you should, ask the person who manages this part of the site to give you access.</p>
      <HomeLink />
    </>
  );
}

/** What a missing page says (a secret group's page too, word for word: G1). */
export function NotFoundMessage() {
  return (
    <>
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="mt-4">If you typed the web address, check it is correct. If you followed a link, it may be out of date.</p>
      <HomeLink />
    </>
  );
}
