import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Pager } from "@/components/ui/pager";
import { PostBox } from "@/components/wall/post-box";
import { WallPost } from "@/components/wall/wall-post";
import { requireExternalApp } from "@/lib/access/external-guard";
import { listWallPosts } from "@/lib/wall/queries";
import { recordView } from "@/lib/analytics/record";

export const metadata: Metadata = { title: "Message Wall" };

/**
 * G4 E5: the Message Wall: the post box, then the posts newest first in keyset pages
 * ("Older posts"). Absent (404) for whoever may not use the wall: externals without the
 * switch, everyone while a webmaster turned it off.
 */
export default async function WallPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const [{ before }, viewer] = await Promise.all([searchParams, requireExternalApp("messageWall")]);
  const page = await listWallPosts(viewer, before);
  if (!page) notFound();
  recordView(viewer, { page: "app", app: "wall" }); // D1
  return (
    <>
      <h1 className="text-3xl font-bold">Message Wall</h1>
      <p className="mt-2 text-gray-800">Short posts for everyone who uses the wall. Be kind: moderators may hide a post, with a reason its author is shown.</p>
      {before ? null : (
        <section aria-labelledby="wall-write" className="mt-6">
          <h2 id="wall-write" className="sr-only">
            Write a post
          </h2>
          <PostBox />
        </section>
      )}
      <section aria-labelledby="wall-posts" className="mt-8">
        <h2 id="wall-posts" className="text-2xl font-bold">
          {before ? "Older posts" : "Posts"}
        </h2>
        {page.items.length ? (
          <ul className="mt-4 space-y-4">
            {page.items.map((post) => (
              <li key={post.id}>
                <WallPost post={post} headingLevel={3} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-4">{before ? "There are no older posts." : "Nothing on the wall yet. Write the first post."}</p>
        )}
        <Pager basePath="/wall" next={page.next} isFirstPage={!before} label="Wall pages" words={{ first: "← Newest posts", next: "Older posts →" }} />
      </section>
    </>
  );
}
