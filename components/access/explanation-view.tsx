/**
 * B1: an explanation shown: the verdict, then every path that grants it (in words and as a
 * chain), or what blocks it and the smallest changes that would grant it. No hooks: the
 * explainer page renders it on the server, the panels in the browser.
 */
import Link from "next/link";
import type { Explanation } from "@/lib/access/explain/types";
import { ExternalBadge } from "@/components/ui/external-badge";
import { type ChainLink, blockWords, pathChain, pathWords, remedyWords, verdictWords } from "./explain-words";

export function ExplanationView({ explanation, headingLevel = 2 }: { explanation: Explanation; headingLevel?: 2 | 3 }) {
  const e = explanation;
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  const person = e.person.name;
  return (
    <section aria-label={`Why ${person} ${e.canView ? "can" : "cannot"} view ${e.target.title}`} className="mt-4 space-y-4" data-testid="explanation">
      <H className={`border-l-4 p-3 text-lg font-semibold ${e.canView ? "border-green-700 bg-green-50" : "border-red-700 bg-red-50"}`}>
        <span className="sr-only">{e.canView ? "Yes: " : "No: "}</span>
        {verdictWords(e)}
      </H>
      <p className="text-sm text-gray-700">
        {person} is {e.person.isWebmaster ? "a webmaster" : e.person.audience === "external" ? "an external person" : "an organisational person"}
        {e.person.audience === "external" ? <ExternalBadge /> : null}.
        {e.person.blocked ? " Their account is blocked: they cannot sign in now, and this is what they would see once unblocked." : null}
      </p>
      {e.paths.length ? (
        <div>
          <Sub className="font-semibold">{e.paths.length === 1 ? "The one way they have access" : `Every way they have access (${e.paths.length})`}</Sub>
          <ol className="mt-2 space-y-3">
            {e.paths.map((path, i) => (
              <li key={i} className="rounded border border-gray-300 p-3">
                <p>{pathWords(path, person)}</p>
                <Chain links={pathChain(path, person, e.target)} />
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {e.blocks.length ? (
        <div>
          <Sub className="font-semibold">What stops it</Sub>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {e.blocks.map((block, i) => (
              <li key={i}>{blockWords(block, person)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {e.remedies.length ? (
        <div>
          <Sub className="font-semibold">Any one of these would give access</Sub>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {e.remedies.map((remedy, i) => {
              const { text, href } = remedyWords(remedy, person);
              return (
                <li key={i}>
                  {text}{" "}
                  {href ? (
                    <Link href={href} className="text-brand-700 underline">
                      Go there
                      <span className="sr-only">: {text}</span>
                    </Link>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Chain({ links }: { links: ChainLink[] }) {
  return (
    <ol aria-label="As a chain" className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-gray-800">
      {links.map((link, i) => (
        <li key={i} className="flex items-center gap-2">
          {i > 0 ? <span aria-hidden="true">→</span> : null}
          {link.href ? (
            <Link href={link.href} className="text-brand-700 underline">
              {link.label}
            </Link>
          ) : (
            <span className="font-semibold">{link.label}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
