import "server-only";
/**
 * D2: the item page's answer (lib/content/item.ts getContent) and the history page's
 * (lib/content/authoring-queries.ts getContentHistory) in the API's shape: what those pages
 * show, with nothing their answers do not hold, times as ISO text.
 */
import type { z } from "zod";
import type { ContentHistory, VersionSnapshot } from "@/lib/content/authoring-queries";
import type { ContentDetail } from "@/lib/content/item";
import type { contentHistorySchema, contentItemSchema, contentVersionSchema, contentVersionSnapshotSchema } from "../endpoints/content";
import { apiPersonLink, iso } from "./common";

export function apiContentItem(item: ContentDetail): z.input<typeof contentItemSchema> {
  return {
    id: item.id,
    type: item.type,
    title: item.title,
    status: item.status,
    bodyHtml: item.bodyHtml,
    tags: item.tags,
    author: apiPersonLink(item.authorRef),
    publishedAt: iso(item.publishedAt),
    updatedAt: item.updatedAt.toISOString(),
    event: item.event ? { startsAt: iso(item.event.startsAt), endsAt: iso(item.event.endsAt), place: item.event.place } : null,
    poll: item.poll
      ? {
          options: item.poll.options.map((o) => ({ id: o.id, label: o.label, votes: o.votes })),
          totalVotes: item.poll.totalVotes,
          myVote: item.poll.myVote,
          resultsVisible: item.poll.resultsVisible,
          closesAt: iso(item.poll.closesAt),
          closed: item.poll.closed,
          resultsShown: item.poll.resultsShown,
        }
      : null,
    homeSection: item.home,
    homeGroup: item.group,
    sharedInto: item.sharedInto.map((s) => ({ slug: s.slug, title: s.title, mayStopSharing: s.mayStopSharing })),
    version: item.version,
    permissions: {
      mayEdit: item.permissions.edit,
      mayPublish: item.permissions.publish,
      mayDelete: item.permissions.delete,
      mayViewHistory: item.permissions.history,
      mayShare: item.permissions.share,
      mayExplainAccess: item.mayExplainAccess,
    },
  };
}

export function apiContentHistory(history: ContentHistory): z.input<typeof contentHistorySchema> {
  return {
    id: history.id,
    title: history.title,
    homeSection: history.home,
    homeGroup: history.group,
    versions: history.versions.map((v) => ({ version: v.version, status: v.status, editorName: v.editorName, savedAt: v.savedAt.toISOString() })),
  };
}

/** A time saved in a version's details (ISO text) as ISO text again; null when it is none or not a time. */
function isoText(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function apiSnapshot(snapshot: VersionSnapshot): z.input<typeof contentVersionSnapshotSchema> {
  const event = snapshot.details.event;
  return {
    version: snapshot.version,
    status: snapshot.status,
    editorName: snapshot.editorName,
    savedAt: snapshot.savedAt.toISOString(),
    title: snapshot.title,
    bodyHtml: snapshot.body,
    event: event ? { startsAt: isoText(event.startsAt), endsAt: isoText(event.endsAt), place: event.place ?? null } : null,
    pollOptions: snapshot.details.poll ? snapshot.details.poll.options : null,
  };
}

/** The history page's comparison of `number` with the version before it; null when the page compared another (there is no such version). */
export function apiContentVersion(history: ContentHistory, number: number): z.input<typeof contentVersionSchema> | null {
  const compared = history.compared;
  if (!compared || compared.current.version !== number) return null;
  return { id: history.id, current: apiSnapshot(compared.current), previous: compared.previous ? apiSnapshot(compared.previous) : null };
}
