/** Authorization matrix rows of the auth endpoints (web/src/app/api/auth/**). */
import { getAddress } from "viem";
import { defineEndpoint, uniqueEmail, type AuthzEndpoint } from "../harness.ts";
import { randomWallet, siweProof } from "../siwe.ts";
import { hashPassword } from "@/features/auth/password.ts";

const PAYOUT = getAddress("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65");
const CURRENT_PASSWORD = "the current password";
const everyone = (status: number) => ({ anonymous: status, learner: status, provider: status, admin: status });
const signedIn = (status: number) => ({ anonymous: 401, learner: status, provider: status, admin: status });

export const authEndpoints: AuthzEndpoint[] = [
  // The matrix runs with self sign-up open (not offline, SIGNUP unset). Closed (SIGNUP=closed, the default with
  // OFFLINE_MODE=true) it is 403 signup_closed for everyone: src/app/api/auth/signup/route.test.ts.
  defineEndpoint({
    name: "sign up",
    method: "POST",
    path: "/api/auth/signup",
    handler: async () => (await import("@/app/api/auth/signup/route.ts")).POST,
    request: () => ({ params: {}, body: { email: uniqueEmail(), password: "long enough pw", name: "New" } }),
    expect: everyone(201),
  }),
  defineEndpoint({
    name: "sign up with invalid fields",
    method: "POST",
    path: "/api/auth/signup",
    handler: async () => (await import("@/app/api/auth/signup/route.ts")).POST,
    request: () => ({ params: {}, body: { email: "nope", password: "short", name: "" } }),
    expect: everyone(400),
  }),
  defineEndpoint({
    name: "forgot password (same answer for any address)",
    method: "POST",
    path: "/api/auth/password-reset",
    handler: async () => (await import("@/app/api/auth/password-reset/route.ts")).POST,
    request: () => ({ params: {}, body: { email: uniqueEmail() } }),
    expect: everyone(202),
  }),
  defineEndpoint({
    name: "reset password with an invalid link",
    method: "POST",
    path: "/api/auth/password-reset/confirm",
    handler: async () => (await import("@/app/api/auth/password-reset/confirm/route.ts")).POST,
    request: () => ({ params: {}, body: { token: "A".repeat(43), password: "long enough password" } }),
    expect: everyone(400),
  }),
  defineEndpoint({
    name: "send the e-mail confirmation again",
    method: "POST",
    path: "/api/auth/email-verification",
    handler: async () => (await import("@/app/api/auth/email-verification/route.ts")).POST,
    expect: signedIn(202),
  }),
  defineEndpoint({
    name: "issue SIWE nonce",
    method: "POST",
    path: "/api/auth/siwe/nonce",
    handler: async () => (await import("@/app/api/auth/siwe/nonce/route.ts")).POST,
    expect: everyone(201),
  }),
  defineEndpoint({
    name: "link wallet (SIWE proof)",
    method: "POST",
    path: "/api/auth/wallets",
    handler: async () => (await import("@/app/api/auth/wallets/route.ts")).POST,
    request: async ({ db }) => ({ params: {}, body: await siweProof(db, randomWallet()) }),
    expect: signedIn(201),
  }),
  defineEndpoint({
    name: "unlink wallet",
    method: "DELETE",
    path: "/api/auth/wallets/[address]",
    handler: async () => (await import("@/app/api/auth/wallets/[address]/route.ts")).DELETE,
    request: async ({ db, user }) => {
      const address = randomWallet().address;
      if (user) {
        // Two wallets, so removing one is allowed.
        await db.wallet.createMany({
          data: [
            { address, userId: user.id },
            { address: randomWallet().address, userId: user.id },
          ],
        });
      }
      return { params: { address } };
    },
    expect: signedIn(204),
  }),
  defineEndpoint({
    name: "add e-mail + password",
    method: "POST",
    path: "/api/auth/password",
    handler: async () => (await import("@/app/api/auth/password/route.ts")).POST,
    request: ({ user }) => ({ params: {}, body: { email: user?.email ?? uniqueEmail(), password: "long enough pw" } }),
    expect: signedIn(204),
  }),
  defineEndpoint({
    name: "change password (current password checked)",
    method: "PUT",
    path: "/api/auth/password",
    handler: async () => (await import("@/app/api/auth/password/route.ts")).PUT,
    request: async ({ db, user }) => {
      if (user) {
        await db.user.update({
          where: { id: user.id },
          data: { passwordHash: await hashPassword(CURRENT_PASSWORD) },
          select: { id: true },
        });
      }
      return { params: {}, body: { currentPassword: CURRENT_PASSWORD, newPassword: "a brand new password" } };
    },
    expect: signedIn(200),
  }),
  defineEndpoint({
    name: "update profile",
    method: "PATCH",
    path: "/api/auth/account",
    handler: async () => (await import("@/app/api/auth/account/route.ts")).PATCH,
    request: () => ({ params: {}, body: { name: "Renamed" } }),
    expect: signedIn(204),
  }),
  defineEndpoint({
    name: "become a provider",
    method: "POST",
    path: "/api/auth/provider",
    handler: async () => (await import("@/app/api/auth/provider/route.ts")).POST,
    request: () => ({ params: {}, body: { payoutAddress: PAYOUT.toLowerCase() } }),
    expect: signedIn(200),
  }),
  defineEndpoint({
    name: "change payout address (providers only)",
    method: "PUT",
    path: "/api/auth/provider",
    handler: async () => (await import("@/app/api/auth/provider/route.ts")).PUT,
    request: () => ({ params: {}, body: { payoutAddress: PAYOUT } }),
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 403 },
  }),
  defineEndpoint({
    name: "grant roles (platform admins only)",
    method: "PATCH",
    path: "/api/auth/users/[userId]/roles",
    handler: async () => (await import("@/app/api/auth/users/[userId]/roles/route.ts")).PATCH,
    request: async ({ db }) => {
      const target = await db.user.create({ data: {}, select: { id: true } });
      return { params: { userId: target.id }, body: { add: ["PROVIDER"] } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint({
    name: "grant roles with an invalid body (authorization before validation)",
    method: "PATCH",
    path: "/api/auth/users/[userId]/roles",
    handler: async () => (await import("@/app/api/auth/users/[userId]/roles/route.ts")).PATCH,
    request: ({ user }) => ({ params: { userId: user?.id ?? "x" }, body: { remove: ["LEARNER"] } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 400 },
  }),
  defineEndpoint({
    name: "remove the own profile picture (empty body)",
    method: "PUT",
    path: "/api/account/avatar",
    handler: async () => (await import("@/app/api/account/avatar/route.ts")).PUT,
    expect: signedIn(200),
  }),
];
