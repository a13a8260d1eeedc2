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
