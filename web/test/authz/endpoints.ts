/**
 * The registry of mutating endpoints checked by matrix.test.ts. Add your feature's rows in
 * `./endpoints/<feature>.ts` (see ./endpoints/auth.ts and harness.ts) and spread them here.
 */
import type { AuthzEndpoint } from "./harness.ts";
import { authEndpoints } from "./endpoints/auth.ts";
import { enrollmentEndpoints } from "./endpoints/enrollment.ts";
import { cardEndpoints } from "./endpoints/card.ts";
import { learningEndpoints } from "./endpoints/learning.ts";
import { studioEndpoints } from "./endpoints/studio.ts";
import { certificateEndpoints } from "./endpoints/certificates.ts";
import { adminEndpoints } from "./endpoints/admin.ts";
import { schoolEndpoints } from "./endpoints/school.ts";
import { mediaEndpoints } from "./endpoints/media.ts";
import { devFaucetEndpoints } from "./endpoints/dev-faucet.ts";
import { communityEndpoints } from "./endpoints/community.ts";
import { securityEndpoints } from "./endpoints/security.ts";
import { readEndpoints } from "./endpoints/reads.ts";

export const ENDPOINTS: AuthzEndpoint[] = [
  ...authEndpoints,
  ...enrollmentEndpoints,
  ...studioEndpoints,
  ...cardEndpoints,
  ...learningEndpoints,
  ...certificateEndpoints,
  ...adminEndpoints,
  ...mediaEndpoints,
  ...devFaucetEndpoints,
  ...schoolEndpoints,
  ...communityEndpoints,
  ...securityEndpoints,
  ...readEndpoints,
];
