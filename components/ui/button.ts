/** Button looks shared by every form, so actions read the same everywhere. */
export const buttonClass = {
  primary:
    "inline-flex min-h-11 items-center justify-center rounded bg-brand-700 px-5 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800 disabled:opacity-70",
  secondary: "inline-flex min-h-11 items-center justify-center rounded border-2 border-gray-800 bg-white px-4 py-2 font-semibold text-gray-900 hover:bg-gray-100 disabled:opacity-70",
  danger: "inline-flex min-h-11 items-center justify-center rounded bg-red-700 px-5 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-red-800 disabled:opacity-70",
  link: "inline-flex min-h-11 items-center text-brand-700 underline",
} as const;
