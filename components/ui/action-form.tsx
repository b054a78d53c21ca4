"use client";
/**
 * The one client form layer: react-hook-form with the zod schema the server action parses
 * again, the action's ActionResult shown the same way on every form (each field's message
 * beside its field and, GOV.UK's pattern, listed in the error summary at the top as a link to
 * that field; anything else in the summary too, which takes focus whenever a submission
 * fails), the busy state, the "Saved." status and an optional confirmation before sending.
 *
 * Why not next-safe-action's useHookFormAction: it drives actions made with its own client
 * and reads its result shape ({ data, serverError, validationErrors }); ours are made with
 * defineAction and answer ActionResult, and ActionError names one field. Adopting it would
 * mean rewriting every server action; this file is the small part of it we need.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { type ComponentPropsWithoutRef, type ReactNode, type RefObject, createContext, useContext, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { type FieldPath, FormProvider, type UseFormProps, type UseFormReturn, useForm } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { GENERIC_PROBLEM, leaveIfSignedOut, listFieldErrors, routeFailure } from "./action-errors";
import { buttonClass } from "./button";
import { ConfirmDialogFrame } from "./confirm-dialog";
import { FormErrorSummary, type SummaryProblem, SubmitRow } from "./form";


/** A zod schema for a form's values (an object). */
export type FormSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;
type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/** What a confirmation dialog says before the action is sent (M8, C1: what the change deletes). */
export interface ConfirmSpec {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
}

export interface ActionFormOptions<S extends FormSchema, T, I> {
  defaultValues: UseFormProps<z.input<S>, unknown, z.output<S>>["defaultValues"];
  /** Shapes the parsed values into the action's input (adds ids, builds FormData). */
  transform?: (values: z.output<S>) => I;
  /** Runs after a success; a string returned becomes the polite status beside the submit button. */
  onSuccess?: (data: T, values: z.output<S>) => string | void | Promise<string | void>;
  /** Where to go after a success (null: stay). The form stays busy while the next page loads, then is usable again. */
  redirect?: (data: T, values: z.output<S>) => string | null | undefined;
  /** Replace the history entry rather than push one. */
  replace?: boolean;
  /** Re-render the page's server components after a success: when staying, or "always" (after a redirect too). */
  refresh?: boolean | "always";
  /** Empty the fields again after a success (passwords, a sent address). */
  resetOnSuccess?: boolean;
  /** Ask first: return what to say, or null to send straight away. */
  confirm?: (values: z.output<S>) => ConfirmSpec | null;
  /**
   * The summary's words when fields carry errors and nothing else was said; by default the
   * summary stays empty and each field speaks for itself.
   */
  invalidMessage?: string;
  /** Called with each failure, after the errors are shown (e.g. to count again). */
  onFailure?: (result: Failure) => void;
  /**
   * The field a form-level message is about, when it is one field's (sign-in's wrong e-mail or
   * password, M4): the summary lists the message as a link to that field rather than as text.
   */
  problemField?: (message: string) => string | null;
}

interface ActionFormState {
  busy: boolean;
  status: string;
  formError: string | null;
  /** The field errors of the last failed submission, for the summary's links. */
  problems: SummaryProblem[];
  summaryRef: RefObject<HTMLDivElement | null>;
  /** Fields rendered now: a server error for one of them goes beside it, anything else to the summary. */
  mounted: Map<string, number>;
  /** Each field's path → the ids of its controls on screen (the summary links to them). */
  fieldIds: Map<string, string[]>;
}

const ActionFormContext = createContext<ActionFormState | null>(null);

/** The form state for components inside an ActionForm. */
export function useActionFormState(): ActionFormState {
  const state = useContext(ActionFormContext);
  if (!state) throw new Error("useActionFormState must be used inside <ActionForm>");
  return state;
}

/**
 * Marks a field as shown while it is mounted, so a server error for it goes beside it, and
 * (with `id`, the element that holds its control) so the error summary can link to it.
 * The Field components call it; a custom control (the editor, a picker) calls it too.
 */
export function useFieldShown(name: string, id?: string) {
  const state = useContext(ActionFormContext);
  const mounted = state?.mounted;
  const fieldIds = state?.fieldIds;
  const top = name.split(".")[0]!;
  useEffect(() => {
    if (!mounted) return;
    mounted.set(top, (mounted.get(top) ?? 0) + 1);
    return () => {
      const left = (mounted.get(top) ?? 1) - 1;
      if (left) mounted.set(top, left);
      else mounted.delete(top);
    };
  }, [mounted, top]);
  useEffect(() => {
    if (!fieldIds || !id) return;
    fieldIds.set(name, [...(fieldIds.get(name) ?? []), id]);
    return () => {
      const left = (fieldIds.get(name) ?? []).filter((x) => x !== id);
      if (left.length) fieldIds.set(name, left);
      else fieldIds.delete(name);
    };
  }, [fieldIds, name, id]);
}

/**
 * The element on screen for a field path: its own control, else (an error on a group, like a
 * poll's options) the first of the fields inside it, else the nearest field around it.
 */
function fieldElement(fieldIds: Map<string, string[]>, path: string): HTMLElement | null {
  const byId = (ids: string[]) => ids.map((id) => document.getElementById(id)).filter((el): el is HTMLElement => el !== null);
  const inside = [...fieldIds].filter(([name]) => name.startsWith(`${path}.`)).flatMap(([, ids]) => ids);
  let candidates = byId([...(fieldIds.get(path) ?? []), ...inside]);
  for (let up = path; !candidates.length && up.includes("."); ) {
    up = up.slice(0, up.lastIndexOf("."));
    candidates = byId(fieldIds.get(up) ?? []);
  }
  return candidates.sort(inDocumentOrder)[0] ?? null;
}

const inDocumentOrder = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : a === b ? 0 : 1);

/** The top-level keys of an object schema (through refinements and pipes), for telling fields from the rest. */
function schemaKeys(schema: FormSchema): Set<string> {
  const def = (schema as unknown as { def?: { type?: string; in?: FormSchema } }).def;
  if ("shape" in schema && schema.shape && typeof schema.shape === "object") return new Set(Object.keys(schema.shape));
  if (def?.type === "pipe" && def.in) return schemaKeys(def.in);
  return new Set();
}

export interface ActionFormApi<S extends FormSchema, T> {
  form: UseFormReturn<z.input<S>, unknown, z.output<S>>;
  /** The form's submit handler: validates, confirms when asked, sends. */
  onSubmit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  /** Sends values already parsed (a wizard's last step, a confirmed dialog). */
  send: (values: z.output<S>) => Promise<ActionResult<T>>;
  busy: boolean;
  status: string;
  setStatus: (status: string) => void;
  formError: string | null;
  /** Shows a message in the summary and focuses it (null clears it). */
  showProblem: (message: string | null) => void;
  /** Shows a failed result: field errors beside their fields and listed in the summary, the rest in the summary. */
  showFailure: (result: Failure) => void;
  /** Lists the fields' current errors in the summary and focuses it (a step that only checks its fields). */
  showInvalid: () => void;
  /** For ActionForm. */
  state: ActionFormState;
  /** Whether the form asks before sending (it then renders the dialog). */
  confirms: boolean;
  pending: { values: z.output<S>; spec: ConfirmSpec } | null;
  cancelPending: () => void;
}

/**
 * react-hook-form + zodResolver, bound to a server action answering ActionResult.
 * Render the result with <ActionForm form={…}>, its fields with the Field components
 * (components/ui/fields.tsx), and its button with <FormSubmitRow>.
 */
export function useActionForm<S extends FormSchema, T, I = z.output<S>>(
  schema: S,
  action: (input: I) => Promise<ActionResult<T>>,
  options: ActionFormOptions<S, T, I> & (z.output<S> extends I ? unknown : { transform: (values: z.output<S>) => I }),
): ActionFormApi<S, T> {
  const router = useRouter();
  // The error summary takes focus when a submission fails, not the first field (GOV.UK's pattern).
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(schema as never), defaultValues: options.defaultValues, shouldFocusError: false });
  const [sending, setSending] = useState(false);
  // A redirect runs as a transition: the form stays busy until the next page (or the same
  // page with a new query, like the import preview) has rendered, then is usable again.
  const [navigating, startNavigation] = useTransition();
  const [status, setStatus] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const [problems, setProblems] = useState<SummaryProblem[]>([]);
  const [pending, setPending] = useState<{ values: z.output<S>; spec: ConfirmSpec } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const mounted = useRef(new Map<string, number>()).current;
  const fieldIds = useRef(new Map<string, string[]>()).current;
  const keys = useMemo(() => schemaKeys(schema), [schema]);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());
  /** The summary's list: each field error with the control it links to, in the order the fields are on screen. */
  const listProblems = (entries: [string, string][]) => {
    const listed: { message: string; element: HTMLElement | null }[] = [];
    for (const [path, message] of entries) {
      const element = fieldElement(fieldIds, path);
      // The same words for the same control once (a group's and its choice's, say).
      if (!listed.some((p) => p.message === message && p.element === element)) listed.push({ message, element });
    }
    // Errors with no control on screen last, in the order given.
    listed.sort((a, b) => (a.element && b.element ? inDocumentOrder(a.element, b.element) : a.element ? -1 : b.element ? 1 : 0));
    setProblems(listed.map(({ message, element }) => ({ message, targetId: element?.id ?? null })));
    return listed.length;
  };
  const showProblem = (message: string | null) => {
    setFormError(message);
    setProblems([]);
    if (message) focusSummary();
  };

  const showFailure = (result: Failure) => {
    const { fields, summary } = routeFailure(result, (key) => keys.has(key) && mounted.has(key), optionsRef.current.invalidMessage);
    fields.forEach(([key, message]) => form.setError(key as FieldPath<z.input<S>>, { type: "server", message }));
    const listed = listProblems(fields);
    setFormError(summary);
    if (summary || listed) focusSummary();
    optionsRef.current.onFailure?.(result);
  };

  /** After a step that only checks its fields (a wizard's Next) found errors: list them and focus the summary. */
  const showInvalid = () => {
    const listed = listProblems(listFieldErrors(form.formState.errors));
    const message = optionsRef.current.invalidMessage ?? null;
    setFormError(message);
    if (listed || message) focusSummary();
  };

  const send = async (values: z.output<S>): Promise<ActionResult<T>> => {
    const opts = optionsRef.current;
    setFormError(null);
    setProblems([]);
    setStatus("");
    setSending(true);
    let result: ActionResult<T>;
    try {
      result = await action(opts.transform ? opts.transform(values) : (values as unknown as I));
    } catch {
      result = { ok: false, formError: `${GENERIC_PROBLEM} Please try again.` };
    }
    if (!result.ok) {
      setSending(false);
      showFailure(result);
      leaveIfSignedOut(result);
      return result;
    }
    const message = await opts.onSuccess?.(result.data, values);
    const to = opts.redirect?.(result.data, values);
    if (to) {
      startNavigation(() => {
        if (opts.replace) router.replace(to);
        else router.push(to);
        if (opts.refresh === "always") router.refresh();
      });
    } else {
      if (opts.resetOnSuccess) form.reset();
      if (message) setStatus(message);
      if (opts.refresh) router.refresh();
    }
    setSending(false);
    return result;
  };

  const onSubmit = form.handleSubmit(
    async (values) => {
      setFormError(null);
      setProblems([]);
      setStatus("");
      const spec = optionsRef.current.confirm?.(values) ?? null;
      if (spec) setPending({ values, spec });
      else await send(values);
    },
    (errors) => {
      listProblems(listFieldErrors(errors));
      setFormError(optionsRef.current.invalidMessage ?? null);
      focusSummary();
    },
  );

  // A form-level message about one field (problemField) is listed as a link to it.
  const problemPath = formError ? (options.problemField?.(formError) ?? null) : null;
  const problemTarget = problemPath ? (fieldIds.get(problemPath)?.[0] ?? null) : null;
  const summaryMessage = problemTarget ? null : formError;
  const summaryProblems = useMemo(
    () => (problemTarget && formError ? [{ message: formError, targetId: problemTarget }, ...problems] : problems),
    [problemTarget, formError, problems],
  );

  const busy = sending || navigating || form.formState.isSubmitting;
  const state = useMemo(
    () => ({ busy, status, formError: summaryMessage, problems: summaryProblems, summaryRef, mounted, fieldIds }),
    [busy, status, summaryMessage, summaryProblems, mounted, fieldIds],
  );
  return {
    form,
    onSubmit,
    send,
    busy,
    status,
    setStatus,
    formError,
    showProblem,
    showFailure,
    showInvalid,
    state,
    confirms: !!options.confirm,
    pending,
    cancelPending: () => setPending(null),
  };
}

type FormElementProps = Omit<ComponentPropsWithoutRef<"form">, "onSubmit" | "noValidate">;

/**
 * The <form> of a useActionForm: gives the Field components their context, shows the
 * error summary first (or after `heading`), and the confirmation dialog when one is asked.
 */
export function ActionForm<S extends FormSchema, T>({
  form: api,
  onSubmit,
  heading,
  summaryExtra,
  children,
  ...props
}: FormElementProps & {
  form: ActionFormApi<S, T>;
  /**
   * Overrides the submit handler (a wizard's step that only moves on, see nextStep): answering
   * false (its fields need correcting) lists their errors in the summary, which takes focus.
   */
  onSubmit?: (event: React.FormEvent<HTMLFormElement>) => void | Promise<void | boolean>;
  /** Shown before the summary (a wizard step's heading). */
  heading?: ReactNode;
  /** Shown inside the summary under its message (a support link). */
  summaryExtra?: ReactNode;
  children: ReactNode;
}) {
  const { pending } = api;
  return (
    <FormProvider {...api.form}>
      <ActionFormContext.Provider value={api.state}>
        <form
          noValidate
          onSubmit={
            onSubmit
              ? async (event) => {
                  if ((await onSubmit(event)) === false) api.showInvalid();
                }
              : (event) => void api.onSubmit(event)
          }
          {...props}
        >
          {heading}
          <FormErrorSummary ref={api.state.summaryRef} message={api.state.formError} problems={api.state.problems}>
            {summaryExtra}
          </FormErrorSummary>
          {children}
          {api.confirms ? (
            <ConfirmDialogFrame
              open={pending !== null}
              onOpenChange={(open) => (open ? undefined : api.cancelPending())}
              title={pending?.spec.title ?? ""}
              confirmLabel={pending?.spec.confirmLabel ?? ""}
              tone={pending?.spec.tone}
              busy={api.busy}
              onConfirm={async () => {
                if (!pending) return;
                await api.send(pending.values);
                api.cancelPending();
              }}
            >
              {pending?.spec.body}
            </ConfirmDialogFrame>
          ) : null}
        </form>
      </ActionFormContext.Provider>
    </FormProvider>
  );
}

/**
 * The submit button and the polite status beside it ("Saved."), from the form's state.
 * `withStatus={false}` for a form whose success leaves the page or shows its own panel:
 * just the button, so the page keeps a single status region.
 */
export function FormSubmitRow({ label, busyLabel = "Saving…", disabled = false, withStatus = true }: { label: string; busyLabel?: string; disabled?: boolean; withStatus?: boolean }) {
  const { busy, status } = useActionFormState();
  if (withStatus) return <SubmitRow busy={busy} label={label} busyLabel={busyLabel} status={status} disabled={disabled} />;
  return (
    <button type="submit" disabled={busy || disabled} className={buttonClass.primary}>
      {busy ? busyLabel : label}
    </button>
  );
}
