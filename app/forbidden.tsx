import Link from "next/link";
import { PlainPage } from "@/components/shell/plain-page";

/** C5: an access-denied page (HTTP 403) that says nothing of what was asked for. */
export default function Forbidden() {
  return (
    <PlainPage>
      <h1 className="text-3xl font-bold">Access denied</h1>
      <p className="mt-4">You do not have permission to view this page.</p>
      <p className="mt-4">If you think you should, ask the person who manages this part of the site to give you access.</p>
      <p className="mt-6">
        <Link href="/" className="text-brand-700 underline">
          Go to your home page
        </Link>
      </p>
    </PlainPage>
  );
}
