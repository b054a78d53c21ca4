import type { ReactNode } from "react";

export interface FigureColumn {
  label: string;
  numeric?: boolean;
}

export interface FigureRow {
  key: string;
  /** The row's header cell (a day, an item). */
  head: ReactNode;
  cells: ReactNode[];
}

/**
 * D1 Q1: a table of figures, the text alternative of the chart before it: a caption that
 * names it, column and row headers with their scope, numbers right-aligned. It scrolls inside
 * its own labelled region (reachable by keyboard), never the page, on a narrow screen.
 */
export function FigureTable({ id, caption, columns, rows, total }: { id: string; caption: ReactNode; columns: FigureColumn[]; rows: FigureRow[]; total?: FigureRow }) {
  const numeric = (i: number) => (columns[i + 1]?.numeric ? "text-right tabular-nums" : "");
  return (
    <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} className="mt-4 relative overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption id={`${id}-caption`} className="pb-2 text-left font-semibold">
          {caption}
        </caption>
        <thead>
          <tr className="border-b-2 border-gray-800">
            {columns.map((c) => (
              <th key={c.label} scope="col" className={`px-2 py-2 align-bottom first:pl-0 ${c.numeric ? "text-right" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-b border-gray-300 align-top">
              <th scope="row" className="py-2 pr-2 font-normal">
                {r.head}
              </th>
              {r.cells.map((cell, i) => (
                <td key={i} className={`px-2 py-2 ${numeric(i)}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot>
            <tr className="border-t-2 border-gray-800 font-semibold">
              <th scope="row" className="py-2 pr-2">
                {total.head}
              </th>
              {total.cells.map((cell, i) => (
                <td key={i} className={`px-2 py-2 ${numeric(i)}`}>
                  {cell}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
