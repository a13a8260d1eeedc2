/**
 * Which messages reach the browser (issue 14 item 13). Server components translate on the server; only client
 * components need messages in the browser, and every message given to `NextIntlClientProvider` is serialized
 * into the page's RSC payload (all namespaces together were ~56 KB of every page's HTML). The anonymous
 * routes therefore pass only the namespaces their client components use (`app/_providers/client-messages.tsx`);
 * other routes pass all of them. `client-messages.test.ts` reads the client components of each route from the
 * source and fails when a namespace they use is missing here.
 */

/** Dotted namespaces ("learning.quiz") the client components of each route use. */
export const CLIENT_NAMESPACES = {
  /** the root layout's header (notification bell) — also all a page gets that has no provider of its own (home, catalog) */
  shell: ["qa.notifications"],
  /** `/courses/<slug>` (buy box, reviews, wallet purchase loaded on demand, unlinked purchases) */
  course: ["catalog.buy", "checkout.card", "wallet", "reviews", "auth.wallet", "common.copy"],
  /** `/learn/<slug>`, `/learn/<slug>/<lessonId>` (player: video, PDF viewer, quiz, flashcards, Q&A) */
  learn: ["learning.player", "learning.video", "learning.pdf", "learning.quiz", "learning.flashcards", "qa"],
  /** `/providers/<slug>` (storefront) */
  providers: [],
} as const satisfies Record<string, readonly string[]>;

type Messages = Record<string, unknown>;

const isRecord = (v: unknown): v is Messages => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The part of `messages` under the given dotted namespaces, nested as in `messages` ("auth.wallet" →
 * `{ auth: { wallet: … } }`). Namespaces that do not exist are left out; `messages` is not changed.
 */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const ns of namespaces) {
    const keys = ns.split(".");
    let from: unknown = messages;
    for (const k of keys) from = isRecord(from) ? from[k] : undefined;
    if (from === undefined) continue;
    let to = out;
    for (const k of keys.slice(0, -1)) {
      const next = isRecord(to[k]) ? (to[k] as Messages) : {};
      to[k] = next;
      to = next;
    }
    to[keys[keys.length - 1]!] = from;
  }
  return out;
}
