/** Authorization matrix rows of the test-wallet faucet (features/dev-faucet). */
import { defineEndpoint, type AuthzEndpoint } from "../harness.ts";

export const devFaucetEndpoints: AuthzEndpoint[] = [
  defineEndpoint({
    name: "fund a test wallet without DEV_CHAIN_KEYS (refused for everyone)",
    method: "POST",
    path: "/api/dev/faucet",
    handler: async () => (await import("@/app/api/dev/faucet/route.ts")).POST,
    request: () => ({ params: {}, body: { address: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720" } }),
    expect: { anonymous: 404, learner: 404, provider: 404, admin: 404 },
  }),
];
