import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/ui/pager";
import { formatDate } from "@/components/content/format";
import { DeleteGroup } from "@/components/groups/manage/delete-group";
import { GroupInvitations } from "@/components/groups/manage/invitations";
import { GroupMembers } from "@/components/groups/manage/members";
import { PendingRequests } from "@/components/groups/manage/requests";
import { GroupSettingsForm } from "@/components/groups/manage/settings-form";
import { GroupVisibilityForm } from "@/components/groups/manage/visibility-form";
import { groupAdmins, groupMembersPage, pendingInvitations, pendingRequests } from "@/lib/groups/manage-queries";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";
import { managedGroup } from "./lookup";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { ExplainPanel } from "@/components/access/explain-panel";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ after?: string | string[]; created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lookup } = await managedGroup((await params).slug);
  return { title: lookupTitle(lookup, (g) => `Manage ${g.name}`) };
}

/** G5: a group's administration, for its admins and webmasters: members, requests, invitations, settings, deletion. */
export default async function ManageGroupPage({ params, searchParams }: Props) {
  const { viewer, lookup } = await managedGroup((await params).slug);
  const group = found(lookup);
  const { after, created } = await searchParams;
  const [admins, page, requests, invitations] = await Promise.all([
    groupAdmins(group.id),
    groupMembersPage(group.id, typeof after === "string" ? after : null),
    pendingRequests(group.id),
    pendingInvitations(group.id),
  ]);
  const base = `/groups/${group.slug}/manage`;
  return (
    <>
      <Breadcrumbs trail={[{ href: "/groups", label: "Groups" }, { href: `/groups/${group.slug}`, label: group.name }]} />
      <h1 className="text-3xl font-bold">Manage {group.name}</h1>
      {created ? (
        <p role="status" className="mt-4 border-l-4 border-green-700 bg-green-50 p-3 font-semibold">
          The group was created, and you are its admin.
        </p>
      ) : null}
      <p className="mt-2">
        {group.visibility[0]!.toUpperCase() + group.visibility.slice(1)} group · {group.memberCount} {group.memberCount === 1 ? "member" : "members"} ·{" "}
        <Link href={`${base}/membership`} className="text-brand-700 underline">
          Your membership
        </Link>
        {/* D1 D6: administering the group is what lets one see its figures (analytics.group, the rule of group.manage); organisational people only. */}
        {viewer.audience === "organisational" ? (
          <>
            {" "}
            ·{" "}
            <Link href={`/analytics?scope=group:${group.id}`} className="text-brand-700 underline">
              Analytics
            </Link>
          </>
        ) : null}
      </p>
      <nav aria-label="On this page" className="mt-4">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {[
            ["#members-heading", "Members"],
            ["#requests-heading", `Requests (${requests.length})`],
            ["#invitations-heading", `Invitations (${invitations.length})`],
            ["#settings-heading", "Settings"],
            ["#delete-heading", "Delete"],
          ].map(([href, label]) => (
            <li key={href}>
              <a href={href} className="inline-block min-h-11 py-3 text-brand-700 underline">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="members-heading" className="mt-8">
        <h2 id="members-heading" className="text-2xl font-bold">
          Members
        </h2>
        <GroupMembers groupId={group.id} groupName={group.name} admins={admins} members={page.rows} />
        <Pager basePath={base} next={page.next} isFirstPage={!after} label="Pages of members" cursorParam="after" words={{ first: "← First page", next: "Next page of members →" }} fragment="#members-heading" />
      </section>

      <section aria-labelledby="requests-heading" className="mt-10">
        <h2 id="requests-heading" className="text-2xl font-bold">
          Requests to join
        </h2>
        <PendingRequests groupId={group.id} requests={requests.map(({ createdAt, ...r }) => ({ ...r, when: formatDate(createdAt) }))} />
      </section>

      <section aria-labelledby="invitations-heading" className="mt-10">
        <h2 id="invitations-heading" className="text-2xl font-bold">
          Invitations
        </h2>
        <GroupInvitations
          groupId={group.id}
          groupName={group.name}
          invitations={invitations.map(({ createdAt, ...i }) => ({ ...i, when: formatDate(createdAt) }))}
          exclude={[...admins, ...page.rows].map((m) => m.id)}
        />
      </section>

      <section aria-labelledby="settings-heading" className="mt-10">
        <h2 id="settings-heading" className="text-2xl font-bold">
          Settings
        </h2>
        <GroupSettingsForm groupId={group.id} name={group.name} description={group.description} />
        <h3 id="visibility-heading" className="mt-8 text-xl font-bold">
          Visibility
        </h3>
        <GroupVisibilityForm groupId={group.id} visibility={group.visibility} publishedItems={group.publishedItems} />
      </section>

      {/* B1: administering the group is what lets one ask (access.explain.group). */}
      <ExplainPanel target={`group:${group.id}`} what={group.name} />

      <section aria-labelledby="delete-heading" className="mt-10 border-t-2 border-gray-300 pt-6">
        <h2 id="delete-heading" className="text-2xl font-bold">
          Delete the group
        </h2>
        <DeleteGroup groupId={group.id} name={group.name} items={group.items} members={group.memberCount} />
      </section>
    </>
  );
}
