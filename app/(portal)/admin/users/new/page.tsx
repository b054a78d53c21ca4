import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { PersonForm } from "@/components/admin/users/person-form";
import { requireViewer } from "@/lib/access/viewer";
import { listLocationChoices } from "@/lib/people/admin-queries";

export const metadata: Metadata = { title: "Add a person" };

/** M3: quick creation of extranet (and organisational) users, webmasters only. */
export default async function NewPersonPage() {
  const viewer = await requireViewer();
  const result = await listLocationChoices(viewer);
  if (result.status === "forbidden") forbidden();
  return (
    <>
      <p>
        <Link href="/admin/users" className="text-brand-700 underline">
          ← People
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">Add a person</h1>
      <p className="mt-2 max-w-prose">
        The person is unauthorised until you send them a welcome e-mail (from the People list) and they use its link to set a password.
      </p>
      <PersonForm initial={{ name: "", email: "", roles: ["external"], mobile: "", showMobile: false, locationId: "", jobTitle: "", organisation: "", workPhone: "", about: "" }} locations={result.locations} />
    </>
  );
}
