import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { ContentList } from "@/components/content/content-list";
import { GroupFiles } from "@/components/group-docs/group-files";
import { MembershipBadge, VisibilityBadge, memberCount } from "@/components/groups/badges";
import { GroupMemberList } from "@/components/groups/member-list";
import { MembershipControls } from "@/components/groups/membership-controls";
import { Pager } from "@/components/ui/pager";
import { mayPostInGroupAs } from "@/lib/access/group-roles";
import { requireViewer } from "@/lib/access/viewer";
import { getGroupPage } from "@/lib/groups/queries";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { FollowButton } from "@/components/reactions/follow-button";
import { recordView } from "@/lib/analytics/record";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ before?: string | string[]; files?: string | string[] }> };

// The group with its members, content and files, in one query; shared by the title and the page.
const lookup = cache(async (slug: string, before: string | null, files: string | null) => getGroupPage(await requireViewer(), slug, { cursor: before, filesCursor: files }));

const beforeOf = (value: string | string[] | undefined) => (typeof value === "string" ? value : null);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ slug }, { before, files }] = await Promise.all([params, searchParams]);
  // A group the viewer may not see has the title of any missing page (C5): not even its name.
  return { title: lookupTitle(await lookup(decodeURIComponent(slug), beforeOf(before), beforeOf(files)), (group) => group.name) };
}

/**
 * G1, G3, G6: a group's page. 404, exactly as for a missing slug, when the viewer may not
 * see the group; a private group's summary for non-members; otherwise its members and content.
 */
export default async function GroupPage({ params, searchParams }: Props) {
  const [{ slug }, { before, files }] = await Promise.all([params, searchParams]);
  const cursor = beforeOf(before);
  const filesCursor = beforeOf(files);
  const group = found(await lookup(decodeURIComponent(slug), cursor, filesCursor));
  recordView(await requireViewer(), { page: "group", groupId: group.id, path: `/groups/${group.slug}` }); // D1
  // Join, ask, accept, leave (G1, G3, G5), read with the group: each button's action decides again on the server.
  const controls = (
    <div className="mt-4">
      <MembershipControls groupId={group.id} groupName={group.name} membership={group.membershipState} />
    </div>
  );
  // Items listed here are all in this group: they need not say so.
  const here = <T extends { group: unknown }>(items: T[]) => items.map((item) => ({ ...item, group: null }));

  return (
    <>
      <Breadcrumbs trail={[{ href: "/groups", label: "Groups" }]} current={group.name} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-3xl font-bold break-words">{group.name}</h1>
        <div className="flex flex-wrap gap-3">
          {/* K4: follow a group whose content one reads (the action checks group.follow again). */}
          {group.access === "full" ? (
            <FollowButton target={{ kind: "group", id: group.id }} following={group.following} name={group.name} />
          ) : null}
          {/* G2 G5: members and webmasters write here; the page and its action decide again. */}
          {mayPostInGroupAs(await requireViewer(), group.membership) ? (
            <Link href={`/groups/${group.slug}/new`} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800">
              New item
            </Link>
          ) : null}
          {group.canManage ? (
            <Link href={`/groups/${group.slug}/manage`} className="inline-flex min-h-11 items-center rounded border-2 border-gray-800 bg-white px-4 py-2 font-semibold text-gray-900 hover:bg-gray-100">
              Manage group
            </Link>
          ) : null}
        </div>
      </div>
      <p className="mt-2 flex flex-wrap items-center gap-2 text-gray-800">
        <VisibilityBadge visibility={group.visibility} />
        <MembershipBadge membership={group.membership} />
        <span>{memberCount(group.memberCount)}</span>
      </p>
      {group.description ? <p className="mt-3 text-lg whitespace-pre-line text-gray-800">{group.description}</p> : null}

      {/* One place in the tree whatever the access, so the controls keep saying what happened
          when that changes the page (a member who leaves a private group sees its summary). */}
      <div className={group.access === "summary" ? "mt-8 rounded border border-gray-300 bg-gray-50 p-4" : ""}>
        {group.access === "summary" ? (
          <>
            <h2 className="text-xl font-bold">Members only</h2>
            <p className="mt-2">
              {group.visibility === "secret"
                ? "The content and members of this secret group are for its members, who join by invitation."
                : "The content and members of this private group are for its members. A group admin approves requests to join."}
            </p>
          </>
        ) : null}
        {controls}
      </div>

      {group.access === "summary" ? null : (
        <>
          {group.drafts.length ? (
            <section aria-labelledby="drafts" className="mt-8">
              <h2 id="drafts" className="text-xl font-bold">
                Drafts
              </h2>
              <ContentList items={here(group.drafts)} empty="" showStatus />
            </section>
          ) : null}

          <section aria-labelledby="content" className="mt-8">
            <h2 id="content" className="text-xl font-bold">
              {cursor ? "Older content" : "Latest content"}
            </h2>
            <ContentList items={here(group.content.items)} empty={cursor ? "There is no older content." : "Nothing has been published in this group yet."} />
            <Pager basePath={`/groups/${group.slug}`} next={group.content.next} isFirstPage={!cursor} label="Group content pages" />
          </section>

          <GroupFiles page={group.files} group={group} cursor={filesCursor} keep={cursor ? { before: cursor } : {}} />

          <section aria-labelledby="members" className="mt-8">
            <h2 id="members" className="text-xl font-bold">
              Members
            </h2>
            <GroupMemberList members={group.members} total={group.memberCount} />
          </section>
        </>
      )}
    </>
  );
}
