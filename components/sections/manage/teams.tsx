"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { ImpactConfirmDialog } from "@/components/access/impact-confirm-dialog";
import { previewRemoveTeamsImpact, removeSectionTeams } from "@/lib/sections/actions";
import type { ManagedTeam } from "@/lib/sections/queries";
import { AddTeam, people } from "./add-team";

export function TeamManager({ section, teams }: { section: { id: number; title: string }; teams: ManagedTeam[] }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const done = (message: string) => {
    setStatus(message);
    router.refresh();
  };
  return (
    <section aria-labelledby="teams-heading" className="mt-12">
      <h2 id="teams-heading" className="text-2xl font-bold">
        Teams
      </h2>
      <p className="mt-1 text-gray-700">
        Everyone in a team added here can view {section.title}. Membership follows the team: people who join or leave the team gain or lose access at once.
        Teams cannot hold roles.
      </p>
      <p role="status" aria-live="polite" className={status ? "mt-4 border-l-4 border-green-700 bg-green-50 p-3 font-semibold" : "sr-only"}>
        {status}
      </p>
      <AddTeam sectionId={section.id} sectionTitle={section.title} onDone={done} />
      {teams.length ? (
        <div role="region" aria-label="Teams that are members of this section" tabIndex={0} className="mt-4 relative overflow-x-auto">
          <table className="w-full min-w-[32rem] border-collapse text-left">
            <caption className="sr-only">Teams that are members of {section.title}</caption>
            <thead>
              <tr className="border-b-2 border-gray-800">
                <th scope="col" className="py-2 pr-4">
                  Team
                </th>
                <th scope="col" className="py-2 pr-4">
                  People
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {teams.map((t) => (
                <tr key={t.id} className="border-b border-gray-300 align-top">
                  <td className="py-3 pr-4">
                    <span className="font-semibold">{t.name}</span>
                    <span className="block text-sm text-gray-700">{t.includeChildren ? "With its child teams" : "This team only"}</span>
                  </td>
                  <td className="py-3 pr-4">
                    {people(t.members)}
                    {t.externalMembers ? <span className="block text-sm text-gray-700">of whom {t.externalMembers} external</span> : null}
                  </td>
                  <td className="py-3">
                    <ImpactConfirmDialog
                      trigger={
                        <button type="button" className={buttonClass.secondary}>
                          Remove<span className="sr-only"> {t.name}</span>
                        </button>
                      }
                      title={`Remove ${t.name} from ${section.title}?`}
                      confirmLabel="Remove team"
                      changeKey={String(t.id)}
                      fetchPreview={() => previewRemoveTeamsImpact({ sectionId: section.id, teamIds: [t.id] })}
                      save={(impactFingerprint) => removeSectionTeams({ sectionId: section.id, teamIds: [t.id], impactFingerprint })}
                      onSaved={() => done(`Removed ${t.name} from ${section.title}.`)}
                      nothingChanges={`No one loses access: everyone in ${t.name} can still view ${section.title} another way (as a member, through another team, a section above it, or because it is open to the organisation).`}
                    >
                      <p>People who can view this section only through {t.name} will lose access to it and everything below it.</p>
                    </ImpactConfirmDialog>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-4">No teams have been added to this section.</p>
      )}
    </section>
  );
}
