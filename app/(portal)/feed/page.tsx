import type { Metadata } from "next";
import { requireViewer } from "@/lib/access/viewer";

export const metadata: Metadata = { title: "Your feed" };

export default async function FeedPage() {
  await requireViewer();
  return (
    <>
      <h1 className="text-3xl font-bold">Your feed</h1>
      <p className="mt-4">The latest content from the sections you can view will appear here.</p>
    </>
  );
}
