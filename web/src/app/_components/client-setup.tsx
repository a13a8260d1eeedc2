"use client";
/**
 * Client-wide settings every page needs, evaluated once when the root layout's client bundle loads.
 *
 * Zod 4 probes `new Function("")` to decide whether it may compile validators; under our CSP (no
 * 'unsafe-eval' in production) that probe is blocked and reported as a CSP violation. Interpreted
 * validation is all the browser needs (forms), so the probe is switched off for the whole client bundle.
 * Zod keeps its global config on `globalThis.__zod_globalConfig` (shared by every zod copy, created by zod
 * with `??=`), so the flag is set there without loading zod on pages that never validate anything
 * (the anonymous catalog's JavaScript budget, issue 14 item 13).
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(holder.__zod_globalConfig ??= {}).jitless = true;

/** Renders nothing; importing it applies the settings above. */
export function ClientSetup() {
  return null;
}
