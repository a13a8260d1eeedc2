import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";

describe("password hashing (Argon2id)", () => {
  it("produces salted Argon2id PHC strings with the OWASP parameters", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const h = await hashPassword("correct horse battery");
    expect(await verifyPassword(h, "correct horse battery")).toBe(true);
    expect(await verifyPassword(h, "correct horse batterY")).toBe(false);
  });

  it("rejects unknown users and malformed hashes after doing the same work", async () => {
    const h = await hashPassword("correct horse battery");
    await verifyPassword(null, "warm up the dummy hash");
    const t0 = performance.now();
    expect(await verifyPassword(null, "correct horse battery")).toBe(false);
    const unknown = performance.now() - t0;
    const t1 = performance.now();
    await verifyPassword(h, "wrong password here");
    const known = performance.now() - t1;
    // Same Argon2 cost for both paths (generous bound: CPU is shared).
    expect(unknown).toBeGreaterThan(known / 4);
    expect(await verifyPassword("not-a-phc-string", "x")).toBe(false);
  });
});
