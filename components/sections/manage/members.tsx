"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ManagedPerson } from "@/lib/sections/queries";
import { AddMembers } from "./add-members";
import { MemberTable } from "./member-table";

/** The People part of a section's manage page (S2, S7): adding members, and the table of who holds what. */
export function MemberManager({ section, members }: { section: { id: number; title: string }; members: ManagedPerson[] }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const done = (message: string) => {
    setStatus(message);
    router.refresh();
  };
  return (
    <section aria-labelledby="people-heading" className="mt-8">
      <h2 id="people-heading" className="text-2xl font-bold">
        People
      </h2>
      <p className="mt-1 text-gray-700">
        Members can view {section.title} and every section below it. Roles cascade to the sections below too.
      </p>
      <p role="status" aria-live="polite" className={status ? "mt-4 border-l-4 border-green-700 bg-green-50 p-3 font-semibold" : "sr-only"}>
        {status}
      </p>
      <AddMembers sectionId={section.id} sectionTitle={section.title} exclude={members.filter((m) => m.direct).map((m) => m.id)} onDone={done} />
      <MemberTable sectionId={section.id} sectionTitle={section.title} members={members} onDone={done} />
    </section>
  );
}
