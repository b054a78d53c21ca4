/**
 * When an e-mailed link stops working, written for the reader (welcome P3, own e-mail
 * change, password reset P7): a date, a time and the zone, in the organisation's time zone.
 */
export function linkExpiryText(at: Date): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: process.env.PORTICO_TIME_ZONE || "Europe/London", timeZoneName: "short" }).format(at);
}
