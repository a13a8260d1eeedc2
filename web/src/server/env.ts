/**
 * The one place that reads process.env. Parsed with zod at first use; a missing or malformed variable
 * stops the process with a message naming it. Production refuses development defaults for secrets.
 */
import { z } from "zod";
import { isAllowedUrl, parseLanNetworks, type Cidr } from "./net-guard.ts";
import { nextCacheMaxMemoryMb } from "./next-cache-size.ts";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
/** A secp256k1 private key: 0x + 32 bytes hex. The message never echoes the value. */
const privateKey = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key");

const base = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** PostgreSQL connection string; the dev stack sets it to its embedded server. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  /** Connections per process pool (web default 10, worker 5); idle ones close after 10 s. Small boards: 3–4. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
  /** Public base URL of the web app, used in links, SIWE domain, QR codes. */
  APP_URL: z.url().default("http://localhost:3000"),
  /** JSON-RPC endpoint of the chain (Hardhat node locally, Polygon in production). */
  RPC_URL: z
    .string()
    .default("http://127.0.0.1:8545")
    .refine(
      (v) => v.split(",").every((u) => z.url({ protocol: /^https?$/ }).safeParse(u.trim()).success),
      "must be one http(s) URL or several separated by commas (tried in order: failover)",
    ),
  /** Chain id the app expects at RPC_URL (31337 Hardhat, 80002 Polygon Amoy, 137 Polygon). */
  CHAIN_ID: z.coerce.number().int().positive().default(31337),
  /** Media storage driver. */
  STORAGE_DRIVER: z.enum(["fs", "s3", "ipfs"]).default("fs"),
  /** Folder of the local-disk storage driver. */
  STORAGE_DIR: z.string().min(1).default(".data/media"),
  /** S3 driver: bucket name (required when STORAGE_DRIVER=s3). Credentials come from the AWS default chain. */
  S3_BUCKET: z.string().min(3).max(63).optional(),
  /** S3 driver: region, e.g. eu-central-1 (required when STORAGE_DRIVER=s3). */
  S3_REGION: z.string().min(1).optional(),
  /** S3 driver: endpoint of an S3-compatible server (omit for AWS). */
  S3_ENDPOINT: z.url().optional(),
  /** S3 driver: path-style addressing (`endpoint/bucket/key`), needed by most S3-compatible servers. */
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** IPFS driver: Kubo RPC API base URL, e.g. http://127.0.0.1:5001 (required when STORAGE_DRIVER=ipfs). */
  IPFS_API_URL: z.url().optional(),
  /** IPFS driver: public gateway base URL for direct links (`<url>/ipfs/<cid>`); unset = serve through the app. */
  IPFS_GATEWAY_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Set by the dev stack: derive platform keys from the Hardhat test mnemonic (never in production). */
  DEV_CHAIN_KEYS: bool.default(false),
  /** Platform signer keys (0x + 64 hex; never logged). Required by a worker that sends for that role. */
  CATALOG_PRIVATE_KEY: privateKey.optional(),
  PAYMENT_ORACLE_PRIVATE_KEY: privateKey.optional(),
  CERTIFICATE_MINTER_PRIVATE_KEY: privateKey.optional(),
  /** Outbox: signer roles whose sender loop this worker runs (comma-separated). */
  OUTBOX_SIGNERS: z
    .string()
    .default("catalog,paymentOracle,certificateMinter")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    )
    .pipe(z.array(z.enum(["catalog", "paymentOracle", "certificateMinter"])).max(3)),
  /** Outbox: milliseconds between sender iterations. */
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1_000),
  /** Outbox: seconds after which an unmined transaction is replaced with higher fees (same nonce). */
  OUTBOX_STUCK_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  /** Blocks on top of a transaction's block before it counts as final; unset = `finalized` tag (0 on 31337). */
  CHAIN_CONFIRMATIONS: z.coerce.number().int().min(0).max(10_000).optional(),
  /** Indexer: blocks on top before a block is indexed; unset = the CHAIN_CONFIRMATIONS / `finalized` rule (0 on 31337). */
  INDEXER_CONFIRMATIONS: z.coerce.number().int().min(0).max(10_000).optional(),
  /** Indexer: max blocks per getLogs call and per database transaction (public RPCs often cap ranges at 1,000–10,000). */
  INDEXER_BATCH_BLOCKS: z.coerce.number().int().min(1).max(100_000).default(1_000),
  /** Indexer: milliseconds between polls of the chain. */
  INDEXER_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(250),
  /** JSON-RPC URL the browser uses (wallet checkout reads); unset = RPC_URL. Never put an API key here. */
  PUBLIC_RPC_URL: z.url().optional(),
  /** WalletConnect Cloud project id (32 hex); unset = injected wallets only, no WalletConnect network traffic. */
  NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, "must be a 32-character hex WalletConnect project id")
    .optional(),
  /**
   * Key that encrypts the next-auth session JWT (>= 32 chars, e.g. `openssl rand -base64 32`). Required in
   * production; unset on a DEV_CHAIN_KEYS stack = a random secret per process (sessions end on restart).
   */
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  /**
   * Sign-in through an OpenID Connect provider (Google: `https://accounts.google.com`; any issuer with
   * `/.well-known/openid-configuration`). Issuer, client id and secret are set together or not at all;
   * https, or http only on loopback (tests) or — offline — inside LAN_NETWORKS. Unset = no such button.
   */
  OIDC_ISSUER: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .url({ protocol: /^https?$/ })
      .refine((u) => {
        const url = new URL(u);
        return !url.search && !url.hash && !url.username && !url.password;
      }, "must be the issuer URL without query, fragment or credentials")
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
  ),
  /** OAuth client id registered at the OIDC provider (redirect URI `<APP_URL>/api/auth/callback/oidc`). */
  OIDC_CLIENT_ID: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).max(500).optional()),
  /** OAuth client secret of that client (never logged). */
  OIDC_CLIENT_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).max(2000).optional()),
  /** Provider name on the button ("Continue with <name>"). */
  OIDC_NAME: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(40).default("Google")),
  /** Folder for temporary chunk files of resumable uploads (all web replicas must share it). */
  UPLOAD_TMP_DIR: z.string().min(1).default(".data/uploads"),
  /** Card checkout: true = on (needs the Stripe keys), false = off; unset = on exactly when STRIPE_SECRET_KEY is set. */
  CARD_PAYMENTS: bool.optional(),
  /** Stripe secret or restricted API key (sk_… / rk_…; never logged). */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[0-9A-Za-z_]+$/, "must be a Stripe secret key (sk_test_…, sk_live_… or rk_…)")
    .optional(),
  /** Signing secret of the Stripe webhook endpoint (whsec_…; never logged). */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[0-9A-Za-z_+/=]+$/, "must be a webhook signing secret (whsec_…)")
    .optional(),
  /** Tests/dev only: base URL of a local Stripe API stub, e.g. http://127.0.0.1:12111 (refused in production unless DEV_CHAIN_KEYS). */
  STRIPE_API_BASE: z.url().optional(),
  /**
   * Ed25519 key that signs certificate credentials: Multikey secretKeyMultibase (z…, multicodec ed25519-priv).
   * Required in production; unset on a DEV_CHAIN_KEYS stack = a public dev key. Never logged.
   */
  CREDENTIAL_ISSUER_KEY: z
    .string()
    .regex(/^z[1-9A-HJ-NP-Za-km-z]{40,120}$/, "must be a multibase base58btc Ed25519 secret key (z…)")
    .optional(),
  /**
   * Account mail (verification, password reset, receipts, refunds, certificates) through this SMTP server:
   * `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS). Unset = no mail is sent
   * (the pages say so; queued mail older than 24 h is dropped). The dev stack sets it to its in-process catcher.
   * Credentials are never logged.
   */
  SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^smtps?$/ }).optional()),
  /** Sender of account mail, e.g. `Smolitux Academy <no-reply@academy.example>`; default no-reply@<APP_URL host>. */
  MAIL_FROM: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(3).max(200).optional()),
  /** Mail worker: milliseconds between passes over the mail outbox. */
  MAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  /** Certificates worker: milliseconds between passes that issue pending and claimable certificates. */
  CERTIFICATE_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(500),
  /**
   * School offline mode: no chain, no Stripe, no public IPFS; outbound connections are refused except to
   * loopback and LAN_NETWORKS (server/net-guard.ts). Certificates are issued and queued for minting later.
   */
  OFFLINE_MODE: bool.default(false),
  /**
   * Self sign-up (`/signup`, POST /api/auth/signup): `open` or `closed`; unset or empty = `closed` when
   * OFFLINE_MODE=true (on a school server teachers and school admins create the accounts, and no mail can be
   * delivered), `open` otherwise. Read through {@link signUpOpen}.
   */
  SIGNUP: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["open", "closed"]).optional()),
  /** Folder of course packs the school admin can import from (e.g. a mounted USB stick); unset = upload only. */
  PACKS_DIR: z.string().min(1).optional(),
  /** Offline mode: LAN ranges (comma-separated CIDR, e.g. 192.168.0.0/16) outbound connections may reach besides loopback. */
  LAN_NETWORKS: z
    .string()
    .default("")
    .transform((v, ctx): Cidr[] => {
      try {
        return parseLanNetworks(v);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : String(err) });
        return z.NEVER;
      }
    }),
  /**
   * Bearer token that GET /api/metrics requires (>= 32 chars). Unset = /api/metrics answers 404 (metrics
   * off), unless the network policy is the guard: then set it anyway and scrape with it.
   */
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  /** Worker: file touched every 10 s while the worker runs (Kubernetes liveness/readiness exec probes); unset = none. */
  WORKER_HEARTBEAT_FILE: z.string().min(1).optional(),
  /** Card settle loop: milliseconds between passes (automatic refunds, timeouts of card checkouts). */
  CARD_SETTLE_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2_000),
  /** Card path: seconds a paid card sale may wait for its on-chain record before it is refunded automatically. */
  CARD_RECORD_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(7 * 86_400)
    .default(1_800),
  /** Card path: seconds an unpaid checkout stays open before the settle loop expires it (Stripe's own limit is 24 h). */
  CARD_CHECKOUT_TIMEOUT_SECONDS: z.coerce.number().int().min(60).max(86_400).default(86_400),
  /** Stripe Connect: platform fee on card sales in basis points, fixed on each sale at checkout (1000 = 10 %). */
  CONNECT_PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(5_000).default(1_000),
  /** Stripe Connect: milliseconds between passes of the worker's provider-transfer loop (`connect-transfers`). */
  CONNECT_TRANSFER_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
  /** Stripe Connect: attempts of one provider transfer (exponential backoff, 30 s … 1 h) before it is FAILED (shown on /admin). */
  CONNECT_TRANSFER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /**
   * Reverse-proxy hops in front of the web app that append to X-Forwarded-For (0 = none: the header is
   * ignored and rate limits per client address fall back to one shared "direct" key).
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Extra origins media may load from (comma-separated, e.g. a CDN); added to the CSP's img/media/connect-src. */
  MEDIA_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    )
    .pipe(z.array(z.url().transform((u) => new URL(u).origin)).max(20)),
  /** Absolute session lifetime in seconds (default 30 days); the session ends then whatever the activity. */
  SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(300).max(31_536_000).default(2_592_000),
  /** Idle timeout in seconds (default 7 days): a session without page requests for this long ends; 0 = none. */
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(31_536_000).default(604_800),
  /**
   * Anonymous page cache (server/page-cache.ts): seconds a rendered home/catalog/course page is reused before it
   * is re-rendered in the background (studio, review and school writes invalidate it at once); 0 = off.
   */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /**
   * Size of Next.js' in-memory cache in MiB (server/next-cache-size.ts; read by next.config.ts and the self-host
   * server.js, validated here too); unset = Next.js' default 50 MiB, 0 = disk only.
   */
  NEXT_CACHE_MAX_MEMORY_MB: nextCacheMaxMemoryMb.optional(),
});

const schema = base.superRefine((env, ctx) => {
  // Development keys come from the public Hardhat test mnemonic: only ever on the local chain.
  if (env.DEV_CHAIN_KEYS && env.CHAIN_ID !== 31337) {
    ctx.addIssue({
      code: "custom",
      path: ["DEV_CHAIN_KEYS"],
      message: "is only allowed with CHAIN_ID=31337 (local Hardhat chain)",
    });
  }
  // Sessions must survive restarts and be shared by replicas: a real secret outside the local dev stack.
  if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET && !env.DEV_CHAIN_KEYS) {
    ctx.addIssue({
      code: "custom",
      path: ["NEXTAUTH_SECRET"],
      message: "is required in production (generate one with: openssl rand -base64 32)",
    });
  }
  // Credentials must be signed by the platform's own key outside the local dev stack.
  if (env.NODE_ENV === "production" && !env.CREDENTIAL_ISSUER_KEY && !env.DEV_CHAIN_KEYS) {
    ctx.addIssue({
      code: "custom",
      path: ["CREDENTIAL_ISSUER_KEY"],
      message: "is required in production (generate one: tsx src/features/certificates/credential/keygen.ts)",
    });
  }
  refineOidc(env, ctx);
  // Card checkout needs both Stripe secrets; a local Stripe stub is never used in production.
  const cardOn = env.CARD_PAYMENTS ?? env.STRIPE_SECRET_KEY !== undefined;
  for (const name of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const) {
    if (cardOn && env[name] === undefined) {
      ctx.addIssue({ code: "custom", path: [name], message: "is required when card payments are enabled" });
    }
  }
  // …except on the local DEV_CHAIN_KEYS stack (chain 31337), whose e2e run serves a production build.
  if (env.NODE_ENV === "production" && env.STRIPE_API_BASE !== undefined && !env.DEV_CHAIN_KEYS) {
    ctx.addIssue({ code: "custom", path: ["STRIPE_API_BASE"], message: "is for tests and development only" });
  }
  // Development keys replace the configured ones entirely: refuse an ambiguous mix.
  if (env.DEV_CHAIN_KEYS) {
    for (const name of [
      "CATALOG_PRIVATE_KEY",
      "PAYMENT_ORACLE_PRIVATE_KEY",
      "CERTIFICATE_MINTER_PRIVATE_KEY",
    ] as const) {
      if (env[name] !== undefined) {
        ctx.addIssue({ code: "custom", path: [name], message: "must not be set when DEV_CHAIN_KEYS=true" });
      }
    }
  }
  if (env.OFFLINE_MODE) refineOffline(env, ctx);
  // The storage driver's own settings are required only when that driver is selected.
  const needed = { fs: [], s3: ["S3_BUCKET", "S3_REGION"], ipfs: ["IPFS_API_URL"] } as const;
  for (const name of needed[env.STORAGE_DRIVER]) {
    if (env[name] === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `is required when STORAGE_DRIVER=${env.STORAGE_DRIVER}`,
      });
    }
  }
});

/** OIDC sign-in: the three settings together; https unless the issuer never leaves the machine (or the LAN offline). */
function refineOidc(
  env: {
    OIDC_ISSUER?: string | undefined;
    OIDC_CLIENT_ID?: string | undefined;
    OIDC_CLIENT_SECRET?: string | undefined;
    OFFLINE_MODE: boolean;
    LAN_NETWORKS: Cidr[];
  },
  ctx: z.RefinementCtx,
): void {
  const names = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
  const set = names.filter((n) => env[n] !== undefined);
  if (set.length > 0 && set.length < names.length) {
    for (const n of names.filter((m) => env[m] === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [n],
        message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together",
      });
    }
  }
  const issuer = env.OIDC_ISSUER;
  if (issuer === undefined) return;
  const local = isAllowedUrl(issuer, []);
  if (env.OFFLINE_MODE && !isAllowedUrl(issuer, env.LAN_NETWORKS)) {
    ctx.addIssue({
      code: "custom",
      path: ["OIDC_ISSUER"],
      message: "must be on loopback or inside LAN_NETWORKS when OFFLINE_MODE=true (no outbound connections)",
    });
  } else if (issuer.startsWith("http://") && !local && !env.OFFLINE_MODE) {
    ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "must be https (http only on loopback)" });
  }
}

/** Whether sign-in through the configured OpenID Connect provider is offered. */
export function oidcEnabled(e: Pick<Env, "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET">): boolean {
  return e.OIDC_ISSUER !== undefined && e.OIDC_CLIENT_ID !== undefined && e.OIDC_CLIENT_SECRET !== undefined;
}

/**
 * Offline mode refuses every setting that would reach beyond the school's LAN: card payments (Stripe),
 * WalletConnect, a public IPFS gateway, and an IPFS node / S3 endpoint outside loopback and LAN_NETWORKS.
 */
function refineOffline(
  env: {
    CARD_PAYMENTS?: boolean | undefined;
    STRIPE_SECRET_KEY?: string | undefined;
    STRIPE_WEBHOOK_SECRET?: string | undefined;
    NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID?: string | undefined;
    IPFS_GATEWAY_URL?: string | undefined;
    IPFS_API_URL?: string | undefined;
    S3_ENDPOINT?: string | undefined;
    SMTP_URL?: string | undefined;
    STORAGE_DRIVER: string;
    LAN_NETWORKS: Cidr[];
  },
  ctx: z.RefinementCtx,
): void {
  const off = (name: string, why: string) =>
    ctx.addIssue({ code: "custom", path: [name], message: `must not be set when OFFLINE_MODE=true (${why})` });
  if (env.CARD_PAYMENTS === true) off("CARD_PAYMENTS", "no card payments offline");
  if (env.STRIPE_SECRET_KEY !== undefined) off("STRIPE_SECRET_KEY", "no card payments offline");
  if (env.STRIPE_WEBHOOK_SECRET !== undefined) off("STRIPE_WEBHOOK_SECRET", "no card payments offline");
  if (env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID !== undefined)
    off("NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID", "no wallets offline");
  if (env.IPFS_GATEWAY_URL !== undefined) off("IPFS_GATEWAY_URL", "no public IPFS gateway offline");
  for (const name of ["IPFS_API_URL", "S3_ENDPOINT", "SMTP_URL"] as const) {
    const url = env[name];
    if (url !== undefined && !isAllowedUrl(url, env.LAN_NETWORKS)) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "must be on loopback or inside LAN_NETWORKS when OFFLINE_MODE=true",
      });
    }
  }
  if (env.STORAGE_DRIVER === "s3" && env.S3_ENDPOINT === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["S3_ENDPOINT"],
      message: "is required with STORAGE_DRIVER=s3 when OFFLINE_MODE=true (AWS is not reachable)",
    });
  }
}

/** Whether this deployment uses a chain (false in offline mode: no RPC, no wallets, no minting). */
export function chainEnabled(e: Pick<Env, "OFFLINE_MODE">): boolean {
  return !e.OFFLINE_MODE;
}

/** Whether anyone may create an account on /signup (SIGNUP, else open exactly when not in offline mode). */
export function signUpOpen(e: Pick<Env, "SIGNUP" | "OFFLINE_MODE">): boolean {
  return e.SIGNUP === undefined ? !e.OFFLINE_MODE : e.SIGNUP === "open";
}

/** Whether account mail is sent at all (SMTP_URL set; the worker's mail loop runs). */
export function mailEnabled(e: Pick<Env, "SMTP_URL">): boolean {
  return e.SMTP_URL !== undefined;
}

/** Names of every variable the schema reads (manifest checks: a misspelt name is otherwise ignored). */
export const ENV_VARIABLES: readonly string[] = Object.keys(base.shape);

/** Validated configuration of the server and the workers. */
export type Env = z.infer<typeof schema>;

/**
 * Parses an environment record.
 * @throws Error listing every invalid or missing variable by name
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

function invalid(error: z.ZodError): Error {
  const lines = error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
  return new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
}

/** The settings of the HTTP security layer (headers, CSP origins, proxy hops); parsed alone so it needs no secrets. */
const securitySchema = base.pick({
  NODE_ENV: true,
  APP_URL: true,
  RPC_URL: true,
  PUBLIC_RPC_URL: true,
  NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: true,
  STORAGE_DRIVER: true,
  S3_BUCKET: true,
  S3_REGION: true,
  S3_ENDPOINT: true,
  S3_FORCE_PATH_STYLE: true,
  IPFS_GATEWAY_URL: true,
  MEDIA_ORIGINS: true,
  TRUST_PROXY: true,
  PAGE_CACHE_SECONDS: true,
});

/** The subset of {@link Env} that the HTTP security layer reads. */
export type SecurityEnv = z.infer<typeof securitySchema>;

let cached: Env | undefined;
let cachedSecurity: SecurityEnv | undefined;

/**
 * The HTTP security settings of the process, parsed on their own (route wrappers and the proxy must work in
 * unit tests and tools that have no DATABASE_URL).
 * @throws Error naming a malformed security variable
 */
export function securityEnv(): SecurityEnv {
  if (cachedSecurity) return cachedSecurity;
  const result = securitySchema.safeParse(process.env);
  if (!result.success) throw invalid(result.error);
  cachedSecurity = result.data;
  return cachedSecurity;
}

/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
