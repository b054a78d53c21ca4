import "server-only";
/**
 * D2: a group as GET /groups/{slug} answers it, by the group page's own reads as the caller
 * (getGroupPage, which also reads whether its readers follow it, and what the page also asks:
 * whether they may post there). Read by that endpoint, and by the membership writes afterwards.
 */
import { mayPostInGroupAs } from "@/lib/access/group-roles";
import type { Viewer } from "@/lib/access/types";
import { getGroupPage } from "@/lib/groups/queries";
import type { Lookup } from "@/lib/lookup";
import { ok } from "@/lib/lookup";
import type { z } from "zod";
import type { groupSchema } from "../endpoints/groups";
import { apiGroup } from "../present/groups";

export async function readGroup(viewer: Viewer, slug: string, cursor: string | null = null): Promise<Lookup<z.input<typeof groupSchema>>> {
  const lookup = await getGroupPage(viewer, slug, { cursor });
  if (lookup.status !== "ok") return lookup;
  const group = lookup.value;
  return ok(apiGroup(group, { mayPost: mayPostInGroupAs(viewer, group.membership) }));
}
