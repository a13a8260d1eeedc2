"use client";
/**
 * The course editor's tabs (WAI-ARIA tabs pattern: arrow keys move between tabs, Home/End jump): one panel
 * visible at a time; the chosen tab is kept in the URL hash (`#pricing`), so a reload or a link opens it.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import styles from "./studio.module.css";

export interface EditorTab {
  id: string;
  label: string;
  content: ReactNode;
}

export function EditorTabs({ tabs, label }: { tabs: EditorTab[]; label: string }) {
  const [active, setActive] = useState(tabs[0]!.id);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    const fromHash = window.location.hash.slice(1);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the hash exists only in the browser
    if (tabs.some((t) => t.id === fromHash)) setActive(fromHash);
  }, [tabs]);

  function choose(id: string, focus = false) {
    setActive(id);
    window.history.replaceState(null, "", `#${id}`);
    if (focus) refs.current[tabs.findIndex((t) => t.id === id)]?.focus();
  }

  function onKey(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    const next =
      e.key === "ArrowRight"
        ? (i + 1) % tabs.length
        : e.key === "ArrowLeft"
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    choose(tabs[next]!.id, true);
  }

  return (
    <div>
      <div role="tablist" aria-label={label} className={styles.tabs}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            className={styles.tab}
            onClick={() => choose(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" id={`panel-${t.id}`} aria-labelledby={`tab-${t.id}`} hidden={active !== t.id}>
          {t.content}
        </div>
      ))}
    </div>
  );
}
