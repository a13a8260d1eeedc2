import { describe, expect, it } from "vitest";
import { actionHostMismatch, checkActionPayload, MAX_ACTION_ARGS } from "./server-action.ts";

const text = (s: string) => checkActionPayload("text/plain;charset=UTF-8", new TextEncoder().encode(s));

/** A multipart payload as React's `encodeReply` sends it (fields named by part id). */
async function multipart(fields: Record<string, string | Blob>): Promise<string | null> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const req = new Request("http://x/", { method: "POST", body: form });
  return checkActionPayload(req.headers.get("content-type"), new Uint8Array(await req.arrayBuffer()));
}

describe("server action payloads (what React's decodeReply can decode)", () => {
  it("accepts what React's client encodes for plain arguments", async () => {
    expect(await text('["de"]')).toBeNull();
    expect(await text("[]")).toBeNull();
    expect(
      await text('[1,true,null,{"a":[1,"x"]},"$$escaped","$undefined","$NaN","$Infinity","$-Infinity"]'),
    ).toBeNull();
    expect(await text('["$-0","$D2026-01-01T00:00:00.000Z","$n-12345678901234567890","$T","$K1"]')).toBeNull();
    expect(await text('["a", 2]')).toBeNull();
  });

  it("refuses what Next.js would answer with 500", async () => {
    for (const bad of [
      "{{{", // not JSON
      "", // empty
      "5", // arguments not a list
      '"de"',
      '{"a":1}',
      '["$1"]', // a part that does not exist
      '["$Q2"]',
      '["$@1"]', // a promise
      '["$h1"]', // a server reference
      '["$nabc"]', // BigInt of no number
      '["$A1"]', // typed array
      '["$B1"]', // blob
      '["$R1"]', // stream
      '["$1:a:b"]', // property path
      '[{"__proto__":{"x":1}}]',
      '[{"constructor":{"prototype":{}}}]',
      `[${"[".repeat(5000)}${"]".repeat(5000)}]`, // deeper than React's decoder's stack
      JSON.stringify(Array.from({ length: MAX_ACTION_ARGS + 1 }, () => 0)),
    ]) {
      expect(await text(bad), bad.slice(0, 40)).toEqual(expect.any(String));
    }
  });

  it("follows references between the parts of a multipart payload", async () => {
    expect(await multipart({ "0": '["$1","$Q2","$W3"]', "1": '{"a":1}', "2": '[["k","v"]]', "3": "[1,2]" })).toBeNull();
    // A reference cycle is checked once, not forever.
    expect(await multipart({ "0": '["$1"]', "1": '{"self":"$1"}' })).toBeNull();
    expect(await multipart({ "0": '["$1"]' })).toMatch(/part 1 is missing/);
    expect(await multipart({ "0": '["$1"]', "1": "{oops" })).toMatch(/part 1 is not JSON/);
    expect(await multipart({ "0": '["$Q1"]', "1": "[1,2]" })).toMatch(/pairs/);
    expect(await multipart({ "0": '["$1"]', "1": new Blob(["{}"]) })).toMatch(/part 1 is missing/);
    expect(await multipart({ "1": "[]" })).toMatch(/no argument list/);
    expect(await multipart({ "0": '{"a":1}' })).toMatch(/not a list/);
  });

  it("refuses a multipart body that cannot be read", async () => {
    const bytes = new TextEncoder().encode("garbage");
    expect(await checkActionPayload("multipart/form-data; boundary=x", bytes)).toMatch(/cannot be read/);
  });
});

describe("Origin against Host (Next.js's own action CSRF rule)", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it("passes a matching or absent Origin", () => {
    expect(actionHostMismatch(h({ host: "localhost:3000", origin: "http://localhost:3000" }))).toBe(false);
    expect(actionHostMismatch(h({ host: "localhost:3000" }))).toBe(false);
    expect(
      actionHostMismatch(
        h({ host: "10.0.0.5:3000", "x-forwarded-host": "academy.example", origin: "https://academy.example" }),
      ),
    ).toBe(false);
  });
  it("flags another host, a garbled Origin and `null`", () => {
    expect(actionHostMismatch(h({ host: "other:3000", origin: "http://localhost:3000" }))).toBe(true);
    expect(actionHostMismatch(h({ host: "localhost:3000", origin: "::::" }))).toBe(true);
    expect(actionHostMismatch(h({ host: "localhost:3000", origin: "null" }))).toBe(true);
    expect(actionHostMismatch(h({ origin: "http://localhost:3000" }))).toBe(true);
  });
});
