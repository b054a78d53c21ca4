import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/access/viewer";
import { getOwnProfile } from "@/lib/people/queries";

export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage() {
  const profile = await getOwnProfile(await requireViewer());
  if (!profile) notFound();
  return (
    <>
      <h1 className="text-3xl font-bold">Your profile</h1>
      <dl className="mt-6 grid gap-x-8 gap-y-3 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Name</dt>
        <dd>{profile.name}</dd>
        <dt className="font-semibold">Email</dt>
        <dd className="break-all">{profile.email}</dd>
        <dt className="font-semibold">Account</dt>
        <dd>{profile.audience === "external" ? "External (extranet)" : "Organisational (intranet)"}</dd>
        <dt className="font-semibold">Location</dt>
        <dd>{profile.location ?? "Not set"}</dd>
        <dt className="font-semibold">Mobile</dt>
        <dd>{profile.mobile ?? "Not set"}</dd>
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
    </>
  );
}
