import Link from "next/link";
import { requireViewer } from "@/lib/access/viewer";
import { getTeamQueriesSetting } from "@/lib/queries-app/queries";
import { TeamQueriesForm } from "./team-queries-form";

/**
 * The team page's Queries block (P5 G8): for those who manage the team, the "Accepts
 * queries" switch; for others, whether the team takes queries and where to ask one.
 * Nothing at all for someone who may not use Queries (E5, the app turned off).
 */
export async function TeamQueriesSetting({ teamId, teamName }: { teamId: number; teamName: string }) {
  const setting = await getTeamQueriesSetting(await requireViewer(), teamId);
  if (!setting || (!setting.canManage && !setting.acceptsQueries)) return null;
  return (
    <section aria-labelledby="team-queries" className="mt-10">
      <h2 id="team-queries" className="text-xl font-bold">
        Queries
      </h2>
      {setting.acceptsQueries ? (
        <p className="mt-2">
          {teamName} accepts queries.{" "}
          <Link href="/queries/new" className="text-brand-700 underline">
            Ask a query
          </Link>
        </p>
      ) : null}
      {setting.canManage ? <TeamQueriesForm teamId={teamId} teamName={teamName} accepts={setting.acceptsQueries} /> : null}
    </section>
  );
}
