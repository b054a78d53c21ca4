"use client";
/**
 * G8: the answer box for the team's members (and its child teams'), and the app's
 * moderators. Each answer it sends carries an id made once, so a double click answers once;
 * after a success the box empties and takes a new id. Refused (the query was resolved in
 * the meantime, another tab), the text stays in the box with the message.
 */
import { useState } from "react";
import { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextArea } from "@/components/ui/fields";
import { answerQueryAction } from "@/lib/queries-app/actions";
import { ANSWER_MAX, answerBody } from "@/lib/queries-app/schemas";

const boxSchema = z.object({ body: answerBody });

export function AnswerForm({ queryId }: { queryId: string }) {
  const [id, setId] = useState(() => crypto.randomUUID());
  const form = useActionForm(boxSchema, answerQueryAction, {
    defaultValues: { body: "" },
    transform: (values) => ({ id, queryId, body: values.body }),
    refresh: true,
    resetOnSuccess: true,
    onSuccess: () => {
      setId(crypto.randomUUID());
      return "Your answer is posted.";
    },
  });
  return (
    <ActionForm form={form} className="mt-3 max-w-2xl space-y-3" aria-labelledby="answer-heading">
      <FormTextArea
        name="body"
        label="Your answer"
        hint={`Plain text; links work. At most ${ANSWER_MAX.toLocaleString("en-GB")} characters. The asker is told, and everyone who uses Queries can read it.`}
        rows={6}
        maxLength={ANSWER_MAX + 1000}
      />
      <FormSubmitRow label="Post answer" busyLabel="Posting…" />
    </ActionForm>
  );
}
