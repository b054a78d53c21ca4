import type { Metadata } from "next";
import { ContentList } from "@/components/content/content-list";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { listMyContent } from "@/lib/content/listings";

export const metadata: Metadata = { title: "My content" };

export default async function MyContentPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const [{ before }, viewer] = await Promise.all([searchParams, requireViewer()]);
  const page = await listMyContent(viewer, before);
  return (
    <>
      <h1 className="text-3xl font-bold">My content</h1>
      <p className="mt-2 text-gray-800">What you have written, drafts included, most recently changed first.</p>
      <ContentList items={page.items} empty="You have not written anything yet." showStatus />
      <Pager basePath="/me/content" next={page.next} isFirstPage={!before} label="My content pages" />
    </>
  );
}
