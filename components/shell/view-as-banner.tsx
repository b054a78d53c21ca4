/**
 * B2: on every page while someone views the site as another person: who, how far (a section
 * manager's view covers only their sections' pages), that nothing can be changed, and the one
 * button that ends it (a plain form: it works before any script loads).
 */
import { endViewAsAction } from "@/lib/view-as/actions";

export function ViewAsBanner({ name, audience, onlyWithinSections }: { name: string; audience: "organisational" | "external"; onlyWithinSections: boolean }) {
  const who = `${name}${audience === "external" ? " (external)" : ""}`;
  return (
    <div role="region" aria-label="Viewing as someone else" className="border-b-4 border-amber-600 bg-amber-100" data-view-as-banner="">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <p className="font-semibold text-amber-950">
          {onlyWithinSections
            ? `You are viewing the sections you manage as ${who}: their pages and items are as ${name} sees them, every other page as you see it, and nothing can be changed.`
            : `You are viewing Portico as ${who}: every page is as they see it, and nothing can be changed.`}
        </p>
        <form action={endViewAsAction}>
          <button type="submit" className="min-h-11 rounded border-2 border-amber-950 bg-white px-4 py-2 font-semibold text-amber-950 hover:bg-amber-50">
            End viewing as {name}
          </button>
        </form>
      </div>
    </div>
  );
}
