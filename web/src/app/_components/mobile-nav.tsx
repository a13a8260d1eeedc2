"use client";
import { usePathname } from "next/navigation";
import { useEffect, useId, useState, type ReactNode } from "react";

/**
 * Collapsible site navigation. On wide screens (> 860 px, see globals.css `.site-nav`) the links show
 * inline and the toggle is hidden; on phones the toggle ("Menu") opens the links as a full-width panel
 * below the header. The panel closes on navigation and on Escape. Without JavaScript the links stay
 * reachable: the panel is only collapsed once this component has hydrated (`data-ready`).
 */
export function MobileNav({ label, openLabel, closeLabel, children }: {
  /** Accessible name of the `<nav>` landmark. */
  label: string;
  /** Toggle text while the menu is closed. */
  openLabel: string;
  /** Toggle text while the menu is open. */
  closeLabel: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [ready, setReady] = useState(false);
  const pathname = usePathname();
  const id = useId();
  useEffect(() => setReady(true), []);
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
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
        onClick={() => setOpen((v) => !v)}
      >
        <span aria-hidden="true" className="nav-toggle-icon" />
        {open ? closeLabel : openLabel}
      </button>
      <nav id={id} className="site-nav" aria-label={label} data-open={open} data-ready={ready}>
        {children}
      </nav>
    </>
  );
}
