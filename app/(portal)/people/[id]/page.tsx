import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { ContentList } from "@/components/content/content-list";
import { Avatar } from "@/components/people/avatar";
import { FollowPersonButton } from "@/components/people/follow-person-button";
import { LocationName, TeamNames, telHref } from "@/components/people/person-cards";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { ExternalBadge } from "@/components/ui/external-badge";
import { Pager } from "@/components/ui/pager";
import { externalMayUse } from "@/lib/access/external-access";
import { requireViewer } from "@/lib/access/viewer";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";
import { getProfile, listPersonContent } from "@/lib/people/directory";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ before?: string | string[] }> };

const lookup = cache(async (id: string) => getProfile(await requireViewer(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const result = await lookup((await params).id);
  return { title: lookupTitle(result, (p) => p.name) };
}

const link = "text-brand-700 underline underline-offset-2 hover:no-underline";

/**
 * P6 E2 E4 E5 K4: a person's profile, read-only. Who may view whom is mayViewProfile (in
 * getProfile's query): everyone their own; anyone else's answers 404, the same page as an
 * unknown id, with nothing about the person in it.
 */
export default async function ProfilePage({ params, searchParams }: Props) {
  const [{ id }, { before: rawBefore }, viewer] = await Promise.all([params, searchParams, requireViewer()]);
  const person = found(await lookup(id));
  const before = typeof rawBefore === "string" ? rawBefore : null;
  const [recent, usesDirectory, locationsLinked] = await Promise.all([
    listPersonContent(viewer, person.id, before),
    externalMayUse(viewer, "users"),
    externalMayUse(viewer, "locations"),
  ]);

  return (
    <>
      {usesDirectory ? <Breadcrumbs trail={[{ href: "/people", label: "People" }]} current={person.name} /> : null}
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <Avatar personId={person.id} name={person.name} imageId={person.imageId} size="lg" />
        <div className="min-w-0 flex-1">
          <h1 className="text-3xl font-bold break-words">
            {person.name}
            {person.audience === "external" ? <ExternalBadge /> : null}
            {person.blocked ? <span className="ml-2 inline-block rounded bg-gray-200 px-2 py-0.5 text-sm font-semibold text-gray-900">Blocked</span> : null}
          </h1>
          {person.jobTitle ? <p className="mt-1 text-lg break-words text-gray-900">{person.jobTitle}</p> : null}
          {person.organisation ? <p className="break-words text-gray-800">{person.organisation}</p> : null}
          <div className="mt-3 flex flex-wrap items-center gap-3">
            {person.isSelf ? (
              <Link href="/me/profile" className={`inline-flex min-h-11 items-center ${link}`}>
                Edit your profile
              </Link>
            ) : person.mayFollow ? (
              <FollowPersonButton personId={person.id} following={person.following} name={person.name} />
            ) : null}
          </div>
        </div>
      </div>

      <section aria-labelledby="contact" className="mt-8">
        <h2 id="contact" className="text-xl font-bold">
          Contact and place
        </h2>
        <dl className="mt-3 grid gap-x-8 gap-y-3 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">E-mail</dt>
          <dd>
            <a href={`mailto:${person.email}`} className={`break-all ${link}`}>
              {person.email}
            </a>
          </dd>
          {person.workPhone ? (
            <>
              <dt className="font-semibold">Work phone</dt>
              <dd>
                <a href={telHref(person.workPhone)} className={link}>
                  {person.workPhone}
                </a>
              </dd>
            </>
          ) : null}
          {person.mobile ? (
            <>
              <dt className="font-semibold">Mobile</dt>
              <dd>
                <a href={telHref(person.mobile)} className={link}>
                  {person.mobile}
                </a>
              </dd>
            </>
          ) : null}
          {person.organisation ? (
            <>
              <dt className="font-semibold">Department or organisation</dt>
              <dd className="break-words">{person.organisation}</dd>
            </>
          ) : null}
          <dt className="font-semibold">{person.teams.length === 1 ? "Team" : "Teams"}</dt>
          <dd className="break-words">{person.teams.length ? <TeamNames teams={person.teams} /> : "None"}</dd>
          <dt className="font-semibold">Location</dt>
          <dd className="break-words">{person.location ? <LocationName location={person.location} linked={locationsLinked} /> : "Not set"}</dd>
        </dl>
        {person.isSelf && !person.mobile ? <p className="mt-3 text-sm text-gray-700">Your mobile number is not shown to others. You can choose to show it when you edit your profile.</p> : null}
      </section>

      {person.about ? (
        <section aria-labelledby="about" className="mt-8">
          <h2 id="about" className="text-xl font-bold">
            About me
          </h2>
          <p className="mt-2 max-w-2xl break-words whitespace-pre-line text-gray-900">{person.about}</p>
        </section>
      ) : null}

      <section aria-labelledby="recent" className="mt-8">
        <h2 id="recent" className="text-xl font-bold">
          {person.isSelf ? "What you have published" : `What ${person.name} has published`}
        </h2>
        <ContentList items={recent.items} empty={before ? "There is nothing more." : "Nothing you can view yet."} />
        <Pager basePath={`/people/${person.id}`} next={recent.next} isFirstPage={!before} label="Published items" fragment="#recent" words={{ first: "← Most recent", next: "More →" }} />
      </section>
    </>
  );
}
