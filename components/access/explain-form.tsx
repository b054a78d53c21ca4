"use client";
/**
 * B1: the access explainer's question: a section, item, group or file, and a person. Choosing
 * both loads the page for them (the answer is rendered on the server, so it can be linked to
 * and bookmarked).
 */
import { useRouter } from "next/navigation";
import { type FormEvent, useCallback, useRef, useState } from "react";
import { AsyncCombobox } from "@/components/ui/async-combobox";
import { buttonClass } from "@/components/ui/button";
import { FormErrorSummary } from "@/components/ui/form";
import type { PickedPerson } from "@/components/ui/person-picker";
import type { TargetChoice } from "@/lib/explain/queries";
import { CHOOSE_PERSON, CHOOSE_TARGET, TARGET_KIND_LABELS } from "@/lib/explain/schemas";
import { searchPeopleToExplainAction, searchTargetsToExplainAction } from "@/lib/explain/actions";

export function ExplainForm({ initialTarget, initialPerson }: { initialTarget: TargetChoice | null; initialPerson: PickedPerson | null }) {
  const router = useRouter();
  const [target, setTarget] = useState<TargetChoice | null>(initialTarget);
  const [person, setPerson] = useState<PickedPerson | null>(initialPerson);
  const [errors, setErrors] = useState<{ target?: string; person?: string }>({});
  const summaryRef = useRef<HTMLDivElement>(null);

  const searchTargets = useCallback(async (query: string) => {
    const result = await searchTargetsToExplainAction({ query });
    return result.ok ? result.data : null;
  }, []);
  const searchPeople = useCallback(
    async (query: string) => {
      if (!target) return [];
      const result = await searchPeopleToExplainAction({ query, target: target.target });
      return result.ok ? result.data : null;
    },
    [target],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = { target: target ? undefined : CHOOSE_TARGET, person: person ? undefined : CHOOSE_PERSON };
    setErrors(found);
    if (!target || !person) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    router.push(`/access/explain?target=${encodeURIComponent(target.target)}&person=${person.id}`);
  };

  return (
    <form onSubmit={submit} noValidate className="mt-6 max-w-xl space-y-4" aria-label="Ask why someone can or cannot view something">
      <FormErrorSummary ref={summaryRef} message={errors.target ?? errors.person ?? null} />
      <AsyncCombobox<TargetChoice>
        id="explain-target"
        label="Section, item, group or file"
        hint="Search by its title or name. You can ask about what you manage."
        search={searchTargets}
        value={target}
        onChange={(chosen) => {
          setTarget(chosen);
          setErrors((e) => ({ ...e, target: undefined }));
        }}
        itemKey={(t) => t.target}
        itemLabel={(t) => t.title}
        renderItem={(t) => (
          <>
            {t.title}
            <span className="block text-sm opacity-80">
              {TARGET_KIND_LABELS[t.kind]}
              {t.place ? ` in ${t.place}` : ""}
            </span>
          </>
        )}
        error={errors.target}
      />
      <AsyncCombobox<PickedPerson>
        id="explain-person"
        label="Person"
        hint={target ? "Search by name or e-mail address." : "Choose what to ask about first."}
        search={searchPeople}
        value={person}
        onChange={(chosen) => {
          setPerson(chosen);
          setErrors((e) => ({ ...e, person: undefined }));
        }}
        itemKey={(p) => p.id}
        itemLabel={(p) => p.name}
        renderItem={(p) => (
          <>
            {p.name}
            <span className="block text-sm opacity-80">
              {p.email}
              {p.audience === "external" ? " · External" : ""}
            </span>
          </>
        )}
        error={errors.person}
      />
      <button type="submit" className={buttonClass.primary}>
        Explain
      </button>
    </form>
  );
}
