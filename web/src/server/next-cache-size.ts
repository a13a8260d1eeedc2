/**
 * `NEXT_CACHE_MAX_MEMORY_MB`: the size of Next.js' in-memory cache (`cacheMaxMemorySize`: the data/fetch cache that
 * holds the anonymous page cache's HTML, and rendered route results), in MiB. Unset = Next.js' default (50 MiB);
 * 0 = no in-memory copy (every cache read comes from `.next/cache` on disk). Read by next.config.ts (`next start`,
 * `next dev`) and, for the standalone server of the self-host image, by the line selfhost/scripts/assemble.mjs adds
 * to its server.js — so it is a run-time setting in both. Validated here (one rule for both readers and env.ts).
 */
import { z } from "zod";

/** The accepted values: a whole number of MiB, 0 … 1024. */
export const nextCacheMaxMemoryMb = z.coerce.number().int().min(0).max(1024);

/**
 * The `cacheMaxMemorySize` for next.config in bytes, or undefined (Next.js' default) when the variable is unset/empty.
 * @throws Error naming the variable when the value is not a whole number of MiB in 0 … 1024
 */
export function cacheMaxMemoryBytes(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const r = nextCacheMaxMemoryMb.safeParse(value);
  if (!r.success)
    throw new Error(
      `NEXT_CACHE_MAX_MEMORY_MB must be a whole number of MiB from 0 to 1024, got ${JSON.stringify(value)}`,
    );
  return r.data * 1024 * 1024;
}
