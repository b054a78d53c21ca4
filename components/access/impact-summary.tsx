/**
 * B4: what a change to who may view what does, in words, before it is saved: "Gives 37
 * people (12 external) access to 4 sections and 1 203 published items", the same for what it
 * removes, the people's names behind a disclosure, and for the external access switches the
 * apps external people gain or lose. The figures are measured on the real data without saving
 * anything (lib/access/impact/).
 */
import type { AccessImpact } from "@/lib/access/impact/impact";

type Side = AccessImpact["gives"];
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function sentence(verb: "Gives" | "Removes", side: Side): string {
  const external = side.externalPeople ? ` (${side.externalPeople.toLocaleString("en-GB")} external)` : "";
  const who = `${count(side.people, "person", "people")}${external}`;
  const places = [side.sections || !side.groups ? count(side.sections, "section", "sections") : null, side.groups ? count(side.groups, "group", "groups") : null].filter(Boolean);
  const what = `${places.join(", ")} and ${count(side.items, "published item", "published items")}`;
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

function appSentence(app: AccessImpact["apps"][number]): string {
  const who = count(app.people, "external person", "external people");
  return app.change === "gives" ? `Gives ${who} the use of ${app.label}.` : `Takes the use of ${app.label} from ${who}.`;
}

export function ImpactSummary({ impact, nothingChanges }: { impact: AccessImpact; nothingChanges: string }) {
  const { gives, removes, apps } = impact;
  return (
    <div className="rounded border-2 border-gray-300 bg-gray-50 p-3" data-testid="impact-summary">
      <p className="font-semibold">What this change does</p>
      {!gives.people && !removes.people && !apps.length ? <p className="mt-1">{nothingChanges}</p> : null}
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
      {apps.map((app) => (
        <p key={app.app} className="mt-1">
          {appSentence(app)}
        </p>
      ))}
    </div>
  );
}
