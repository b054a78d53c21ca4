"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useCallback, useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { buttonClass } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PersonPicker } from "@/components/ui/person-picker";
import { addSectionMembers, changeSectionRoles, removeSectionMembers, searchPeopleForSection } from "@/lib/sections/actions";
import type { ManagedPerson } from "@/lib/sections/queries";
import { type AddMembersForm, type MemberActionsForm, addMembersFormSchema, memberActionsFormSchema } from "@/lib/sections/schemas";
import { WizardButtons, WizardPanel, nextStep, useWizardFocus } from "@/components/ui/wizard";
import { S8Warning } from "./s8-warning";
import { problemOf } from "./result";

type Role = "manager" | "editor" | "author";
const ROLES: { value: Role; label: string; hint: string }[] = [
  { value: "manager", label: "Manager", hint: "Manages members, roles and settings, and edits and publishes content" },
  { value: "editor", label: "Editor", hint: "Edits and publishes everyone's content" },
  { value: "author", label: "Author", hint: "Writes drafts for an editor or manager to publish" },
];
const roleName = (r: Role) => ROLES.find((x) => x.value === r)!.label;

function ExternalBadge() {
  return <span className="ml-2 inline-block rounded bg-amber-200 px-2 py-0.5 text-sm font-semibold text-gray-900">External</span>;
}

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

function AddMembers({ sectionId, sectionTitle, exclude, onDone }: { sectionId: number; sectionTitle: string; exclude: string[]; onDone: (m: string) => void }) {
  const [step, setStep] = useState<"closed" | "pick" | "review">("closed");
  const [formError, setFormError] = useState<string | null>(null);
  const { headingRef, summaryRef, focusHeading, focusSummary } = useWizardFocus();
  const {
    control,
    register,
    handleSubmit,
    trigger,
    reset,
    setValue,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<AddMembersForm>({ resolver: zodResolver(addMembersFormSchema), defaultValues: { people: [], acknowledgeExternal: false } });
  const picked = watch("people");
  const externals = picked.filter((p) => p.audience === "external");

  const search = useCallback(
    async (query: string) => {
      const result = await searchPeopleForSection({ sectionId, query });
      if (!result.ok) throw new Error(problemOf(result) ?? "failed");
      return result.data;
    },
    [sectionId],
  );

  const go = (next: typeof step) => {
    setStep(next);
    setFormError(null);
    focusHeading();
  };
  const close = () => {
    reset();
    setFormError(null);
    setStep("closed");
  };

  const onSubmit = handleSubmit(async (form) => {
    setFormError(null);
    const result = await addSectionMembers({ sectionId, personIds: form.people.map((p) => p.id), acknowledgeExternal: form.acknowledgeExternal });
    if (result.ok) {
      close();
      onDone(`Added ${result.data.added} ${result.data.added === 1 ? "person" : "people"} to ${sectionTitle}.`);
    } else if (result.fieldErrors?.acknowledgeExternal) {
      setError("acknowledgeExternal", { message: result.fieldErrors.acknowledgeExternal });
    } else {
      setFormError(problemOf(result));
      focusSummary();
    }
  });

  if (step === "closed") {
    return (
      <button type="button" className={`${buttonClass.primary} mt-4`} onClick={() => go("pick")}>
        + Add member
      </button>
    );
  }

  return (
    <WizardPanel
      title={step === "pick" ? "Add members" : "Check before adding"}
      headingRef={headingRef}
      summaryRef={summaryRef}
      formError={formError}
      onSubmit={
        step === "pick"
          ? nextStep(
              () => trigger("people"),
              () => {
                setValue("acknowledgeExternal", false);
                go("review");
              },
            )
          : onSubmit
      }
    >
      {step === "pick" ? (
        <>
          <Controller
            control={control}
            name="people"
            render={({ field }) => (
              <PersonPicker
                label="People to add"
                hint="Search by name or e-mail address. You can choose several people."
                search={search}
                value={field.value}
                onChange={field.onChange}
                exclude={exclude}
                error={errors.people?.message}
              />
            )}
          />
          <WizardButtons submitLabel="Next" backLabel="Cancel" onBack={close} />
        </>
      ) : (
        <>
          <p>
            You are adding {picked.length === 1 ? "this person" : `these ${picked.length} people`} to {sectionTitle}:
          </p>
          <ul className="list-disc space-y-1 pl-6">
            {picked.map((p) => (
              <li key={p.id}>
                {p.name} <span className="text-gray-700">({p.email})</span>
                {p.audience === "external" ? <ExternalBadge /> : null}
              </li>
            ))}
          </ul>
          {externals.length ? (
            <S8Warning
              summary={<>{externals.length === 1 ? `${externals[0]!.name} is an external user.` : `${externals.length} of these people are external users.`}</>}
              error={errors.acknowledgeExternal?.message}
              {...register("acknowledgeExternal")}
            />
          ) : null}
          <WizardButtons submitLabel="Confirm" busy={isSubmitting} busyLabel="Adding…" backLabel="Back" onBack={() => go("pick")} />
        </>
      )}
    </WizardPanel>
  );
}

function MemberTable({
  sectionId,
  sectionTitle,
  members,
  onDone,
}: {
  sectionId: number;
  sectionTitle: string;
  members: ManagedPerson[];
  onDone: (m: string) => void;
}) {
  const [step, setStep] = useState<"select" | "roles" | "review">("select");
  const [formError, setFormError] = useState<string | null>(null);
  const { headingRef, summaryRef, focusHeading, focusSummary } = useWizardFocus();
  const actionId = useId();
  const {
    register,
    handleSubmit,
    trigger,
    reset,
    setValue,
    getValues,
    clearErrors,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<MemberActionsForm>({ resolver: zodResolver(memberActionsFormSchema), defaultValues: { personIds: [], action: "add-roles", roles: [] } });
  const [selectedIds, action, roles] = watch(["personIds", "action", "roles"]);
  const selected = new Set(selectedIds);

  const chosen = members.filter((m) => selected.has(m.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(getValues("personIds"));
    if (on) next.add(id);
    else next.delete(id);
    setValue("personIds", [...next]);
    clearErrors("personIds");
  };
  const go = (next: typeof step) => {
    setStep(next);
    setFormError(null);
    if (next !== "select") focusHeading();
  };
  const finish = (message: string) => {
    reset();
    setStep("select");
    onDone(message);
  };

  const onSubmit = handleSubmit(async (form) => {
    setFormError(null);
    const result = await changeSectionRoles({
      sectionId,
      personIds: form.personIds,
      roles: form.roles,
      change: form.action === "add-roles" ? "add" : "remove",
    });
    if (!result.ok) {
      setFormError(problemOf(result));
      focusSummary();
      return;
    }
    finish(form.action === "add-roles" ? `Roles given to ${names}.` : `Roles removed from ${names}.`);
  });

  if (!members.length) return <p className="mt-6">Nobody is a member of this section directly yet. Members of sections above it can view it too.</p>;

  const names = chosen.map((m) => m.name).join(", ");
  return (
    <div className="mt-6">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={actionId} className="block font-semibold">
            Action for the people ticked
          </label>
          <select id={actionId} {...register("action")} className="mt-1 block min-h-11 rounded border-2 border-gray-800 bg-white px-3 py-2">
            <option value="add-roles">Add role(s)</option>
            <option value="remove-roles">Remove role(s)</option>
            <option value="remove">Remove from section</option>
          </select>
        </div>
        {action === "remove" ? (
          <ConfirmDialog
            trigger={
              <button type="button" className={buttonClass.secondary} disabled={!chosen.length}>
                Remove…
              </button>
            }
            disabled={!chosen.length}
            title={`Remove ${chosen.length === 1 ? "1 person" : `${chosen.length} people`} from ${sectionTitle}?`}
            confirmLabel="Remove"
            onConfirm={async () => {
              const result = await removeSectionMembers({ sectionId, personIds: chosen.map((m) => m.id) });
              if (!result.ok) return problemOf(result);
              finish(`Removed ${result.data.removed} ${result.data.removed === 1 ? "person" : "people"} from ${sectionTitle}.`);
              return null;
            }}
          >
            <p>{names} will stop being members of this section, and lose any role they hold on it.</p>
            <p>They can still view it if a team they are in is a member, if they are members of a section above it, or if it is open to everyone in the organisation.</p>
          </ConfirmDialog>
        ) : (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={async () => {
              if (!(await trigger("personIds"))) return;
              setValue("roles", []);
              clearErrors("roles");
              go("roles");
            }}
          >
            Continue
          </button>
        )}
      </div>
      {errors.personIds && step === "select" ? (
        <p role="alert" className="mt-2 font-semibold text-red-700">
          {errors.personIds.message === "Choose at least one person" ? "Tick at least one person in the table first" : errors.personIds.message}
        </p>
      ) : null}

      {step !== "select" ? (
        <WizardPanel
          title={step === "roles" ? (action === "add-roles" ? "Which roles to give?" : "Which roles to remove?") : "Check before changing roles"}
          headingRef={headingRef}
          summaryRef={summaryRef}
          formError={formError}
          onSubmit={step === "roles" ? nextStep(() => trigger("roles"), () => go("review")) : onSubmit}
        >
          {step === "roles" ? (
            <fieldset aria-describedby={errors.roles ? `${actionId}-roles-error` : undefined}>
              <legend className="font-semibold">Roles for {names}</legend>
              {errors.roles ? (
                <p id={`${actionId}-roles-error`} className="font-semibold text-red-700">
                  <span className="sr-only">Error: </span>
                  {errors.roles.message}
                </p>
              ) : null}
              <div className="mt-2 space-y-3">
                {ROLES.map((r) => (
                  <Checkbox key={r.value} label={r.label} hint={r.hint} value={r.value} {...register("roles")} />
                ))}
              </div>
              <div className="mt-4">
                <WizardButtons submitLabel="Next" backLabel="Cancel" onBack={() => go("select")} />
              </div>
            </fieldset>
          ) : (
            <>
              <p>
                {action === "add-roles" ? "Give" : "Remove"} <strong>{roles.map(roleName).join(", ")}</strong> {action === "add-roles" ? "to" : "from"}{" "}
                {names} in {sectionTitle} and every section below it.
              </p>
              <WizardButtons submitLabel="Confirm" busy={isSubmitting} busyLabel="Saving…" backLabel="Back" onBack={() => go("roles")} />
            </>
          )}
        </WizardPanel>
      ) : null}

      <div role="region" aria-label="Members of this section" tabIndex={0} className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[36rem] border-collapse text-left">
          <caption className="sr-only">People who are members of {sectionTitle} or hold a role on it</caption>
          <thead>
            <tr className="border-b-2 border-gray-800">
              <th scope="col" className="w-12 py-2">
                <span className="sr-only">Select</span>
              </th>
              <th scope="col" className="py-2 pr-4">
                Name
              </th>
              <th scope="col" className="py-2 pr-4">
                Roles here
              </th>
              <th scope="col" className="py-2">
                Membership
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} className="border-b border-gray-300 align-top">
                <td className="py-3">
                  {m.direct || m.roles.length ? (
                    <input
                      type="checkbox"
                      aria-label={`Select ${m.name}`}
                      className="h-6 w-6 accent-brand-700"
                      checked={selected.has(m.id)}
                      onChange={(e) => toggle(m.id, e.target.checked)}
                    />
                  ) : null}
                </td>
                <td className="py-3 pr-4">
                  <span className="font-semibold">{m.name}</span>
                  {m.audience === "external" ? <ExternalBadge /> : null}
                  <br />
                  <span className="break-all text-sm text-gray-700">{m.email}</span>
                </td>
                <td className="py-3 pr-4">
                  {m.roles.length ? m.roles.map(roleName).join(", ") : <span className="text-gray-700">None</span>}
                  {m.inherited.map((i) => (
                    <span key={`${i.role}-${i.from}`} className="block text-sm text-gray-700">
                      {roleName(i.role)} (from {i.from})
                    </span>
                  ))}
                </td>
                <td className="py-3">
                  {m.direct ? "Direct member" : m.roles.length ? "Through a role here" : `Through a role on ${m.inherited[0]?.from ?? "a section above"}: change it there`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
