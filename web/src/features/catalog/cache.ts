/**
 * A small in-process cache for anonymous catalog reads (identical for every visitor): entries live `ttlMs`
 * milliseconds, at most `max` are kept (oldest evicted first), and concurrent misses for one key share one
 * load (no stampede). Each replica has its own cache, so a change shows up after at most `ttlMs`.
 */
export interface TtlCache<V> {
  /** The cached value of `key`, or the result of `load()` (cached when it resolves; failures are not cached). */
  get(key: string, load: () => Promise<V>): Promise<V>;
  clear(): void;
  readonly size: number;
}

/**
 * Creates a cache.
 * @param ttlMs time to live of an entry in milliseconds
 * @param max maximum number of entries
 * @param now clock in milliseconds (tests pass a fake)
 */
export function createTtlCache<V>(ttlMs: number, max: number, now: () => number = Date.now): TtlCache<V> {
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      if (hit) entries.delete(key);
      const value = load();
      entries.set(key, { at: now(), value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      while (entries.size > max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return value;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
