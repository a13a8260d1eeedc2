import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { randomWallet } from "../../../test/authz/siwe.ts";
import { authenticateWithPassword, signUp } from "./credentials.ts";
import { signUpSchema } from "./schemas.ts";
import { addPassword, linkWallet, signInWithWallet, unlinkWallet } from "./wallets.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const emailUser = (email: string) => signUp(t.db, signUpSchema.parse({ email, password: "long enough pw", name: "E" }));
const actions = async (entity: string, entityId?: string) =>
  (
    await t.db.auditLog.findMany({
      where: { entity, ...(entityId ? { entityId } : {}) },
      orderBy: { createdAt: "asc" },
    })
  ).map((a) => a.action);

describe("linking", () => {
  it("an e-mail user links a wallet (idempotent, audited); another account gets 409", async () => {
    const user = await emailUser("link@example.org");
    const wallet = randomWallet();
    expect(await linkWallet(t.db, user.id, wallet.address)).toEqual({ created: true });
    expect(await linkWallet(t.db, user.id, wallet.address)).toEqual({ created: false });
    expect(await signInWithWallet(t.db, wallet.address)).toMatchObject({ id: user.id });
    const other = await emailUser("other@example.org");
    await expect(linkWallet(t.db, other.id, wallet.address)).rejects.toMatchObject({
      status: 409,
      fields: { address: "taken" },
    });
    const row = await t.db.wallet.findUniqueOrThrow({ where: { address: wallet.address } });
    expect(await actions("Wallet", row.id)).toEqual(["wallet.linked"]);
  });

  it("refuses to unlink the last sign-in method, allows it when another remains", async () => {
    const w1 = randomWallet();
    const w2 = randomWallet();
    const user = await signInWithWallet(t.db, w1.address);
    await expect(unlinkWallet(t.db, user.id, w1.address)).rejects.toMatchObject({
      status: 409,
      fields: { address: "last_sign_in_method" },
    });
    await linkWallet(t.db, user.id, w2.address);
    await unlinkWallet(t.db, user.id, w1.address);
    expect(await t.db.wallet.count({ where: { userId: user.id } })).toBe(1);
    await expect(unlinkWallet(t.db, user.id, w1.address)).rejects.toMatchObject({ status: 404 });
    // Concurrent unlinks of the last two methods: at most one succeeds.
    const w3 = randomWallet();
    await linkWallet(t.db, user.id, w3.address);
    const results = await Promise.allSettled([
      unlinkWallet(t.db, user.id, w2.address),
      unlinkWallet(t.db, user.id, w3.address),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.wallet.count({ where: { userId: user.id } })).toBe(1);
  });

  it("a wallet user adds e-mail + password, then may unlink the wallet", async () => {
    const wallet = randomWallet();
    const user = await signInWithWallet(t.db, wallet.address);
    await expect(
      addPassword(t.db, user.id, { email: "link@example.org", password: "another long pw" }),
    ).rejects.toMatchObject({ status: 409, fields: { email: "taken" } });
    await addPassword(t.db, user.id, { email: "walletuser@example.org", password: "another long pw" });
    const signIn = await authenticateWithPassword(
      t.db,
      { email: "walletuser@example.org", password: "another long pw" },
      "1.2.3.4",
    );
    expect(signIn).toMatchObject({ ok: true, user: { id: user.id } });
    await expect(
      addPassword(t.db, user.id, { email: "walletuser@example.org", password: "third long pw!" }),
    ).rejects.toMatchObject({ status: 409, fields: { password: "already_set" } });
    await unlinkWallet(t.db, user.id, wallet.address);
    expect(await actions("User", user.id)).toEqual(["user.signed_up", "auth.password_added"]);
  });
});
