import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/api-tokens/create-token-form";
import { TokenTable } from "@/components/api-tokens/token-table";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { listOwnTokens } from "@/lib/api-tokens/queries";
import { API_REFERENCE_PATH } from "@/lib/routes";

export const metadata: Metadata = { title: "API tokens" };

/** D5: the viewer's own API tokens: make one (shown once), list them, revoke them. */
export default async function TokensPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const [{ before }, viewer] = await Promise.all([searchParams, requireViewer()]);
  const page = await listOwnTokens(viewer, before);
  return (
    <>
      <h1 className="text-3xl font-bold">API tokens</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        A token lets a script or another system use Portico&apos;s API as you: it sees exactly what you see, and can do no more than you can. Send it in
        the Authorization header, for example <code className="break-all font-mono">curl -H &quot;Authorization: Bearer &lt;token&gt;&quot; /api/v1/me</code>.
        If you are blocked, or a token is revoked or expires, it stops working at once.
      </p>
      <p className="mt-2 max-w-prose text-gray-800">
        Every endpoint, what it takes and what it answers is in the{" "}
        <a href={API_REFERENCE_PATH} className="underline">
          API reference
        </a>
        , where you can also try calls with a token.
      </p>

      <section aria-labelledby="new-token-heading" className="mt-8">
        <h2 id="new-token-heading" className="text-2xl font-bold">
          Make a token
        </h2>
        <CreateTokenForm />
      </section>

      <section aria-labelledby="tokens-heading" className="mt-10">
        <h2 id="tokens-heading" className="text-2xl font-bold">
          Your tokens
        </h2>
        {page.items.length ? <TokenTable rows={page.items} caption="Your API tokens, newest first" /> : <p className="mt-4">You have no tokens yet.</p>}
        <Pager basePath="/me/tokens" next={page.next} isFirstPage={!before} label="Token pages" />
      </section>
    </>
  );
}
