/**
 * The self-host compose file and .env.example against the app's env schema: every variable compose hands
 * to the app containers is one the app reads (a misspelt name would be ignored silently) or one the
 * image's entrypoint / db role reads; the `pi` profile's settings parse as a valid production offline
 * configuration; .env.example documents every variable compose substitutes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { ENV_VARIABLES, parseEnv, signUpOpen } from "../../src/server/env.ts";

const SELFHOST = path.resolve(import.meta.dirname, "../../../selfhost");
const compose = YAML.parse(readFileSync(path.join(SELFHOST, "compose.yaml"), "utf8"), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string | number>; image?: string }>;
};
/** read by the image itself (entrypoint.sh, Node, Next.js standalone server, db role), not by env.ts */
const IMAGE_VARS = new Set([
  "NODE_OPTIONS",
  "NEXT_TELEMETRY_DISABLED",
  "PORT",
  "HOSTNAME",
  "HEALTHCHECK_URL",
  "KEYS_DIR",
  "PACKS_DIR",
  "POSTGRES_PASSWORD",
  "POSTGRES_DB",
  "PGPORT",
  "PG_LISTEN",
  "PG_SHARED_BUFFERS",
  "PG_MAX_CONNECTIONS",
  "PG_WORK_MEM",
  "PG_EFFECTIVE_CACHE_SIZE",
]);
const appServices = Object.entries(compose.services).filter(([, s]) => s.image?.includes("SMOLITUX_IMAGE"));

describe("selfhost/compose.yaml", () => {
  it("passes only variables the app or the image reads", () => {
    expect(appServices.map(([n]) => n).sort()).toEqual(["db", "migrate", "web", "worker"]);
    for (const [name, svc] of appServices) {
      for (const key of Object.keys(svc.environment ?? {})) {
        expect(ENV_VARIABLES.includes(key) || IMAGE_VARS.has(key), `${name}: ${key}`).toBe(true);
      }
    }
  });

  it("the web service's settings (with .env.example values) parse as a production offline configuration", () => {
    const example = Object.fromEntries(
      readFileSync(path.join(SELFHOST, ".env.example"), "utf8")
        .split("\n")
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    ) as Record<string, string>;
    example.POSTGRES_PASSWORD = "0123456789abcdef";
    const substitute = (v: string | number) =>
      String(v).replace(/\$\{(\w+)(?::?[-?]([^}]*))?\}/g, (_, k: string, d?: string) =>
        example[k] !== undefined && example[k] !== "" ? example[k] : d && !d.startsWith("set ") ? d : "",
      );
    const webEnv = Object.fromEntries(
      Object.entries(compose.services.web?.environment ?? {}).map(([k, v]) => [k, substitute(v)]),
    );
    const env = parseEnv({
      ...webEnv,
      NEXTAUTH_SECRET: "x".repeat(32), // from the keys volume at run time
      CREDENTIAL_ISSUER_KEY: "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq",
    });
    expect(env.OFFLINE_MODE).toBe(true);
    expect(signUpOpen(env)).toBe(false); // a school server: teachers create the accounts
    expect(env.NODE_ENV).toBe("production");
    expect(env.DATABASE_URL).toBe("postgres://postgres:0123456789abcdef@127.0.0.1:5432/smolitux");
  });

  it(".env.example lists every variable compose substitutes", () => {
    const text = readFileSync(path.join(SELFHOST, "compose.yaml"), "utf8");
    const used = new Set([...text.matchAll(/\$\{(\w+)/g)].map((m) => m[1] as string));
    const example = readFileSync(path.join(SELFHOST, ".env.example"), "utf8");
    const documented = new Set([...example.matchAll(/^(\w+)=/gm)].map((m) => m[1] as string));
    const optionalHidden = new Set(["STORAGE_DRIVER", "CHAIN_ID", "RPC_URL"]); // advanced: README only
    const missing = [...used].filter((v) => !documented.has(v) && !optionalHidden.has(v));
    expect(missing).toEqual([]);
  });
});
