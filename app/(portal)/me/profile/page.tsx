import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProfileForm } from "@/components/people/profile-form";
import { ProfileImageForm } from "@/components/people/profile-image-form";
import { requireViewer } from "@/lib/access/viewer";
import { getOwnProfile } from "@/lib/people/profile-queries";

export const metadata: Metadata = { title: "Your profile" };

/** E2, E3: everyone's own profile page, where they edit what is theirs to edit. */
export default async function ProfilePage() {
  const profile = await getOwnProfile(await requireViewer());
  if (!profile) notFound();
  return (
    <>
      <h1 className="text-3xl font-bold">Your profile</h1>
      <p className="mt-2">
        <Link href={`/people/${profile.id}`} className="text-brand-700 underline underline-offset-2 hover:no-underline">
          See your profile as others see it
        </Link>
      </p>
      <ProfileImageForm personId={profile.id} name={profile.name} imageId={profile.imageId} />
      <h2 className="mt-10 text-2xl font-bold">Account</h2>
      <p className="mt-2 text-gray-700">Your administrators set these. Ask them if something is wrong.</p>
      <dl className="mt-4 grid gap-x-8 gap-y-3 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Email</dt>
        <dd className="break-all">{profile.email}</dd>
        <dt className="font-semibold">Account</dt>
        <dd>{profile.audience === "external" ? "External (extranet)" : "Organisational (intranet)"}</dd>
        <dt className="font-semibold">Department or organisation</dt>
        <dd>{profile.organisation ?? "Not set"}</dd>
        <dt className="font-semibold">Location</dt>
        <dd>{profile.location ?? "Not set"}</dd>
        <dt className="font-semibold">Teams</dt>
        <dd>
          {profile.teams.length ? (
            <ul>
              {profile.teams.map((t) => (
                <li key={t.name}>
                  {t.name}
                  {t.isAdmin ? " (administrator)" : ""}
                </li>
              ))}
            </ul>
          ) : (
            "None"
          )}
        </dd>
      </dl>
      <div className="mt-10">
        <ProfileForm
          hasPassword={profile.hasPassword}
          initial={{ name: profile.name, jobTitle: profile.jobTitle ?? "", workPhone: profile.workPhone ?? "", mobile: profile.mobile ?? "", showMobile: profile.showMobile, about: profile.about ?? "" }}
        />
      </div>
    </>
  );
}
