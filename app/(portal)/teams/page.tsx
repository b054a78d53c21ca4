import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { TeamTree } from "@/components/teams/team-tree";
import { requireViewer } from "@/lib/access/viewer";
import { TEAM_TREE_DEPTH, listTeamTree } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "Teams" };

/** P5: the team tree. External people only with the Teams switch (E5) or as team admins. */
export default async function TeamsPage() {
  const viewer = await requireViewer();
  const teams = await listTeamTree(viewer);
  if (!teams) forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">Teams</h1>
      <p className="mt-3 text-lg text-gray-800">
        {viewer.audience === "external" ? "The teams you can see." : "The organisation's teams."} Open a team to see its members; teams more than{" "}
        {TEAM_TREE_DEPTH} levels down are listed on their parent team&apos;s page.
      </p>
      <TeamTree teams={teams} />
    </>
  );
}
