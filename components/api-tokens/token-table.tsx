"use client";
import { ActionForm, useActionForm, useActionFormState } from "@/components/ui/action-form";
import { revokeAnyApiTokenAction, revokeOwnApiTokenAction } from "@/lib/api-tokens/actions";
import { revokeTokenInput } from "@/lib/api-tokens/schemas";
import type { TokenStatus } from "@/lib/api-tokens/queries";

export interface TokenTableRow {
  id: string;
  name: string;
  scope: "read" | "read-write";
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  status: TokenStatus;
  person?: { name: string; email: string };
}

const date = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const STATUS: Record<TokenStatus, string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

/**
 * D5: tokens, newest first: name, its first characters, what it may do, when it was made, last
 * used and expires, and a Revoke button (with confirmation) for those still active. `anyone`:
 * the webmasters' list of everyone's, with whose each is.
 */
export function TokenTable({ rows, caption, anyone = false }: { rows: TokenTableRow[]; caption: string; anyone?: boolean }) {
  return (
    // A region that takes the focus: on a phone the table scrolls sideways, by keyboard too.
    // Relative: the screen-reader-only labels inside (absolutely placed) stay within it, not
    // widening the page beyond the phone's screen.
    <div role="region" aria-label={caption} tabIndex={0} className="relative mt-4 overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-gray-700">
            <th scope="col" className="py-2 pr-4">Name</th>
            {anyone ? <th scope="col" className="py-2 pr-4">Person</th> : null}
            <th scope="col" className="py-2 pr-4">May</th>
            <th scope="col" className="py-2 pr-4">Made</th>
            <th scope="col" className="py-2 pr-4">Last used</th>
            <th scope="col" className="py-2 pr-4">Expires</th>
            <th scope="col" className="py-2 pr-4">Status</th>
            <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-gray-300 align-top">
              <th scope="row" className="py-2 pr-4 font-semibold">
                {row.name}
                <span className="block font-mono text-sm font-normal text-gray-700">{row.prefix}…</span>
              </th>
              {anyone ? (
                <td className="py-2 pr-4">
                  {row.person?.name}
                  <span className="block text-sm text-gray-700">{row.person?.email}</span>
                </td>
              ) : null}
              <td className="py-2 pr-4">{row.scope === "read" ? "Read" : "Read and write"}</td>
              <td className="py-2 pr-4">{date(row.createdAt)}</td>
              <td className="py-2 pr-4">{row.lastUsedAt ? date(row.lastUsedAt) : "Never"}</td>
              <td className="py-2 pr-4">{date(row.expiresAt)}</td>
              <td className="py-2 pr-4">{STATUS[row.status]}</td>
              <td className="py-2">{row.status === "active" ? <RevokeToken row={row} anyone={anyone} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RevokeToken({ row, anyone }: { row: TokenTableRow; anyone: boolean }) {
  const form = useActionForm(revokeTokenInput, anyone ? revokeAnyApiTokenAction : revokeOwnApiTokenAction, {
    defaultValues: { tokenId: row.id },
    refresh: true,
    onSuccess: () => `Token “${row.name}” revoked.`,
    confirm: () => ({
      title: `Revoke “${row.name}”?`,
      body: (
        <p>
          {anyone && row.person ? `${row.person.name}'s` : "Anything using this"} token stops working at once. This cannot be undone{anyone ? "" : ": make a new token if you need one"}.
        </p>
      ),
      confirmLabel: "Revoke token",
      tone: "danger",
    }),
  });
  return (
    <ActionForm form={form}>
      <RevokeButton name={row.name} />
    </ActionForm>
  );
}

function RevokeButton({ name }: { name: string }) {
  const { busy } = useActionFormState();
  return (
    <button type="submit" disabled={busy} className="min-h-11 rounded border border-red-800 px-3 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60">
      Revoke<span className="sr-only"> {name}</span>
    </button>
  );
}
