import Link from "next/link";
import { PlainPage } from "@/components/shell/plain-page";

/**
 * HTTP 401. Portico sends signed-out people to sign in rather than calling unauthorized(),
 * but Next puts this page's tree into every page's payload (with forbidden(), C5): its own
 * default is an inline-styled page twice the size, in Next's words, not ours.
 */
export default function Unauthorized() {
  return (
    <PlainPage>
      <h1 className="text-3xl font-bold">Sign in to see this page</h1>
      <p className="mt-4">
        <Link href="/login" className="text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </PlainPage>
  );
}
