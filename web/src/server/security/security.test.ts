import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonBody, route } from "../http.ts";
import { readBodyText } from "./body.ts";
import { clientAddress, DIRECT_CLIENT } from "./client-ip.ts";
import { checkCsrf } from "./csrf.ts";
import {
  contentSecurityPolicy,
  mediaOrigins,
  securityConfig,
  securityHeaders,
  type SecurityConfig,
} from "./headers.ts";

const cfg: SecurityConfig = {
  appUrl: "https://academy.example",
  mediaOrigins: ["https://media.example"],
  connectOrigins: ["https://rpc.example"],
  frameOrigins: [],
  dev: false,
};

/** A body stream that yields `chunks` chunks of `size` bytes and records how many were pulled. */
function countingStream(chunks: number, size: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let n = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (n >= chunks) return controller.close();
      n++;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, pulled: () => n };
}

describe("Content-Security-Policy", () => {
  it("page policy: nonce + strict-dynamic, no unsafe-inline/eval scripts in production, media limited", () => {
    const csp = contentSecurityPolicy("page", cfg, "abc123==");
    const directive = (name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";
    expect(directive("script-src")).toBe("script-src 'nonce-abc123==' 'strict-dynamic'");
    expect(directive("img-src")).toBe("img-src 'self' data: blob: https://media.example");
    expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(directive("connect-src")).toBe("connect-src 'self' https://rpc.example https://media.example");
    expect(csp).toContain("upgrade-insecure-requests");
  });

  it("page policy admits the PDF viewer: pdf.js' worker from our origin, its fetch of media that redirect to storage", () => {
    const csp = contentSecurityPolicy("page", cfg, "n");
    const sources = (name: string) => (csp.split("; ").find((d) => d.startsWith(`${name} `)) ?? "").split(" ").slice(1);
    // new Worker("/api/pdfjs/<version>/worker.mjs") is same-origin: 'self' — no CDN origin is ever listed
    expect(sources("worker-src")).toEqual(["'self'", "blob:"]);
    // /api/media/<id> answers S3/IPFS media with a redirect to the media origin, which the fetch follows
    expect(sources("connect-src")).toContain("https://media.example");
    // scripts stay nonce-only: the worker is no <script>, and nothing else was opened up for it
    expect(sources("script-src")).toEqual(["'nonce-n'", "'strict-dynamic'"]);
  });

  it("development adds unsafe-eval (React dev tooling) but never unsafe-inline scripts", () => {
    const script = contentSecurityPolicy("page", { ...cfg, dev: true }, "n").split("; ")[1];
    expect(script).toBe("script-src 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
  });

  it("API responses allow nothing; media are sandboxed and frameable by nobody (PDFs are drawn by pdf.js)", () => {
    expect(contentSecurityPolicy("api", cfg)).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    const media = contentSecurityPolicy("media", cfg);
    expect(media).toContain("sandbox");
    expect(media).toContain("frame-ancestors 'none'");
  });

  it("pages frame only their own origin — not media origins —, plus WalletConnect's Verify frame when it is on", () => {
    const frameSrc = (c: typeof cfg) =>
      contentSecurityPolicy("page", c, "n")
        .split("; ")
        .find((d) => d.startsWith("frame-src "));
    expect(frameSrc(cfg)).toBe("frame-src 'self'");
    type Env = Parameters<typeof securityConfig>[0];
    const env = {
      APP_URL: "https://academy.example",
      RPC_URL: "http://127.0.0.1:8545",
      NODE_ENV: "production",
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "b",
      S3_REGION: "eu-central-1",
      S3_FORCE_PATH_STYLE: false,
      MEDIA_ORIGINS: ["https://cdn.example"],
    } as unknown as Env;
    expect(frameSrc(securityConfig(env))).toBe("frame-src 'self'");
    const wc = securityConfig({ ...env, NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: "p" });
    expect(frameSrc(wc)).toBe("frame-src 'self' https://verify.walletconnect.com https://verify.walletconnect.org");
  });

  it("HSTS only when APP_URL is https; the other headers always", () => {
    const https = securityHeaders("api", cfg);
    expect(https["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
    const http = securityHeaders("api", { ...cfg, appUrl: "http://localhost:3000" });
    expect(http["Strict-Transport-Security"]).toBeUndefined();
    expect(http).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
    expect(http["Permissions-Policy"]).toContain("camera=()");
  });

  it("media origins come from the storage settings", () => {
    const base = { S3_FORCE_PATH_STYLE: false, MEDIA_ORIGINS: ["https://cdn.example"] };
    expect(mediaOrigins({ ...base, STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_REGION: "eu-central-1" })).toEqual([
      "https://cdn.example",
      "https://b.s3.eu-central-1.amazonaws.com",
    ]);
    expect(
      mediaOrigins({
        ...base,
        STORAGE_DRIVER: "s3",
        S3_BUCKET: "b",
        S3_ENDPOINT: "http://127.0.0.1:9000",
        S3_FORCE_PATH_STYLE: true,
      }),
    ).toContain("http://127.0.0.1:9000");
    expect(mediaOrigins({ ...base, STORAGE_DRIVER: "ipfs", IPFS_GATEWAY_URL: "https://ipfs.io/x" })).toContain(
      "https://ipfs.io",
    );
  });
});

describe("CSRF check", () => {
  const app = "http://localhost:3000";
  const h = (init: Record<string, string>) => new Headers(init);
  it("allows same-origin and non-browser callers, refuses foreign origins and cross-site fetches", () => {
    expect(checkCsrf("POST", h({ origin: "http://localhost:3000" }), app)).toBeNull();
    expect(checkCsrf("DELETE", h({ origin: "http://evil.example" }), app)).toBe("cross_origin");
    expect(checkCsrf("POST", h({ origin: "null" }), app)).toBe("cross_origin");
    expect(checkCsrf("POST", h({ "sec-fetch-site": "cross-site" }), app)).toBe("cross_site");
    expect(checkCsrf("POST", h({ "sec-fetch-site": "same-site" }), app)).toBe("cross_site");
    expect(checkCsrf("POST", h({ "sec-fetch-site": "same-origin" }), app)).toBeNull();
    expect(checkCsrf("POST", h({}), app)).toBeNull();
    expect(checkCsrf("GET", h({ origin: "http://evil.example" }), app)).toBeNull();
  });
});

describe("client address", () => {
  const xff = (v: string) => new Headers({ "x-forwarded-for": v });
  it("ignores X-Forwarded-For unless TRUST_PROXY names the hops", () => {
    expect(clientAddress(xff("1.2.3.4"), 0)).toBe(DIRECT_CLIENT);
    expect(clientAddress(xff("6.6.6.6, 1.2.3.4"), 1)).toBe("1.2.3.4");
    expect(clientAddress(xff("6.6.6.6, 1.2.3.4, 10.0.0.1"), 2)).toBe("1.2.3.4");
    expect(clientAddress(xff("1.2.3.4"), 3)).toBe("1.2.3.4");
    expect(clientAddress(xff("not-an-ip\r\n"), 1)).toBe(DIRECT_CLIENT);
    expect(clientAddress({ "x-forwarded-for": ["2001:DB8::1"] }, 1)).toBe("2001:db8::1");
  });
});

describe("bounded bodies", () => {
  it("refuses a declared oversize body with 413 before reading it", async () => {
    const { stream, pulled } = countingStream(1000, 1024);
    const req = new Request("http://x/api", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(150 * 1024 * 1024) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const res = await route(async (r: Request) => {
      await jsonBody(r, z.object({}));
      return new Response("unreachable");
    })(req);
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    expect((await res.json()).error.code).toBe("payload_too_large");
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops reading an undeclared (chunked) body at the limit instead of draining it", async () => {
    const { stream, pulled } = countingStream(150 * 1024, 1024); // 150 MB if drained
    const req = new Request("http://x/api", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    await expect(readBodyText(req, 64 * 1024)).rejects.toMatchObject({ status: 413 });
    expect(pulled()).toBeLessThan(70);
  });

  it("applies the route's own limit to jsonBody", async () => {
    const body = JSON.stringify({ text: "x".repeat(2000) });
    const make = () =>
      new Request("http://x/api", { method: "POST", headers: { "content-type": "application/json" }, body });
    const small = route(async (r: Request) => Response.json(await jsonBody(r, z.object({ text: z.string() }))), {
      maxBodyBytes: 1000,
    });
    expect((await small(make())).status).toBe(413);
    const normal = route(async (r: Request) => Response.json(await jsonBody(r, z.object({ text: z.string() }))));
    expect((await normal(make())).status).toBe(200);
  });
});

describe("route() wrapper", () => {
  it("refuses cross-origin state changes with 403 and puts security headers on every answer", async () => {
    const handler = route(async (_req: Request) => Response.json({ ok: true }));
    const foreign = await handler(
      new Request("http://localhost:3000/api/x", { method: "POST", headers: { origin: "https://evil.example" } }),
    );
    expect(foreign.status).toBe(403);
    const ok = await handler(new Request("http://localhost:3000/api/x", { method: "POST" }));
    expect(ok.status).toBe(200);
    for (const res of [foreign, ok]) {
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
  });

  it("copies immutable responses (redirects) to add the headers", async () => {
    const res = await route(async (_req: Request) => Response.redirect("https://bucket.example/x", 302), {
      policy: "media",
    })(new Request("http://localhost:3000/api/media/x"));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://bucket.example/x");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
  });
});
