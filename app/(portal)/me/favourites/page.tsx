import type { Metadata } from "next";
import { ContentList } from "@/components/content/content-list";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { externalMayUse } from "@/lib/access/external-access";
import { listFavourites } from "@/lib/reactions/queries";
import { WallFavourites } from "@/components/wall/wall-favourites";

export const metadata: Metadata = { title: "Favourites" };

/** K4 C4: the viewer's favourites they can view now (one they can no longer view is not listed), keyset pages. */
export default async function FavouritesPage({ searchParams }: { searchParams: Promise<{ before?: string; wall?: string }> }) {
  const [{ before, wall }, viewer] = await Promise.all([searchParams, requireViewer()]);
  const [page, usesWall] = await Promise.all([listFavourites(viewer, before), externalMayUse(viewer, "messageWall")]);
  return (
    <>
      <h1 className="text-3xl font-bold">Favourites</h1>
      <p className="mt-2 text-gray-800">Items you marked as favourites, most recently changed first. Use “Favourite” on an item to add or remove it.</p>
      <ContentList items={page.items} empty="You have no favourites yet." showStatus />
      <Pager basePath="/me/favourites" next={page.next} isFirstPage={!before} label="Favourites pages" />
      {/* K4 G4: favourite wall posts, for whoever may use the wall now. */}
      {usesWall ? <WallFavourites viewer={viewer} cursor={wall ?? null} /> : null}
    </>
  );
}
