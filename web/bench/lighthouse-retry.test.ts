import { describe, expect, it } from "vitest";
import { LighthouseRunError, isTransient, withTransientRetries } from "./lighthouse-retry.ts";

/** A run that fails with the given codes in turn (null = a non-Lighthouse error), then answers "ok". */
function flaky(codes: (string | null)[]) {
  let calls = 0;
  const run = async () => {
    const code = codes[calls++];
    if (code === undefined) return "ok";
    throw code === null ? new Error("socket hang up") : new LighthouseRunError(code, "trace problem");
  };
  return { run, calls: () => calls };
}

describe("bench:lighthouse retries transient trace errors", () => {
  it("retries NO_NAVSTART and NO_FCP and says so", async () => {
    const lines: string[] = [];
    const f = flaky(["NO_NAVSTART", "NO_FCP"]);
    await expect(withTransientRetries("catalog /courses", f.run, (l) => lines.push(l))).resolves.toBe("ok");
    expect(f.calls()).toBe(3);
    expect(lines).toEqual([
      "catalog /courses: Lighthouse stopped with NO_NAVSTART (transient), retrying (1 of 2)",
      "catalog /courses: Lighthouse stopped with NO_FCP (transient), retrying (2 of 2)",
    ]);
  });

  it("gives up after 2 retries with a line naming the page and the code", async () => {
    const lines: string[] = [];
    const f = flaky(["NO_NAVSTART", "NO_NAVSTART", "NO_NAVSTART", "NO_NAVSTART"]);
    await expect(withTransientRetries("home /", f.run, (l) => lines.push(l))).rejects.toThrow(
      "home /: Lighthouse failed with NO_NAVSTART in all 3 attempts — giving up",
    );
    expect(f.calls()).toBe(3);
    expect(lines).toHaveLength(2);
  });

  it("does not retry other failures", async () => {
    const lines: string[] = [];
    const notHtml = flaky(["NOT_HTML"]);
    await expect(withTransientRetries("p", notHtml.run, (l) => lines.push(l))).rejects.toThrow("NOT_HTML");
    const network = flaky([null]);
    await expect(withTransientRetries("p", network.run, (l) => lines.push(l))).rejects.toThrow("socket hang up");
    expect(notHtml.calls() + network.calls()).toBe(2);
    expect(lines).toEqual([]);
  });

  it("recognises Lighthouse's own thrown errors by their code", () => {
    expect(isTransient(Object.assign(new Error("x"), { code: "PROTOCOL_TIMEOUT" }))).toBe(true);
    expect(isTransient(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe(false);
    expect(isTransient(new Error("NO_NAVSTART"))).toBe(false);
    expect(isTransient("NO_NAVSTART")).toBe(false);
  });
});
