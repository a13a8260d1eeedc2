"use client";
/**
 * Client-wide settings every page needs, evaluated once when the root layout's client bundle loads.
 *
 * Zod 4 probes `new Function("")` to decide whether it may compile validators; under our CSP (no
 * 'unsafe-eval' in production) that probe is blocked and reported as a CSP violation. Interpreted
 * validation is all the browser needs (forms), so the probe is switched off for the whole client bundle.
 * Only zod's small core config module is imported (the flag lives on `globalThis`, shared by every zod copy).
 */
import { config } from "zod/v4/core";

config({ jitless: true });

/** Renders nothing; importing it applies the settings above. */
export function ClientSetup() {
  return null;
}
