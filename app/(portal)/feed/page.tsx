import type { Metadata } from "next";
import { ContentList } from "@/components/content/content-list";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { listFeed } from "@/lib/content/listings";

export const metadata: Metadata = { title: "Your feed" };

export default async function FeedPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const [{ before }, viewer] = await Promise.all([searchParams, requireViewer()]);
  const page = await listFeed(viewer, before);
  return (
    <>
      <h1 className="text-3xl font-bold">Your feed</h1>
      <p className="mt-2 text-gray-800">The latest content from the sections you can view, newest first.</p>
      <ContentList items={page.items} empty="There is nothing in your feed yet." />
      <Pager basePath="/feed" next={page.next} isFirstPage={!before} label="Feed pages" />
    </>
  );
}
