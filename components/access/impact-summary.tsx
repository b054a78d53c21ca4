/**
 * B4: what a change to a section's access does, in words, before it is saved: "Gives 37
 * people (12 external) access to 4 sections and 1 203 published items", the same for what it
 * removes, and the people's names behind a disclosure. The figures come from the change made
 * on the real data and rolled back (lib/access/impact/section-impact.ts).
 */
import type { SectionImpact } from "@/lib/access/impact/section-impact";

type Side = SectionImpact["gives"];
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function sentence(verb: "Gives" | "Removes", side: Side): string {
  const external = side.externalPeople ? ` (${side.externalPeople.toLocaleString("en-GB")} external)` : "";
  const who = `${count(side.people, "person", "people")}${external}`;
  const what = `${count(side.sections, "section", "sections")} and ${count(side.items, "published item", "published items")}`;
  return verb === "Gives" ? `Gives ${who} access to ${what}.` : `Removes access for ${who} to ${what}.`;
}

function Names({ side, label }: { side: Side; label: string }) {
  if (!side.people) return null;
  const more = side.people - side.sample.length;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-brand-700 underline">{label}</summary>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {side.sample.map((p) => (
          <li key={p.id}>
            {p.name}
            {p.audience === "external" ? <span className="text-sm text-gray-700"> (external)</span> : null}
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="mt-1 text-gray-700">and {count(more, "other", "others")}.</p> : null}
    </details>
  );
}

export function ImpactSummary({ impact, nothingChanges }: { impact: SectionImpact; nothingChanges: string }) {
  const { gives, removes } = impact;
  return (
    <div className="rounded border-2 border-gray-300 bg-gray-50 p-3" data-testid="impact-summary">
      <p className="font-semibold">What this change does</p>
      {!gives.people && !removes.people ? <p className="mt-1">{nothingChanges}</p> : null}
      {gives.people ? (
        <>
          <p className="mt-1">{sentence("Gives", gives)}</p>
          <Names side={gives} label={`Who gains access (${count(gives.people, "person", "people")})`} />
        </>
      ) : null}
      {removes.people ? (
        <>
          <p className="mt-1">{sentence("Removes", removes)}</p>
          <Names side={removes} label={`Who loses access (${count(removes.people, "person", "people")})`} />
        </>
      ) : null}
    </div>
  );
}
