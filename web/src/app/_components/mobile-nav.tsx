"use client";
import { usePathname } from "next/navigation";
import { useEffect, useId, useState, useSyncExternalStore, type ReactNode } from "react";

const noSubscription = () => () => undefined;

/**
 * Collapsible site navigation. On wide screens (> 860 px, see globals.css `.site-nav`) the links show
 * inline and the toggle is hidden; on phones the toggle ("Menu") opens the links as a full-width panel
 * below the header. The panel closes on navigation and on Escape. The panel is collapsed from the first
 * paint (no layout shift when the page hydrates); without JavaScript the root layout's `<noscript>` style
 * shows the links instead. `data-ready` marks the hydrated menu.
 */
export function MobileNav({
  label,
  openLabel,
  closeLabel,
  children,
}: {
  /** Accessible name of the `<nav>` landmark. */
  label: string;
  /** Toggle text while the menu is closed. */
  openLabel: string;
  /** Toggle text while the menu is open. */
  closeLabel: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  // The menu is open for the page it was opened on: navigating elsewhere closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  // false in the server render and during hydration, true afterwards.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpenOn(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button
        type="button"
        className="nav-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" className="nav-toggle-icon" />
        {open ? closeLabel : openLabel}
      </button>
      <nav
        id={id}
        className="site-nav"
        aria-label={label}
        data-open={open}
        data-ready={ready}
        onClick={(e) => {
          // A followed link closes the menu, also when it leads to the same path (e.g. a new search).
          if (e.target instanceof Element && e.target.closest("a")) setOpenOn(null);
        }}
      >
        {children}
      </nav>
    </>
  );
}
