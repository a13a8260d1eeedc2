import { Suspense, type ReactNode } from "react";

/**
 * Server-rendered content that the browser hydrates after the rest of the page, in slices of a few milliseconds
 * instead of inside one long task: React leaves a server-rendered Suspense boundary dehydrated during the first
 * hydration and hydrates it later at idle priority, yielding in between (a click inside it hydrates it at once and
 * is replayed). Lighthouse's total blocking time, issue 14 item 13.
 *
 * Only for content that never suspends while the server renders it — synchronous server components and client
 * components the page loads anyway (links, images). Content that suspends (an async server component, a lazily
 * loaded client component) would be streamed after the rest of the page and shown only once JavaScript runs.
 */
export function DeferredHydration({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}
