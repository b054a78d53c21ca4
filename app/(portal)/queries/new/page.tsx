import type { Metadata } from "next";
import Link from "next/link";
import { AskQueryFormView } from "@/components/queries/ask-form";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { requireExternalApp } from "@/lib/access/external-guard";
import { teamsAcceptingQueries } from "@/lib/queries-app/queries";

export const metadata: Metadata = { title: "Ask a query" };

/** G4 G8 E4 E5: ask the organisation a question, sent to a team that accepts queries. */
export default async function AskQueryPage() {
  const viewer = await requireExternalApp("queries");
  const teams = await teamsAcceptingQueries(viewer);
  // Two teams of one name are told apart by the team above them.
  const names = new Map<string, number>();
  for (const t of teams) names.set(t.name, (names.get(t.name) ?? 0) + 1);
  const options = teams.map((t) => ({ id: t.id, label: (names.get(t.name) ?? 0) > 1 && t.parentName ? `${t.name} (in ${t.parentName})` : t.name }));
  return (
    <>
      <Breadcrumbs trail={[{ href: "/queries", label: "Queries" }]} current="Ask a query" />
      <h1 className="text-3xl font-bold">Ask a query</h1>
      <p className="mt-2 max-w-prose">
        Your query goes to the team you choose, whose members answer it. <strong>Everyone who uses Queries can read your query and its answers</strong>, with your name: do not
        include anything private.
      </p>
      {options.length ? (
        <AskQueryFormView teams={options} />
      ) : (
        <div className="mt-6 max-w-prose border-l-4 border-brand-700 bg-gray-50 p-4" role="status">
          <p className="font-semibold">No team accepts queries yet.</p>
          <p className="mt-1">
            A team&apos;s administrators turn on &ldquo;Accepts queries&rdquo; on the team&apos;s page. Until one does, queries cannot be asked.{" "}
            <Link href="/queries" className="text-brand-700 underline">
              Back to queries
            </Link>
          </p>
        </div>
      )}
    </>
  );
}
