import type { Metadata } from "next";
import { cache } from "react";
import { ContentForm } from "@/components/content/content-form";
import { TYPE_NOUNS } from "@/components/content/format";
import { placeCrumbs, placeOf } from "@/components/content/place";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { requireViewer } from "@/lib/access/viewer";
import { getContentForEdit } from "@/lib/content/authoring-queries";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";

type Props = { params: Promise<{ id: string }> };

const lookup = cache(async (id: string) => getContentForEdit(await requireViewer(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const result = await lookup((await params).id);
  return { title: lookupTitle(result, (item) => `Edit: ${item.title}`) };
}

/**
 * `/content/<id>/edit`: editors and managers of the home section, and the author while they
 * hold a role there; for an item homed in a group, its author while a member and the group's
 * admins (G5, G6); webmasters.
 */
export default async function EditContentPage({ params }: Props) {
  const item = found(await lookup((await params).id));
  const itemHref = `/content/${item.id}`;

  return (
    <>
      <Breadcrumbs trail={[...placeCrumbs(placeOf(item)), { label: item.title, href: itemHref }]} current="Edit" />
      <h1 className="text-3xl font-bold">Edit {TYPE_NOUNS[item.type]}</h1>
      <p className="mt-2 text-gray-700">
        {item.status === "draft" ? "Draft" : "Published"} · version {item.version}
      </p>
      <ContentForm
        mode="edit"
        id={item.id}
        baseVersion={item.version}
        status={item.status}
        type={item.type}
        typeNoun={TYPE_NOUNS[item.type]}
        mayPublish={item.mayPublish}
        cancelHref={itemHref}
        initial={{ title: item.title, body: item.body, tags: item.tags, event: item.event ?? undefined, poll: item.poll ?? undefined }}
      />
    </>
  );
}
