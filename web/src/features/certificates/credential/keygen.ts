/**
 * Prints a new CREDENTIAL_ISSUER_KEY (Multikey `secretKeyMultibase`) and its did:key to stdout.
 * Usage: `pnpm exec tsx src/features/certificates/credential/keygen.ts` — store the key as a secret.
 */
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";

const key = await Ed25519Multikey.generate();
process.stdout.write(`CREDENTIAL_ISSUER_KEY=${key.secretKeyMultibase}\n# issuer: did:key:${key.publicKeyMultibase}\n`);
