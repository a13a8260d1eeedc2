"use client";
/**
 * Shared save flow of the account settings forms (content language, e-mail notifications): one request at a time,
 * the busy submit button (`aria-busy`) and the status line ("Saved." / "Could not save.") in the UI's language.
 */
import { useState } from "react";

/** State of one save: nothing yet, running, saved, failed. */
export type SaveStatus = "idle" | "pending" | "done" | "failed";

/**
 * Save state of one settings form.
 * @param request sends the form (e.g. `callApi("PUT", …)`); `ok` false = failed
 * @param onSaved runs after a successful save (e.g. `router.refresh()`)
 * @returns the status, `submit` (form `onSubmit` handler) and `reset` (back to idle after an edit)
 */
export function useSaveStatus(request: () => Promise<{ ok: boolean }>, onSaved?: () => void) {
  const [status, setStatus] = useState<SaveStatus>("idle");
  async function save() {
    setStatus("pending");
    const res = await request();
    setStatus(res.ok ? "done" : "failed");
    if (res.ok) onSaved?.();
  }
  return {
    status,
    submit: (e: React.FormEvent) => {
      e.preventDefault();
      void save();
    },
    reset: () => setStatus("idle"),
  };
}

/** The submit button (busy while saving) and the status line of a settings form. */
export function SaveRow({
  status,
  labels,
}: {
  status: SaveStatus;
  labels: { save: string; saved: string; failed: string };
}) {
  return (
    <div>
      <button type="submit" className="button" disabled={status === "pending"} aria-busy={status === "pending"}>
        {labels.save}
      </button>{" "}
      <span role="status">{status === "done" ? labels.saved : status === "failed" ? labels.failed : ""}</span>
    </div>
  );
}
