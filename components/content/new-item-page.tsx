import type { Metadata } from "next";
import { cache } from "react";
import { NewItem, newItemTitle } from "@/components/content/new-item";
import { requireViewer } from "@/lib/access/viewer";
import type { AccessSubject } from "@/lib/access/types";
import type { CreateContext } from "@/lib/content/authoring-queries";
import { type Lookup, lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ type?: string }> };

/**
 * A "new item" page (`/sections/<slug>/new`, `/groups/<slug>/new`, C1): its title and its
 * body from one lookup of where the item goes, made once per request. A refused lookup
 * answers 403 or 404 and, in the title too, names nothing of the place (C5).
 */
export function newItemPage(lookupHome: (viewer: AccessSubject, slug: string) => Promise<Lookup<CreateContext>>) {
  const lookup = cache(async (slug: string) => lookupHome(await requireViewer(), decodeURIComponent(slug)));
  return {
    async generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
      const [result, { type }] = await Promise.all([lookup((await params).slug), searchParams]);
      return { title: lookupTitle(result, ({ home }) => newItemTitle(home, type)) };
    },
    async Page({ params, searchParams }: Props) {
      const [{ slug }, { type }] = await Promise.all([params, searchParams]);
      const { home, mayPublish } = found(await lookup(slug));
      return <NewItem home={home} mayPublish={mayPublish} type={type} />;
    },
  };
}
