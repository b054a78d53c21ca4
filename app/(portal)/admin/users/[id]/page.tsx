import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { formatDateTime } from "@/components/content/format";
import { PersonForm } from "@/components/admin/users/person-form";
import { ProfileImageForm } from "@/components/people/profile-image-form";
import { requireViewer } from "@/lib/access/viewer";
import { getPersonForAdmin, listLocationChoices, personFormValues } from "@/lib/people/admin-queries";
import { found } from "@/lib/page-lookup";

export const metadata: Metadata = { title: "Edit person" };

const STATUS = { unauthorised: "Unauthorised", blocked: "Blocked", authorised: "Authorised" } as const;

/** M3: editing a person's account and profile, webmasters only. */
export default async function EditPersonPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const [{ id }, { created }, viewer] = await Promise.all([params, searchParams, requireViewer()]);
  const [result, choices] = await Promise.all([getPersonForAdmin(viewer, id), listLocationChoices(viewer)]);
  const p = found(result);
  if (choices.status === "forbidden") forbidden();
  return (
    <>
      <p>
        <Link href="/admin/users" className="text-brand-700 underline">
          ← People
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">{p.name}</h1>
      {created ? (
        <p role="status" className="mt-4 border-l-4 border-green-700 bg-green-50 p-4">
          {p.name} has been added. Send them a welcome e-mail from the People list so they can set a password.
        </p>
      ) : null}
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">Status</dt>
        <dd>{STATUS[p.status]}</dd>
        <dt className="font-semibold">Last access</dt>
        <dd>{p.lastAccessAt ? formatDateTime(p.lastAccessAt) : "Never"}</dd>
        <dt className="font-semibold">Welcome e-mail</dt>
        <dd>
          {p.welcomeSentAt
            ? `Last sent ${formatDateTime(p.welcomeSentAt)}${p.status === "unauthorised" ? ": the account was reset (password cleared, sessions ended) until its link is used" : ""}`
            : "Never sent"}
        </dd>
        {/* P3, P7: revealing a one-time link in the outbox is audited; the person's page says so. */}
        <dt className="font-semibold">One-time link revealed</dt>
        <dd>{p.linkRevealed ? `${formatDateTime(p.linkRevealed.at)}, by ${p.linkRevealed.by ?? "a former webmaster"}, from the outbox` : "Never"}</dd>
      </dl>
      <ProfileImageForm personId={p.id} name={p.name} imageId={p.imageId} forPersonId={p.id} />
      <PersonForm
        personId={p.id}
        initial={personFormValues(p)}
        locations={choices.locations}
      />
    </>
  );
}
