"use client";
/**
 * The one client form layer: react-hook-form with the zod schema the server action parses
 * again, the action's ActionResult shown the same way on every form (each field's message
 * beside its field, anything else in the error summary, which takes focus), the busy state,
 * the "Saved." status and an optional confirmation before sending.
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
import { GENERIC_PROBLEM, leaveIfSignedOut, routeFailure } from "./action-errors";
import { buttonClass } from "./button";
import { ConfirmDialogFrame } from "./confirm-dialog";
import { FormErrorSummary, SubmitRow } from "./form";


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
}

interface ActionFormState {
  busy: boolean;
  status: string;
  formError: string | null;
  summaryRef: RefObject<HTMLDivElement | null>;
  /** Fields rendered now: a server error for one of them goes beside it, anything else to the summary. */
  mounted: Map<string, number>;
}

const ActionFormContext = createContext<ActionFormState | null>(null);

/** The form state for components inside an ActionForm. */
export function useActionFormState(): ActionFormState {
  const state = useContext(ActionFormContext);
  if (!state) throw new Error("useActionFormState must be used inside <ActionForm>");
  return state;
}

/**
 * Marks a field as shown while it is mounted, so a server error for it goes beside it.
 * The Field components call it; a custom control (the editor, a picker) calls it too.
 */
export function useFieldShown(name: string) {
  const mounted = useContext(ActionFormContext)?.mounted;
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
}

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
  /** Shows a failed result: field errors beside their fields, the rest in the summary. */
  showFailure: (result: Failure) => void;
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
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(schema as never), defaultValues: options.defaultValues });
  const [sending, setSending] = useState(false);
  // A redirect runs as a transition: the form stays busy until the next page (or the same
  // page with a new query, like the import preview) has rendered, then is usable again.
  const [navigating, startNavigation] = useTransition();
  const [status, setStatus] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState<{ values: z.output<S>; spec: ConfirmSpec } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const mounted = useRef(new Map<string, number>()).current;
  const keys = useMemo(() => schemaKeys(schema), [schema]);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());
  const showProblem = (message: string | null) => {
    setFormError(message);
    if (message) focusSummary();
  };

  const showFailure = (result: Failure) => {
    const { fields, summary } = routeFailure(result, (key) => keys.has(key) && mounted.has(key), optionsRef.current.invalidMessage);
    // With nothing for the summary, focus goes to the first field that needs correcting.
    fields.forEach(([key, message], i) => form.setError(key as FieldPath<z.input<S>>, { type: "server", message }, { shouldFocus: !summary && i === 0 }));
    setFormError(summary);
    if (summary) focusSummary();
    optionsRef.current.onFailure?.(result);
  };

  const send = async (values: z.output<S>): Promise<ActionResult<T>> => {
    const opts = optionsRef.current;
    setFormError(null);
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
      setStatus("");
      const spec = optionsRef.current.confirm?.(values) ?? null;
      if (spec) setPending({ values, spec });
      else await send(values);
    },
    () => {
      const message = optionsRef.current.invalidMessage;
      if (message) showProblem(message);
    },
  );

  const busy = sending || navigating || form.formState.isSubmitting;
  const state = useMemo(() => ({ busy, status, formError, summaryRef, mounted }), [busy, status, formError, mounted]);
  return { form, onSubmit, send, busy, status, setStatus, formError, showProblem, showFailure, state, confirms: !!options.confirm, pending, cancelPending: () => setPending(null) };
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
  /** Overrides the submit handler (a wizard's step that only moves on). */
  onSubmit?: (event: React.FormEvent<HTMLFormElement>) => void;
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
        <form noValidate onSubmit={onSubmit ?? ((event) => void api.onSubmit(event))} {...props}>
          {heading}
          <FormErrorSummary ref={api.state.summaryRef} message={api.formError}>
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
