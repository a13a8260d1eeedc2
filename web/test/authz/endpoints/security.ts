/** Authorization matrix rows of the HTTP-surface routes (web/src/app/api/refused-body). */
import { defineEndpoint, type AuthzEndpoint } from "../harness.ts";

export const securityEndpoints: AuthzEndpoint[] = [
  defineEndpoint({
    // Reached through the next.config.ts rewrite of a page-path body that is not a server action.
    name: "refused page-path body (not a server action)",
    method: "POST",
    path: "/api/refused-body",
    handler: async () => (await import("@/app/api/refused-body/route.ts")).POST,
    request: () => ({ params: {}, body: { any: "thing" } }),
    expect: { anonymous: 405, learner: 405, provider: 405, admin: 405 },
  }),
];
