import Link from "next/link";
import { ContentForm } from "@/components/content/content-form";
import { TYPE_LABELS, TYPE_NOUNS } from "@/components/content/format";
import { type Place, placeCrumbs, placeHref } from "@/components/content/place";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { CONTENT_TYPES, type ContentTypeName } from "@/lib/content/schemas";

const TYPE_HINTS: Record<ContentTypeName, string> = {
  news: "Something that has happened or is about to.",
  policy: "A rule or procedure people must follow.",
  page: "Lasting information: how to, who to contact.",
  blog: "A personal or team story.",
  event: "Something happening at a date, time and place.",
  poll: "A question for people to vote on.",
};

/** The kind asked for in the address (?type=…), when it is one. */
export const chosenType = (type: string | undefined): ContentTypeName | undefined => CONTENT_TYPES.find((t) => t === type);

/** The page's title: the kind chosen, and where it goes. */
export function newItemTitle(home: Place, type: string | undefined): string {
  const chosen = chosenType(type);
  return chosen ? `New ${TYPE_NOUNS[chosen]} in ${home.title}` : `New item in ${home.title}`;
}

/**
 * A new item's page, the same in a section and in a group (C1): choose a kind, then write it
 * with the one form and editor. `home` carries the id the form sends with the item.
 */
export function NewItem({ home, mayPublish, type }: { home: Place & { id: number }; mayPublish: boolean; type: string | undefined }) {
  const chosen = chosenType(type);
  const homeHref = placeHref(home);

  return (
    <>
      <Breadcrumbs trail={placeCrumbs(home)} current="New item" />
      {chosen ? (
        <>
          <h1 className="text-3xl font-bold break-words">{newItemTitle(home, chosen)}</h1>
          <p className="mt-2">
            <Link href={`${homeHref}/new`} className="text-brand-700 underline">
              Choose a different kind of item
            </Link>
          </p>
          <ContentForm mode="create" home={{ kind: home.kind, id: home.id }} type={chosen} typeNoun={TYPE_NOUNS[chosen]} mayPublish={mayPublish} cancelHref={homeHref} />
        </>
      ) : (
        <>
          <h1 className="text-3xl font-bold break-words">{newItemTitle(home, undefined)}</h1>
          {/* A plain GET form: works before any script has loaded. */}
          <form method="get" className="mt-6">
            <fieldset>
              <legend className="text-xl font-bold">What do you want to write?</legend>
              <div className="mt-4 space-y-3">
                {CONTENT_TYPES.map((t, i) => (
                  <div key={t} className="flex items-start gap-3">
                    <input id={`type-${t}`} type="radio" name="type" value={t} defaultChecked={i === 0} aria-describedby={`type-${t}-hint`} className="mt-1 size-6" />
                    <div>
                      <label htmlFor={`type-${t}`} className="font-semibold">
                        {TYPE_LABELS[t]}
                      </label>
                      <p id={`type-${t}-hint`} className="text-gray-700">
                        {TYPE_HINTS[t]}
                      </p>
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>
            <div className="mt-6 flex flex-wrap items-center gap-4">
              <button type="submit" className="min-h-11 rounded bg-brand-700 px-5 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800">
                Continue
              </button>
              <Link href={homeHref} className="text-brand-700 underline">
                Cancel
              </Link>
            </div>
          </form>
        </>
      )}
    </>
  );
}
