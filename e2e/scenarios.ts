/**
 * Desktop and phone run at the same time on one database, so a spec that changes data gives
 * each its own people and items: `{ desktop, phone }`, picked by the project's name (the
 * "-changes" projects share their device's scenario).
 */
export function scenarioFor<S extends { desktop: unknown; phone: unknown }>(scenarios: S, projectName: string): S["desktop"] | S["phone"] {
  return projectName.replace("-changes", "") === "phone" ? scenarios.phone : scenarios.desktop;
}
