"use client";
/**
 * Fields that read their value, registration and error from the surrounding ActionForm
 * (react-hook-form's context), so a form is its fields and nothing else. They render the
 * primitives of form.tsx and checkbox.tsx: labels, ids, aria-invalid and aria-describedby
 * are the same as everywhere else.
 */
import { type ChangeEvent, type ComponentPropsWithoutRef, type ReactNode, useCallback, useId } from "react";
import {
  type ControllerFieldState,
  type ControllerRenderProps,
  type FieldPath,
  type FieldValues,
  get,
  useController,
  useFormContext,
  useFormState,
} from "react-hook-form";
import { useFieldShown } from "./action-form";
import { AsyncCombobox, type AsyncComboboxProps } from "./async-combobox";
import { Checkbox } from "./checkbox";
import { FieldFrame, FieldNotes, TextArea, TextField } from "./form";

/** The message of the error on `name`, if any (re-rendering when it changes). */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState({ name });
  const error = get(errors, name) as { message?: string } | undefined;
  return error?.message;
}

/** register(name), with an extra onChange run after react-hook-form's own; `id` is the control's, for the error summary's link. */
function useRegistered<E extends HTMLElement>(name: string, id: string, onChange?: (event: ChangeEvent<E>) => void) {
  const { register } = useFormContext();
  useFieldShown(name, id);
  const registered = register(name);
  return {
    ...registered,
    onChange: async (event: ChangeEvent<E>) => {
      await registered.onChange(event);
      onChange?.(event);
    },
  };
}

type Named<T extends FieldValues> = { name: FieldPath<T> };

/** A labelled input bound to `name`. */
export function FormTextField<T extends FieldValues = FieldValues>({
  name,
  onChange,
  id,
  ...props
}: Named<T> & Omit<ComponentPropsWithoutRef<"input">, "name"> & { label: string; hint?: string }) {
  const autoId = useId();
  const error = useFieldError(name);
  return <TextField {...props} id={id ?? autoId} error={error} {...useRegistered<HTMLInputElement>(name, id ?? autoId, onChange)} />;
}

/** A labelled multi-line input bound to `name`. */
export function FormTextArea<T extends FieldValues = FieldValues>({
  name,
  onChange,
  id,
  ...props
}: Named<T> & Omit<ComponentPropsWithoutRef<"textarea">, "name"> & { label: string; hint?: string }) {
  const autoId = useId();
  const error = useFieldError(name);
  return <TextArea {...props} id={id ?? autoId} error={error} {...useRegistered<HTMLTextAreaElement>(name, id ?? autoId, onChange)} />;
}

/** A checkbox bound to `name` (a boolean, or with `value` one entry of an array). */
export function FormCheckbox<T extends FieldValues = FieldValues>({
  name,
  onChange,
  showError = true,
  id,
  ...props
}: Named<T> & Omit<ComponentPropsWithoutRef<"input">, "name" | "type"> & { label: ReactNode; hint?: ReactNode; showError?: boolean }) {
  const autoId = useId();
  const error = useFieldError(name);
  return <Checkbox {...props} id={id ?? autoId} error={showError ? error : undefined} {...useRegistered<HTMLInputElement>(name, id ?? autoId, onChange)} />;
}

/** A labelled drop-down list bound to `name`; the options are its children. */
export function FormSelect<T extends FieldValues = FieldValues>({
  name,
  label,
  hint,
  id,
  className,
  children,
}: Named<T> & { label: string; hint?: string; id?: string; className?: string; children: ReactNode }) {
  const autoId = useId();
  const error = useFieldError(name);
  const registered = useRegistered<HTMLSelectElement>(name, id ?? autoId);
  return (
    <FieldFrame id={id ?? autoId} label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <select
          id={control.id}
          aria-invalid={control.invalid}
          aria-describedby={control.describedBy}
          className="mt-1 block min-h-11 w-full rounded border-2 border-gray-800 bg-white px-3 py-2"
          {...registered}
        >
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

/**
 * A group of choices with its legend, hint and error: radio buttons bound to `name`
 * (`options`), or any controls given as children (the group only frames them).
 */
export function FormFieldset<T extends FieldValues = FieldValues>({
  name,
  legend,
  legendClassName = "font-semibold",
  hint,
  options,
  inline = false,
  className,
  children,
}: Named<T> & {
  legend: string;
  /** A legend that is the form's own heading is larger (the poll's "Your vote"). */
  legendClassName?: string;
  hint?: ReactNode;
  options?: readonly { value: string; label: ReactNode; hint?: ReactNode }[];
  /** Short labels side by side, without hints. */
  inline?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  const id = useId();
  const error = useFieldError(name);
  const { register } = useFormContext();
  // The summary links to the group; following the link focuses its first choice.
  useFieldShown(name, id);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      id={id}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      className={[className, error ? "border-l-4 border-red-700 pl-4" : ""].filter(Boolean).join(" ") || undefined}
    >
      <legend className={legendClassName}>{legend}</legend>
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} error={error} />
      {options ? (
        <div className={inline ? "mt-2 flex flex-wrap gap-x-6 gap-y-2" : "mt-2 space-y-3"}>
          {options.map((option) =>
            inline ? (
              <label key={option.value} className="flex min-h-11 items-center gap-2">
                <input type="radio" value={option.value} className="h-6 w-6" {...register(name)} />
                {option.label}
              </label>
            ) : (
              <div key={option.value} className="flex items-start gap-3">
                <input
                  type="radio"
                  id={`${id}-${option.value}`}
                  value={option.value}
                  aria-describedby={option.hint ? `${id}-${option.value}-hint` : undefined}
                  className="mt-1 h-6 w-6 shrink-0 accent-brand-700"
                  {...register(name)}
                />
                <div>
                  <label htmlFor={`${id}-${option.value}`} className="font-semibold">
                    {option.label}
                  </label>
                  {option.hint ? (
                    <p id={`${id}-${option.value}-hint`} className="text-gray-700">
                      {option.hint}
                    </p>
                  ) : null}
                </div>
              </div>
            ),
          )}
        </div>
      ) : null}
      {children ? <div className="mt-2 space-y-3">{children}</div> : null}
    </fieldset>
  );
}

/**
 * A custom control (a picker, a combobox, the editor) bound to `name` through
 * react-hook-form's controller; it is given the value, onChange and the field's error.
 */
export function FormControlled<T extends FieldValues = FieldValues>({
  name,
  render,
}: Named<T> & {
  render: (props: { field: ControllerRenderProps<FieldValues, string>; fieldState: ControllerFieldState; error: string | undefined }) => ReactNode;
}) {
  const { control } = useFormContext();
  const { field, fieldState } = useController({ name, control });
  // The summary links to an empty marker just before the control (a wrapper would change the
  // layout around it); following the link focuses the control's own input, whatever it is.
  const id = useId();
  useFieldShown(name, id);
  // react-hook-form reads any object with a `target` as a DOM event and keeps target.value, so a
  // chosen value such as { target: "section:12", … } would be stored as undefined. A custom
  // control hands over values, never events: wrap each so it is stored as given.
  const onChange = useCallback((value: unknown) => field.onChange({ target: { value } }), [field]);
  return (
    <>
      <span id={id} hidden data-field-marker="" />
      {render({ field: { ...field, onChange }, fieldState, error: fieldState.error?.message })}
    </>
  );
}

/** An async combobox (./async-combobox.tsx) bound to `name`: the chosen item is the field's value. */
export function FormAsyncCombobox<V extends FieldValues, T>({ name, ...props }: Named<V> & Omit<AsyncComboboxProps<T>, "value" | "onChange" | "error">) {
  return (
    <FormControlled<V>
      name={name}
      render={({ field, error }) => <AsyncCombobox<T> {...props} value={(field.value as T | null | undefined) ?? null} onChange={field.onChange} error={error} />}
    />
  );
}
