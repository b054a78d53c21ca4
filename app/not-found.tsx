import Link from "next/link";
import { PlainPage } from "@/components/shell/plain-page";

export default function NotFound() {
  return (
    <PlainPage>
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="mt-4">If you typed the web address, check it is correct. If you followed a link, it may be out of date.</p>
      <p className="mt-4">
        <Link href="/" className="text-brand-700 underline">
          Go to your home page
        </Link>
      </p>
    </PlainPage>
  );
}
