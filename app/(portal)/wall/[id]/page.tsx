import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Comments, type CommentsParams } from "@/components/comments/comments";
import { WallPost } from "@/components/wall/wall-post";
import { requireExternalApp } from "@/lib/access/external-guard";
import { getWallPost } from "@/lib/wall/queries";
import { recordView } from "@/lib/analytics/record";

export const metadata: Metadata = { title: "Wall post" };

/**
 * G4 K1: one wall post on its own page (its permalink), for whoever may use the wall; 404
 * for anyone else and for a post that does not exist (the same answer). Its comments follow.
 */
export default async function WallPostPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<CommentsParams> }) {
  const [{ id }, viewer, commentParams] = await Promise.all([params, requireExternalApp("messageWall"), searchParams]);
  const post = await getWallPost(viewer, id);
  if (!post) notFound();
  recordView(viewer, { page: "app", app: "wall", path: `/wall/${post.id}` }); // D1
  return (
    <>
      <p>
        <Link href="/wall" className="text-brand-700 underline">
          ← Message Wall
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold">Post by {post.authorName}</h1>
      <div className="mt-4">
        <WallPost post={post} permalink />
      </div>
      {/* K1: the conversation under the post (the wall's "n comments" links point at #comments). */}
      <div id="comments" className="scroll-mt-4">
        <Comments target={{ kind: "wallPost", id: post.id }} viewer={viewer} params={commentParams} />
      </div>
    </>
  );
}
