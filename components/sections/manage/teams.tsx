"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { AsyncCombobox } from "@/components/ui/async-combobox";
import { buttonClass } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormErrorSummary } from "@/components/ui/form";
import { addSectionTeam, removeSectionTeams, searchTeamsForSection, teamReachForSection } from "@/lib/sections/actions";
import type { ManagedTeam, TeamChoice } from "@/lib/sections/queries";
import { S8_MESSAGE } from "@/lib/sections/schemas";
import { problemOf } from "./result";

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

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
        <div role="region" aria-label="Teams that are members of this section" tabIndex={0} className="mt-4 overflow-x-auto">
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
                    <ConfirmDialog
                      trigger={
                        <button type="button" className={buttonClass.secondary}>
                          Remove<span className="sr-only"> {t.name}</span>
                        </button>
                      }
                      title={`Remove ${t.name} from ${section.title}?`}
                      confirmLabel="Remove team"
                      onConfirm={async () => {
                        const result = await removeSectionTeams({ sectionId: section.id, teamIds: [t.id] });
                        if (!result.ok) return problemOf(result);
                        done(`Removed ${t.name} from ${section.title}.`);
                        return null;
                      }}
                    >
                      <p>People who can view this section only through {t.name} will lose access to it and everything below it.</p>
                    </ConfirmDialog>
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

function AddTeam({ sectionId, sectionTitle, onDone }: { sectionId: number; sectionTitle: string; onDone: (m: string) => void }) {
  const [step, setStep] = useState<"closed" | "pick" | "review">("closed");
  const [team, setTeam] = useState<TeamChoice | null>(null);
  const [includeChildren, setIncludeChildren] = useState(false);
  const [reach, setReach] = useState<{ members: number; externalMembers: number } | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [errors, setErrors] = useState<{ team?: string; ack?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recount, setRecount] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingId = useId();

  const search = useCallback(async (query: string) => {
    const result = await searchTeamsForSection({ sectionId, query });
    return result.ok ? result.data : null;
  }, [sectionId]);

  // The review says how many people the team brings, and whether any are external (S8).
  useEffect(() => {
    if (step !== "review" || !team) return;
    let live = true;
    setReach(null);
    void teamReachForSection({ sectionId, teamId: team.id, includeChildren }).then((r) => {
      if (!live) return;
      if (r.ok && r.data) setReach(r.data);
      else setFormError(r.ok ? "This team no longer exists. Search for it again." : problemOf(r));
    });
    return () => {
      live = false;
    };
  }, [step, team, includeChildren, sectionId, recount]);

  const go = (next: typeof step) => {
    setStep(next);
    setFormError(null);
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  const reset = () => {
    setTeam(null);
    setIncludeChildren(false);
    setAcknowledged(false);
    setErrors({});
    setFormError(null);
    setStep("closed");
  };

  if (step === "closed") {
    return (
      <button type="button" className={`${buttonClass.primary} mt-4`} onClick={() => go("pick")}>
        + Add team
      </button>
    );
  }
  return (
    <div role="region" aria-labelledby={headingId} className="mt-4 rounded border-2 border-gray-800 p-4">
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="text-xl font-bold focus:outline-none">
        {step === "pick" ? "Add a team" : "Check before adding"}
      </h3>
      <FormErrorSummary ref={summaryRef} message={formError} />
      {step === "pick" ? (
        <div className="mt-4 space-y-4">
          <AsyncCombobox<TeamChoice>
            label="Team"
            hint="Search by the team's name."
            search={search}
            value={team}
            onChange={(t) => {
              setTeam(t);
              setErrors({});
            }}
            itemKey={(t) => String(t.id)}
            itemLabel={(t) => t.name}
            renderItem={(t) => (
              <>
                {t.name}
                {t.parent ? <span className="block text-sm opacity-80">in {t.parent}</span> : null}
              </>
            )}
            error={errors.team}
          />
          <Checkbox
            label="Include its child teams"
            hint="Members of every team below this one can view the section too, now and as teams are added below it."
            checked={includeChildren}
            onChange={(e) => setIncludeChildren(e.target.checked)}
          />
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              className={buttonClass.primary}
              onClick={() => {
                if (!team) {
                  setErrors({ team: "Choose a team" });
                  return;
                }
                setAcknowledged(false);
                go("review");
              }}
            >
              Next
            </button>
            <button type="button" className={buttonClass.secondary} onClick={reset}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="mt-4 space-y-4">
          <p>
            You are adding <strong>{team!.name}</strong>
            {includeChildren ? " and its child teams" : ""} to {sectionTitle}.
          </p>
          {reach ? (
            <p>
              {includeChildren ? "These teams have" : "This team has"} {people(reach.members)} now.
            </p>
          ) : (
            <p role="status">Counting the people in the team…</p>
          )}
          {reach && reach.externalMembers > 0 ? (
            <div className="border-l-4 border-amber-500 bg-amber-50 p-4">
              <p className="font-semibold">
                {includeChildren ? "These teams include" : "This team includes"} {reach.externalMembers} external {reach.externalMembers === 1 ? "user" : "users"}.
              </p>
              <div className="mt-3">
                <Checkbox
                  label={`I understand: ${S8_MESSAGE.charAt(0).toLowerCase()}${S8_MESSAGE.slice(1)}.`}
                  checked={acknowledged}
                  onChange={(e) => {
                    setAcknowledged(e.target.checked);
                    setErrors({});
                  }}
                  error={errors.ack}
                />
              </div>
            </div>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              disabled={busy || !reach}
              className={buttonClass.primary}
              onClick={async () => {
                if (reach && reach.externalMembers > 0 && !acknowledged) {
                  setErrors({ ack: "Tick the box to confirm that you are giving external users access" });
                  return;
                }
                setBusy(true);
                const result = await addSectionTeam({ sectionId, teamId: team!.id, includeChildren, acknowledgeExternal: acknowledged });
                setBusy(false);
                if (result.ok) {
                  reset();
                  onDone(`Added ${team!.name} to ${sectionTitle}.`);
                } else if (result.fieldErrors?.acknowledgeExternal) {
                  // The team gained external members since the review was shown: count again.
                  setErrors({ ack: result.fieldErrors.acknowledgeExternal });
                  setRecount((n) => n + 1);
                } else {
                  setFormError(problemOf(result));
                  requestAnimationFrame(() => summaryRef.current?.focus());
                }
              }}
            >
              {busy ? "Adding…" : "Confirm"}
            </button>
            <button type="button" className={buttonClass.secondary} onClick={() => go("pick")}>
              Back
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
