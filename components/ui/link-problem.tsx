import Link from "next/link";

/** A link from an e-mail that cannot be used: what happened, said plainly, and where to go. */
export function LinkProblem({ title, message, href, linkText }: { title: string; message: string; href: string; linkText: string }) {
  return (
    <>
      <h1 className="text-3xl font-bold">{title}</h1>
      <p role="alert" className="mt-6 border-l-4 border-red-700 p-4">
        {message}
      </p>
      <p className="mt-6">
        <Link href={href} className="text-brand-700 underline">
          {linkText}
        </Link>
      </p>
    </>
  );
}
