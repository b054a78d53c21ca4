import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { AddMembers } from "@/components/teams/add-members";
import { CreateChildTeamForm, RenameTeamForm } from "@/components/teams/team-forms";
import { MembersTable } from "@/components/teams/members-table";
import { TeamQueriesSetting } from "@/components/queries/team-queries-setting";
import { requireViewer } from "@/lib/access/viewer";
import { getTeamPage } from "@/lib/teams/queries";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";

type Props = { params: Promise<{ key: string }> };

const lookup = cache(async (key: string) => getTeamPage(await requireViewer(), decodeURIComponent(key)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const result = await lookup((await params).key);
  return { title: lookupTitle(result, (team) => team.name) };
}

function count(n: number): string {
  return n === 1 ? "1 member" : `${n} members`;
}

/** P5: a team — its place in the tree, its members (photos and profile links, P6), the sections it gives access to that the viewer can view (S2), and for its administrators the tools to manage it. */
export default async function TeamPage({ params }: Props) {
  const team = found(await lookup((await params).key));

  return (
    <>
      <Breadcrumbs trail={[{ href: "/teams", label: "Teams" }, ...team.breadcrumbs.map((b) => ({ href: `/teams/${b.key}`, label: b.name }))]} current={team.name} />
      <h1 className="text-3xl font-bold break-words">{team.name}</h1>
      <p className="mt-2 text-gray-800">{count(team.memberCount)}</p>

      {team.children.length ? (
        <section aria-labelledby="child-teams" className="mt-8">
          <h2 id="child-teams" className="text-xl font-bold">
            Teams in {team.name}
          </h2>
          <ul className="mt-3 space-y-1">
            {team.children.map((c) => (
              <li key={c.key}>
                <Link href={`/teams/${c.key}`} className="inline-block py-2 font-semibold text-brand-700 underline underline-offset-2 hover:no-underline">
                  {c.name}
                </Link>{" "}
                <span className="text-sm text-gray-700">({count(c.memberCount)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="members" className="mt-8">
        <h2 id="members" className="text-xl font-bold">
          Members
        </h2>
        <MembersTable teamId={team.id} teamName={team.name} members={team.members} canManage={team.canManage} />
      </section>

      <section aria-labelledby="team-sections" className="mt-8">
        <h2 id="team-sections" className="text-xl font-bold">
          Sections this team gives access to
        </h2>
        {/* S2: only sections the viewer may view themselves (visibleSections in the query); never the others, never a count. */}
        {team.grantsSections.length ? (
          <>
            <p className="mt-2 text-gray-800">Members of {team.name} are members of these sections, and of the sections below them.</p>
            <ul className="mt-3 space-y-1">
              {team.grantsSections.map((s) => (
                <li key={s.slug}>
                  <Link href={`/sections/${s.slug}`} prefetch={false} className="inline-block py-2 font-semibold text-brand-700 underline underline-offset-2 hover:no-underline">
                    {s.title}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="mt-2 text-gray-700">None that you can view.</p>
        )}
      </section>
      {/* G8: the team's "Accepts queries" switch and where to ask it (components/queries). */}
      <TeamQueriesSetting teamId={team.id} teamName={team.name} />

      {team.canManage ? (
        <>
          <section aria-labelledby="add-members" className="mt-10">
            <h2 id="add-members" className="text-xl font-bold">
              Add members
            </h2>
            <AddMembers teamId={team.id} teamName={team.name} memberIds={team.members.map((m) => m.id)} grantsSections={team.grantsSections} />
          </section>
          <section aria-labelledby="edit-team" className="mt-10">
            <h2 id="edit-team" className="text-xl font-bold">
              Edit team
            </h2>
            <RenameTeamForm teamId={team.id} name={team.name} />
          </section>
          <section aria-labelledby="child-team" className="mt-10">
            <h2 id="child-team" className="text-xl font-bold">
              Create a child team
            </h2>
            <CreateChildTeamForm parentId={team.id} parentName={team.name} />
          </section>
        </>
      ) : null}
    </>
  );
}
