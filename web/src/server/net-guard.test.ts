import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  allowList,
  installNetGuard,
  isAllowedAddress,
  isAllowedUrl,
  OFFLINE_REFUSED,
  parseLanNetworks,
  type RefusedConnection,
} from "./net-guard.ts";

describe("allow list", () => {
  const list = allowList(parseLanNetworks("192.168.0.0/16, fd00::/8"));
  it("allows loopback and the configured LAN ranges only", () => {
    expect(isAllowedAddress(list, "127.0.0.1")).toBe(true);
    expect(isAllowedAddress(list, "127.8.9.10")).toBe(true);
    expect(isAllowedAddress(list, "::1")).toBe(true);
    expect(isAllowedAddress(list, "::ffff:127.0.0.1")).toBe(true);
    expect(isAllowedAddress(list, "192.168.4.20")).toBe(true);
    expect(isAllowedAddress(list, "fd12::1")).toBe(true);
    expect(isAllowedAddress(list, "10.0.0.1")).toBe(false);
    expect(isAllowedAddress(list, "93.184.216.34")).toBe(false);
    expect(isAllowedAddress(list, "2606:4700::1111")).toBe(false);
  });
  it("checks URLs without resolving names", () => {
    expect(isAllowedUrl("http://localhost:5001", [])).toBe(true);
    expect(isAllowedUrl("http://[::1]:5001", [])).toBe(true);
    expect(isAllowedUrl("https://ipfs.io", [])).toBe(false);
    expect(isAllowedUrl("http://192.168.1.5:9000", parseLanNetworks("192.168.0.0/16"))).toBe(true);
  });
  it("rejects malformed ranges", () => {
    expect(() => parseLanNetworks("192.168.0.0/33")).toThrow(/invalid prefix/);
    expect(() => parseLanNetworks("lan")).toThrow(/not an IP range/);
  });
});

describe("installNetGuard", () => {
  const refused: RefusedConnection[] = [];
  let server: http.Server;
  let port: number;
  let guard: { restore(): void };
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end("local"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
    guard = installNetGuard({ lan: [], onRefused: (r) => refused.push(r) });
  });
  afterAll(async () => {
    guard.restore();
    await new Promise((r) => server.close(r));
  });

  it("lets fetch reach loopback (IP and localhost)", async () => {
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("local");
    expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe("local");
  });

  it("refuses fetch to a public address before connecting, and logs it", async () => {
    const err = await fetch("http://93.184.216.34:81/").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const cause = (err as { cause?: { code?: string } }).cause;
    expect(cause?.code).toBe(OFFLINE_REFUSED);
    expect(refused).toContainEqual({ host: "93.184.216.34", port: 81, address: "93.184.216.34" });
  });

  it("refuses http.get to a LAN address that is not configured", async () => {
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
      http.get("http://10.1.2.3:8080/", () => resolve(new Error("connected"))).on("error", resolve);
    });
    expect(err.code).toBe(OFFLINE_REFUSED);
    expect(refused.some((r) => r.address === "10.1.2.3")).toBe(true);
  });

  it("refuses a host name that resolves outside the allowed ranges", async () => {
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const req = http.request({
        host: "public.example",
        port: 80,
        lookup: (_h, _o, cb) => cb(null, [{ address: "203.0.113.7", family: 4 }]),
      });
      req.on("error", resolve).end();
    });
    expect(err.code).toBe(OFFLINE_REFUSED);
    expect(refused).toContainEqual({ host: "public.example", port: 80, address: "203.0.113.7" });
  });
});
