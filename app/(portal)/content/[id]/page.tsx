import type { Metadata } from "next";
import Link from "next/link";
import { TagList } from "@/components/tags/tag-list";
import { PersonName } from "@/components/people/person-name";
import { cache } from "react";
import { TYPE_LABELS, eventHasEnded, formatDate, formatDateTime, formatEventRange } from "@/components/content/format";
import { ItemControls, StopSharingButton } from "@/components/content/item-controls";
import { placeHref, placeOf } from "@/components/content/place";
import { PollVote } from "@/components/content/poll-vote";
import { Comments, type CommentsParams } from "@/components/comments/comments";
import { ExplainPanel } from "@/components/access/explain-panel";
import { ReactionsBar } from "@/components/reactions/reactions-bar";
import { itemReactions } from "@/lib/reactions/queries";
import { requireViewer } from "@/lib/access/viewer";
import { contentPageViewer } from "@/lib/access/view-as-scope";
import { ViewAsScopeNote } from "@/components/access/view-as-scope-note";
import { listShareTargets } from "@/lib/content/authoring-queries";
import { getContent } from "@/lib/content/item";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";
import { recordView } from "@/lib/analytics/record";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<CommentsParams> };

// B2: the viewer the page renders with (the person a section manager views as, for an item in their sections).
const pageViewer = async (id: string) => contentPageViewer(await requireViewer(), id);
const lookup = cache(async (id: string) => getContent(await pageViewer(id), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const result = await lookup((await params).id);
  return { title: lookupTitle(result, (item) => item.title) };
}

export default async function ContentPage({ params, searchParams }: Props) {
  const { id } = await params;
  const item = found(await lookup(id));
  const signedIn = await requireViewer();
  const viewer = await pageViewer(id);
  recordView(signedIn, { page: "item", contentId: item.id }); // D1: its home is looked up with the batch it is written in
  const { permissions } = item;
  // Only those who may share read the targets (rare on a busy page).
  const shareTargets = permissions.share ? await listShareTargets(viewer, item.id) : [];
  const reactions = await itemReactions(viewer, item.id);
  const poll = item.poll;
  const place = placeOf(item);

  return (
    <article>
      <ViewAsScopeNote signedIn={signedIn} shownTo={viewer} />
      <p className="text-sm text-gray-700">
        <span className="font-semibold">{TYPE_LABELS[item.type]}</span>
        {item.home ? (
          <>
            {" in "}
            <Link href={`/sections/${item.home.slug}`} className="text-brand-700 underline">
              {item.home.title}
            </Link>
          </>
        ) : null}
        {/* G6: only a group the viewer may see (getContent leaves any other out, name and all). */}
        {item.group ? (
          <>
            {" in the group "}
            <Link href={`/groups/${item.group.slug}`} className="text-brand-700 underline">
              {item.group.name}
            </Link>
          </>
        ) : null}
        {item.status === "draft" ? <span className="ml-2 rounded bg-yellow-200 px-2 py-0.5 text-xs font-bold uppercase text-gray-900">Draft</span> : null}
      </p>
      <h1 className="mt-1 text-3xl font-bold">{item.title}</h1>
      <p className="mt-2 text-gray-700">
        By <PersonName person={item.authorRef} />
        {item.publishedAt ? <> · published {formatDate(item.publishedAt)}</> : null}
        {item.publishedAt && item.updatedAt.getTime() - item.publishedAt.getTime() > 60_000 ? <> · updated {formatDate(item.updatedAt)}</> : null}
      </p>
      {/* K4 E3: favourite, follow, rate (the item is visible: getContent decided). */}
      <ReactionsBar id={item.id} mayRate={item.status === "published"} {...reactions} />

      <ItemControls
        id={item.id}
        title={item.title}
        version={item.version}
        status={item.status}
        afterDelete={place ? placeHref(place) : "/me/content"}
        homeKind={item.group ? "group" : "section"}
        permissions={permissions}
        shareTargets={shareTargets}
      />

      {item.event ? (
        <div className="mt-6 rounded border border-gray-300 bg-brand-50 p-4">
          {/* C7: said in words, not by colour alone. */}
          {eventHasEnded(item.event, new Date()) ? <p className="mb-3 border-l-4 border-gray-700 bg-white p-3 font-semibold">This event has ended.</p> : null}
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
            {item.event.startsAt ? (
              <>
                <dt className="font-semibold">When</dt>
                <dd>{formatEventRange(item.event.startsAt, item.event.endsAt)}</dd>
              </>
            ) : null}
            {item.event.place ? (
              <>
                <dt className="font-semibold">Where</dt>
                <dd>{item.event.place}</dd>
              </>
            ) : null}
          </dl>
          {/* C7: the same viewer and lookup as this page decide the file (event.ics/route.ts). A plain link: a download, not a page to prefetch. */}
          {item.event.startsAt ? (
            <p className="mt-3">
              <a href={`/content/${item.id}/event.ics`} download className="text-brand-700 underline underline-offset-2 hover:no-underline">
                Add to calendar
              </a>{" "}
              <span className="text-sm text-gray-700">(an iCalendar file)</span>
            </p>
          ) : null}
        </div>
      ) : null}

      {/* Sanitised on save and again on the way out (C6): the only raw HTML Portico renders. */}
      <div className="prose-portico mt-6 max-w-none" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />

      {poll ? (
        <section aria-labelledby="poll-results" className="mt-8">
          {/* E3: voting until the closing date; the vote action refuses after it whatever this page shows. */}
          {poll.closed && poll.closesAt ? (
            <p className="border-l-4 border-gray-700 bg-gray-50 p-3 font-semibold">This poll closed on {formatDateTime(poll.closesAt)}. Voting has ended.</p>
          ) : poll.closesAt ? (
            <p className="text-gray-800">Voting closes on {formatDateTime(poll.closesAt)}.</p>
          ) : null}
          {item.status === "published" && !poll.closed ? <PollVote id={item.id} options={poll.options} myVote={poll.myVote} /> : null}
          <h2 id="poll-results" className="mt-8 text-xl font-bold">
            Results
          </h2>
          <p className="mt-1 text-gray-700">
            {poll.totalVotes} vote{poll.totalVotes === 1 ? "" : "s"}
            {poll.resultsVisible ? null : poll.resultsShown === "after_closing" ? " so far. The results are shown when the poll closes." : " so far. Vote to see the results."}
          </p>
          {poll.resultsVisible ? (
            <ul className="mt-3 space-y-3">
              {poll.options.map((o) => {
                const votes = o.votes ?? 0;
                const share = poll.totalVotes ? Math.round((votes / poll.totalVotes) * 100) : 0;
                return (
                  <li key={o.id}>
                    <div className="flex justify-between gap-4">
                      <span>
                        {o.label}
                        {poll.myVote === o.id ? <span className="ml-2 text-sm font-semibold">(your vote)</span> : null}
                      </span>
                      <span>
                        {share}% ({votes} vote{votes === 1 ? "" : "s"})
                      </span>
                    </div>
                    <div className="mt-1 h-3 rounded bg-gray-200" aria-hidden="true">
                      <div className="h-3 rounded bg-brand-700" style={{ width: `${share}%` }} />
                    </div>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </section>
      ) : null}

      <TagList tags={item.tags} />

      {item.sharedInto.length ? (
        <section aria-labelledby="shared" className="mt-8">
          <h2 id="shared" className="text-lg font-bold">
            Also in
          </h2>
          <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-3">
            {item.sharedInto.map((s) => (
              <li key={s.slug} className="flex flex-wrap items-center gap-3">
                <Link href={`/sections/${s.slug}`} className="text-brand-700 underline">
                  {s.title}
                </Link>
                {s.mayStopSharing ? <StopSharingButton id={item.id} section={{ id: s.id, title: s.title }} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {/* B1: for the home section's editors and managers, a group item's changers, webmasters. */}
      {item.mayExplainAccess ? <ExplainPanel target={`item:${item.id}`} what={item.title} /> : null}

      {/* K1: the item's comments, for everyone who may view it. */}
      <Comments target={{ kind: "content", id: item.id }} viewer={viewer} params={await searchParams} />
    </article>
  );
}
