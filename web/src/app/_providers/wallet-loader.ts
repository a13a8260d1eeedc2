/**
 * On-demand loading of the wallet libraries (issue 14 item 13): a page store saying whether wagmi, RainbowKit and
 * react-query have been asked for on this page load, and whether the learner asked to connect. Nothing here imports
 * a wallet library; {@link LazyWalletScope} and its placeholders read this store and load `wallet-island.tsx` (the
 * libraries) only after {@link loadWallet}.
 */

interface LoaderState {
  /** the wallet island was asked for (stays true for the page's life: the chunk is in the browser then) */
  requested: boolean;
  /** a connect click is waiting for the island's connect dialog (consumed once by {@link takePendingConnect}) */
  pendingConnect: boolean;
}

let state: LoaderState = { requested: false, pendingConnect: false };
const listeners = new Set<() => void>();

/** Subscribes to changes of the loader state (useSyncExternalStore). */
export function subscribeWallet(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the wallet libraries were asked for on this page load. */
export function walletRequested(): boolean {
  return state.requested;
}

/**
 * Asks for the wallet libraries.
 * @param connect true when the learner clicked a connect/pay button: the island opens the connect dialog once loaded
 */
export function loadWallet(connect: boolean): void {
  const next = { requested: true, pendingConnect: state.pendingConnect || connect };
  if (next.requested === state.requested && next.pendingConnect === state.pendingConnect) return;
  state = next;
  for (const l of listeners) l();
}

/** Returns (and clears) a waiting connect request; the first island that can open the connect dialog takes it. */
export function takePendingConnect(): boolean {
  if (!state.pendingConnect) return false;
  state = { ...state, pendingConnect: false };
  return true;
}

/**
 * Whether this browser had a wallet connected on an earlier visit (wagmi's persisted store, `localStorage`
 * key `wagmi.store`, has a current connection): then the libraries load right away so the connection is restored
 * as before. Unreadable storage counts as no.
 */
export function hadWalletConnection(storage: Pick<Storage, "getItem"> | undefined): boolean {
  try {
    const raw = storage?.getItem("wagmi.store");
    if (!raw) return false;
    const parsed = JSON.parse(raw) as { state?: { current?: unknown } } | null;
    return typeof parsed?.state?.current === "string" && parsed.state.current !== "";
  } catch {
    return false;
  }
}

/** Test hook: back to the initial state. */
export function resetWalletLoader(): void {
  state = { requested: false, pendingConnect: false };
  for (const l of listeners) l();
}
