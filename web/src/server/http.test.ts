import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, errorResponse, jsonBody, route } from "./http.ts";

const schema = z.object({ title: z.string().min(3), price: z.number().int().nonnegative() });

describe("http conventions", () => {
  it("maps validation failures to 400 with per-field messages", async () => {
    const req = new Request("http://x/api", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "a", price: -1 }),
    });
    const res = await route(async () => {
      await jsonBody(req, schema);
      return new Response("unreachable");
    })();
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("validation_failed");
    expect(Object.keys(body.error.fields).sort()).toEqual(["price", "title"]);
  });

  it("rejects non-JSON bodies with 415 and malformed JSON with 400", async () => {
    const asText = new Request("http://x", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    await expect(jsonBody(asText, schema)).rejects.toMatchObject({ code: "unsupported_media_type", status: 415 });
    const broken = new Request("http://x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    await expect(jsonBody(broken, schema)).rejects.toMatchObject({ code: "bad_request", status: 400 });
  });

  it("hides internal errors behind a generic 500", async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const res = errorResponse(new Error("db password is hunter2"));
      expect(res.status).toBe(500);
      expect(JSON.stringify(await res.json())).not.toContain("hunter2");
    } finally {
      console.error = original;
    }
    expect(new ApiError("conflict", "x").status).toBe(409);
  });
});

describe("transient database conflicts", () => {
  it("answer 503 with Retry-After (retry the request), everything else unknown stays 500", async () => {
    const { errorResponse, isTransientDbError } = await import("./http");
    const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
    const prismaConflict = Object.assign(new Error("write conflict"), { code: "P2034" });
    const wrapped = new Error("tx failed", { cause: Object.assign(new Error("x"), { meta: { code: "40001" } }) });
    for (const e of [deadlock, prismaConflict, wrapped]) expect(isTransientDbError(e)).toBe(true);
    expect(isTransientDbError(new Error("boom"))).toBe(false);
    const res = errorResponse(deadlock);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable");
    expect(errorResponse(new Error("boom")).status).toBe(500);
  });
});

describe("unreachable upstream services", () => {
  it("answer 503 with Retry-After when the chain RPC or Stripe cannot be reached", async () => {
    const { createPublicClient, http } = await import("viem");
    const { errorResponse, isUpstreamUnavailable } = await import("./http");
    // A real viem transport failure: nothing listens on port 9.
    const client = createPublicClient({ transport: http("http://127.0.0.1:9", { retryCount: 0 }) });
    const rpcError = await client.getBlockNumber().catch((e: unknown) => e);
    expect(isUpstreamUnavailable(rpcError)).toBe(true);
    const stripe = Object.assign(new Error("connect ECONNREFUSED"), { type: "StripeConnectionError" });
    expect(isUpstreamUnavailable(new Error("wrapped", { cause: stripe }))).toBe(true);
    expect(isUpstreamUnavailable(new Error("boom"))).toBe(false);
    const res = errorResponse(rpcError);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable");
  });
});
