/**
 * Where a listed item lives, after its type: " in the group <name>" or " in <section>", each a
 * link, or nothing. The caller's query decided that the viewer may see the place (G1, G6, C3:
 * itemPlaceColumns in lib/content/listings.ts). Used by content lists and search results.
 */
export function ItemPlace({ section, group }: { section: { slug: string; title: string } | null; group: { slug: string; name: string } | null }) {
  if (group) {
    return (
      <>
        {" in the group "}
        <a href={`/groups/${group.slug}`} className="text-brand-700 underline">
          {group.name}
        </a>
      </>
    );
  }
  if (!section) return null;
  return (
    <>
      {" in "}
      <a href={`/sections/${section.slug}`} className="text-brand-700 underline">
        {section.title}
      </a>
    </>
  );
}
