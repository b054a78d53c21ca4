/**
 * K4 G4: the viewer's favourite wall posts on /me/favourites, most recently favourited
 * first, only those they may read now (a hidden post, or the wall once they may no longer
 * use it, is not listed), with their own pages (`wall` cursor).
 */
import Link from "next/link";
import { CommentText } from "@/components/comments/comment-text";
import { Pager } from "@/components/ui/pager";
import type { AccessSubject } from "@/lib/access/types";
import { formatDateTime } from "@/lib/content/time";
import { listFavouriteWallPosts } from "@/lib/wall/queries";

export async function WallFavourites({ viewer, cursor }: { viewer: AccessSubject; cursor: string | null }) {
  const page = await listFavouriteWallPosts(viewer, cursor);
  return (
    <section aria-labelledby="wall-favourites" className="mt-10">
      <h2 id="wall-favourites" className="text-2xl font-bold">
        Wall posts
      </h2>
      {page.items.length ? (
        <ul className="mt-4 divide-y divide-gray-300 border-y border-gray-300">
          {page.items.map((p) => (
            <li key={p.id} className="py-4">
              <p className="text-sm text-gray-700">
                <span className="font-semibold text-gray-900">{p.authorName}</span> ·{" "}
                <Link href={`/wall/${p.id}`} className="text-brand-700 underline">
                  {formatDateTime(p.createdAt)}
                  <span className="sr-only">: the post by {p.authorName}</span>
                </Link>
              </p>
              {p.body !== null ? <CommentText body={p.body} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4">{cursor ? "There are no more favourite wall posts." : "You have no favourite wall posts. Use “Favourite” on a post on the Message Wall."}</p>
      )}
      <Pager basePath="/me/favourites" next={page.next} isFirstPage={!cursor} label="Favourite wall posts pages" cursorParam="wall" />
    </section>
  );
}
