import "server-only";
/**
 * D3 (G4 G8 K4): the full export's apps, in the organisation file's shapes: the moderators
 * webmasters named, ideas (status, who set it and why, votes, followers, tags), wall posts
 * (favourites) and queries (answers, the accepted one). Read in pages along their ids, each
 * page's children with one query each, as ./content.ts reads items.
 *
 * What the loader would refuse is left out rather than written (as ../groups.ts leaves out an
 * uploader who left): a moderator who is not an organisational person, and the `statusBy` of
 * an idea whose status was set by someone who is no longer a webmaster nor an Ideas moderator,
 * or whose account was deleted (the file then says nothing of who set it). A hidden wall post
 * (K2 K3) is left out whole: the file cannot say it is hidden, and loading it would show it.
 */
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { appModerators, follows, ideaVotes, ideas, orgQueries, people, queryAnswers, teams, wallFavourites, wallPosts } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { EXPORT_PAGE, groupedBy, keysetPages, mapPages } from "./pages";

type Idea = NonNullable<OrgFile["ideas"]>[number];
type WallPost = NonNullable<OrgFile["wallPosts"]>[number];
type Query = NonNullable<OrgFile["queries"]>[number];

/** Ideas and posts carry lists of people: a page of them is smaller than a page of people. */
const APPS_PAGE = EXPORT_PAGE / 4;

const byEmail = sql`lower(${people.email})`;

/** G8: the organisational people named moderators of each app, by e-mail. */
export async function appModeratorsOf(db: Db): Promise<NonNullable<OrgFile["appModerators"]>> {
  const rows = await db
    .select({ app: appModerators.app, person: people.email })
    .from(appModerators)
    .innerJoin(people, eq(people.id, appModerators.personId))
    .where(eq(people.audience, "organisational"))
    .orderBy(asc(appModerators.app), asc(byEmail));
  const moderators: NonNullable<OrgFile["appModerators"]> = {};
  for (const { app, person } of rows) (moderators[app] ??= []).push(person);
  return moderators;
}

export function ideaPages(db: Db): AsyncGenerator<Idea[]> {
  const author = alias(people, "author");
  const setter = alias(people, "setter");
  // G8: who set the status, while they may still set it (the loader's rule); else left out.
  const mayStillSet = sql`${setter.audience} = 'organisational' and ('webmaster' = any(${setter.roles}) or exists (select 1 from ${appModerators} where ${appModerators.app} = 'ideas' and ${appModerators.personId} = ${setter.id}))`;
  const rows = keysetPages(
    (after: string | null, limit) =>
      db
        .select({
          id: ideas.id,
          title: ideas.title,
          description: ideas.description,
          tags: ideas.tags,
          author: author.email,
          status: ideas.status,
          statusNote: ideas.statusNote,
          statusBy: sql<string | null>`case when ${mayStillSet} then ${setter.email} end`,
          createdAt: ideas.createdAt,
        })
        .from(ideas)
        .innerJoin(author, eq(author.id, ideas.authorId))
        .leftJoin(setter, eq(setter.id, ideas.statusChangedBy))
        .where(after === null ? undefined : gt(ideas.id, after))
        .orderBy(asc(ideas.id))
        .limit(limit),
    (i) => i.id,
    APPS_PAGE,
  );
  return mapPages(rows, async (page) => {
    const ids = page.map((i) => i.id);
    const [votes, followers] = await Promise.all([
      db.select({ ideaId: ideaVotes.ideaId, person: people.email }).from(ideaVotes).innerJoin(people, eq(people.id, ideaVotes.personId)).where(inArray(ideaVotes.ideaId, ids)).orderBy(asc(byEmail)),
      db.select({ ideaId: follows.ideaId, person: people.email }).from(follows).innerJoin(people, eq(people.id, follows.personId)).where(inArray(follows.ideaId, ids)).orderBy(asc(byEmail)),
    ]);
    const votesOf = groupedBy(votes, (v) => v.ideaId);
    const followersOf = groupedBy(followers, (f) => f.ideaId);
    return page.map((i): Idea => {
      const set = i.status !== "new"; // a status set back to new has no note nor setter in the file
      return {
        title: i.title,
        description: i.description,
        ...(i.tags.length ? { tags: i.tags } : {}),
        author: i.author,
        status: i.status,
        ...(set && i.statusNote ? { statusNote: i.statusNote } : {}),
        ...(set && i.statusBy ? { statusBy: i.statusBy } : {}),
        createdAt: i.createdAt.toISOString(),
        ...(votesOf(i.id).length ? { votes: votesOf(i.id).map((v) => v.person) } : {}),
        ...(followersOf(i.id).length ? { followers: followersOf(i.id).map((f) => f.person) } : {}),
      };
    });
  });
}

export function wallPostPages(db: Db): AsyncGenerator<WallPost[]> {
  const rows = keysetPages(
    (after: string | null, limit) =>
      db
        .select({ id: wallPosts.id, author: people.email, body: wallPosts.body, createdAt: wallPosts.createdAt })
        .from(wallPosts)
        .innerJoin(people, eq(people.id, wallPosts.authorId))
        .where(and(isNull(wallPosts.hiddenAt), after === null ? undefined : gt(wallPosts.id, after)))
        .orderBy(asc(wallPosts.id))
        .limit(limit),
    (p) => p.id,
    APPS_PAGE,
  );
  return mapPages(rows, async (page) => {
    const favourites = await db
      .select({ wallPostId: wallFavourites.wallPostId, person: people.email })
      .from(wallFavourites)
      .innerJoin(people, eq(people.id, wallFavourites.personId))
      .where(
        inArray(
          wallFavourites.wallPostId,
          page.map((p) => p.id),
        ),
      )
      .orderBy(asc(byEmail));
    const favouritesOf = groupedBy(favourites, (f) => f.wallPostId);
    return page.map(
      (p): WallPost => ({
        author: p.author,
        body: p.body,
        createdAt: p.createdAt.toISOString(),
        ...(favouritesOf(p.id).length ? { favourites: favouritesOf(p.id).map((f) => f.person) } : {}),
      }),
    );
  });
}

export function queryPages(db: Db): AsyncGenerator<Query[]> {
  const rows = keysetPages(
    (after: string | null, limit) =>
      db
        .select({ id: orgQueries.id, title: orgQueries.title, body: orgQueries.body, asker: people.email, team: teams.key, createdAt: orgQueries.createdAt, acceptedAnswerId: orgQueries.acceptedAnswerId })
        .from(orgQueries)
        .innerJoin(people, eq(people.id, orgQueries.askerId))
        .innerJoin(teams, eq(teams.id, orgQueries.teamId))
        .where(after === null ? undefined : gt(orgQueries.id, after))
        .orderBy(asc(orgQueries.id))
        .limit(limit),
    (q) => q.id,
    APPS_PAGE,
  );
  return mapPages(rows, async (page) => {
    // In the order the query's page lists them.
    const answers = await db
      .select({ id: queryAnswers.id, queryId: queryAnswers.queryId, author: people.email, body: queryAnswers.body, createdAt: queryAnswers.createdAt })
      .from(queryAnswers)
      .innerJoin(people, eq(people.id, queryAnswers.authorId))
      .where(
        inArray(
          queryAnswers.queryId,
          page.map((q) => q.id),
        ),
      )
      .orderBy(asc(queryAnswers.queryId), asc(queryAnswers.createdAt), asc(queryAnswers.id));
    const answersOf = groupedBy(answers, (a) => a.queryId);
    return page.map(
      (q): Query => ({
        title: q.title,
        body: q.body,
        asker: q.asker,
        team: q.team,
        createdAt: q.createdAt.toISOString(),
        ...(answersOf(q.id).length
          ? { answers: answersOf(q.id).map((a) => ({ author: a.author, body: a.body, createdAt: a.createdAt.toISOString(), ...(a.id === q.acceptedAnswerId ? { accepted: true } : {}) })) }
          : {}),
      }),
    );
  });
}
