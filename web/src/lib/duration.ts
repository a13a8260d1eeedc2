/** Durations for display (pure: server and client). */

/**
 * Splits a duration into whole hours and the remaining minutes, rounding to the nearest minute
 * (anything above 0 s shows at least 1 minute).
 * @param seconds non-negative seconds
 */
export function splitDuration(seconds: number): { hours: number; minutes: number } {
  const total = seconds <= 0 ? 0 : Math.max(1, Math.round(seconds / 60));
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

/**
 * An HTML/ISO 8601 duration string for `<time dateTime>` ("PT1H5M3S"; "PT0S" for 0).
 * @param seconds non-negative seconds (fractions are rounded)
 */
export function isoDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const parts = `${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s || total === 0 ? `${s}S` : ""}`;
  return `PT${parts}`;
}
