import { mkdtempSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startHeartbeat } from "./heartbeat.ts";

describe("worker heartbeat", () => {
  it("touches the file at once and again every interval, until stopped", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "hb-")), "beat");
    const hb = startHeartbeat(
      file,
      (err) => {
        throw err;
      },
      50,
    );
    await new Promise((r) => setTimeout(r, 20));
    const first = statSync(file).mtimeMs;
    expect(Date.parse(await readFile(file, "utf8"))).toBeGreaterThan(Date.now() - 5_000);
    await new Promise((r) => setTimeout(r, 150));
    expect(statSync(file).mtimeMs).toBeGreaterThan(first);
    hb.stop();
    const last = statSync(file).mtimeMs;
    await new Promise((r) => setTimeout(r, 150));
    expect(statSync(file).mtimeMs).toBe(last);
  });

  it("reports a write error and keeps going", async () => {
    const errors: unknown[] = [];
    const hb = startHeartbeat("/nonexistent-dir/beat", (err) => errors.push(err), 30);
    await new Promise((r) => setTimeout(r, 100));
    hb.stop();
    expect(errors.length).toBeGreaterThan(1);
  });
});
