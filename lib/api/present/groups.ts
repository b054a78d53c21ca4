import "server-only";
/**
 * D2: the groups directory's and a group page's answers (lib/groups/queries.ts) in the API's
 * shape: what the pages show that viewer, no more (G1, G3, G5, G6). A member's profile id is
 * given only where the page links their name (P6); a summary holds nothing the summary page
 * does not (no members, content, drafts or files).
 */
import type { z } from "zod";
import type { ContentSummary, Page } from "@/lib/content/listings";
import type { GroupCard, GroupPage } from "@/lib/groups/queries";
import type { getGroup, groupCardSchema } from "../endpoints/groups";
import { apiContentSummary, apiPersonLink } from "./common";
import { apiGroupFilesPage } from "./files";

export function apiGroupCard(card: GroupCard): z.input<typeof groupCardSchema> {
  return { id: card.id, slug: card.slug, name: card.name, description: card.description, visibility: card.visibility, memberCount: card.memberCount, membership: card.membership };
}

export function apiGroupCards(page: Page<GroupCard>) {
  return { items: page.items.map(apiGroupCard), next: page.next };
}

/** What the page shows beside the group's own query: the "New item" link (mayPostInGroupAs). */
export interface GroupPageExtras {
  mayPost: boolean;
}

export function apiGroup(group: GroupPage, extras: GroupPageExtras): z.input<(typeof getGroup)["response"]> {
  const view = {
    id: group.id,
    slug: group.slug,
    name: group.name,
    description: group.description,
    visibility: group.visibility,
    memberCount: group.memberCount,
    membership: group.membership,
    membershipState: { ...group.membershipState },
    canManage: group.canManage,
    mayPost: extras.mayPost,
    access: group.access,
  };
  if (group.access === "summary") return { ...view, following: null, members: null, content: null, drafts: null, files: null };
  const items = (list: ContentSummary[]) => list.map(apiContentSummary);
  return {
    ...view,
    following: group.following,
    members: group.members.map((m) => ({ ...apiPersonLink(m), isAdmin: m.isAdmin })),
    content: { items: items(group.content.items), next: group.content.next },
    drafts: items(group.drafts),
    files: apiGroupFilesPage(group.files),
  };
}
