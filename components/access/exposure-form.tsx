"use client";
/**
 * B4: whose exposure to report: one picker over people, teams and partner organisations. The
 * action checks the choice names someone, then the page loads its report (rendered on the
 * server, so it can be linked to and bookmarked).
 */
import { useCallback } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormAsyncCombobox } from "@/components/ui/fields";
import { chooseExposureSubjectAction, searchExposureSubjectsAction } from "@/lib/exposure/actions";
import { type ExposureChoice, type ExposureForm as ExposureFormValues, SUBJECT_KIND_LABELS, choiceSubject, exposureFormSchema, subjectParams } from "@/lib/exposure/schemas";

const choiceKey = (c: ExposureChoice) => `${c.kind}:${c.key}`;
const choiceLabel = (c: ExposureChoice) => c.label;

export function ExposureForm({ initial }: { initial: ExposureChoice | null }) {
  const form = useActionForm(exposureFormSchema, chooseExposureSubjectAction, {
    defaultValues: { subject: initial },
    transform: (values) => ({ subject: choiceSubject(values.subject as ExposureChoice) }),
    redirect: (_data, values) => `/access/exposure?${new URLSearchParams(subjectParams(choiceSubject(values.subject as ExposureChoice))).toString()}`,
  });
  const search = useCallback(async (query: string) => {
    const result = await searchExposureSubjectsAction({ query });
    return result.ok ? result.data : null;
  }, []);

  return (
    <ActionForm form={form} className="mt-6 max-w-xl space-y-4" aria-label="Choose whose access to report">
      <FormAsyncCombobox<ExposureFormValues, ExposureChoice>
        name="subject"
        id="exposure-subject"
        label="Person, team or partner organisation"
        hint="Search by name (or a person's e-mail address). A partner organisation is the organisation its external people belong to."
        search={search}
        itemKey={choiceKey}
        itemLabel={choiceLabel}
        renderItem={(c) => (
          <>
            {c.label}
            <span className="block text-sm opacity-80">
              {SUBJECT_KIND_LABELS[c.kind]}
              {c.detail ? ` · ${c.detail}` : ""}
            </span>
          </>
        )}
      />
      <FormSubmitRow label="Show what they can view" busyLabel="Reading it…" />
    </ActionForm>
  );
}
