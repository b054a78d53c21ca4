import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { TokenTable } from "@/components/api-tokens/token-table";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { listAnyonesTokens } from "@/lib/api-tokens/queries";

export const metadata: Metadata = { title: "API tokens — Administration" };

/** D5 M8: everyone's API tokens, newest first, for webmasters: whose, what each may do, when last used; revoke any. */
export default async function AdminTokensPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const [{ before }, viewer] = await Promise.all([searchParams, requireViewer()]);
  const page = await listAnyonesTokens(viewer, before);
  if (page.status === "forbidden") forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">API tokens</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        Everyone&apos;s API tokens, newest first. A token acts as its person and no more; revoke one that is lost or no longer needed and it stops
        working at once. Making and revoking tokens is recorded in the audit log.
      </p>
      {page.items.length ? <TokenTable rows={page.items} caption="Everyone's API tokens, newest first" anyone /> : <p className="mt-6">Nobody has made a token yet.</p>}
      <Pager basePath="/admin/tokens" next={page.next} isFirstPage={!before} label="Token pages" />
    </>
  );
}
