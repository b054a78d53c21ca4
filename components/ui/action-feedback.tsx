/**
 * What a row of buttons answered: the success announced to screen readers (and shown),
 * the refusal as an alert. Lists whose rows each carry actions (members, requests,
 * invitations) show one of these above the list rather than a form's error summary.
 */
export function ActionFeedback({ status, error }: { status: string; error: string | null }) {
  return (
    <>
      <p role="status" className={status ? "mt-3 border-l-4 border-green-700 bg-green-50 p-3" : "sr-only"}>
        {status}
      </p>
      {error ? (
        <p role="alert" className="mt-3 border-l-4 border-red-700 pl-3 font-semibold text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}
