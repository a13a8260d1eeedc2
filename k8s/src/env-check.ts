/**
 * Checks that the environment each web/worker/migrate container would get satisfies the app's own env
 * schema (`parseEnv` of web/src/server/env.ts, the one module that reads process.env), and that every
 * variable the manifests set is one the app knows (a misspelt name is otherwise ignored silently).
 * Secret references are filled with freshly generated values of the right shape: the manifests hold no
 * values, the check proves the names and the non-secret settings.
 */
import { randomBytes } from "node:crypto";
import { ENV_VARIABLES, parseEnv } from "@smolitux/web/env";
import { podSpecs, type Container } from "./rules.ts";
import { objectId, type K8sObject } from "./render.ts";

/** Variables read by the runtime rather than the app's schema (Node, Next.js standalone server, AWS SDK). */
export const RUNTIME_VARIABLES = new Set([
  "HOSTNAME",
  "PORT",
  "NODE_OPTIONS",
  "NEXT_TELEMETRY_DISABLED",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
]);

const base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const rand58 = (n: number) => Array.from(randomBytes(n), (b) => base58[b % 58]).join("");

/** A generated stand-in of the right shape for a secret variable (never a real or well-known key). */
export function placeholderSecret(name: string): string {
  if (name === "DATABASE_URL")
    return `postgres://smolitux:${randomBytes(8).toString("hex")}@smolitux-db-rw:5432/smolitux`;
  if (name.endsWith("_PRIVATE_KEY")) return `0x${randomBytes(32).toString("hex")}`;
  if (name === "STRIPE_SECRET_KEY") return `sk_live_${rand58(24)}`;
  if (name === "STRIPE_WEBHOOK_SECRET") return `whsec_${rand58(32)}`;
  if (name === "CREDENTIAL_ISSUER_KEY") return `z${rand58(47)}`;
  if (name === "OIDC_ISSUER") return "https://accounts.google.com";
  if (name === "SMTP_URL") return `smtp://smolitux:${randomBytes(8).toString("hex")}@smtp.example.org:587`;
  return randomBytes(32).toString("base64url");
}

/** The environment a container gets from its ConfigMaps, literal values and secret references. */
export function containerEnv(c: Container, objects: readonly K8sObject[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    const name = from.configMapRef?.name;
    const cm = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === name);
    if (name && !cm) throw new Error(`container ${c.name}: envFrom names ConfigMap ${name}, which is not rendered`);
    Object.assign(env, (cm?.data as Record<string, string>) ?? {});
  }
  for (const e of c.env ?? []) env[e.name] = e.value ?? placeholderSecret(e.name);
  return env;
}

/**
 * Runs the checks for every container of every workload.
 * @returns problems naming object, container and variable; empty when all hold
 */
export function checkAppEnv(objects: readonly K8sObject[]): string[] {
  const known = new Set<string>(ENV_VARIABLES);
  const problems: string[] = [];
  for (const { owner, spec } of podSpecs(objects)) {
    for (const c of spec.containers) {
      const where = `${objectId(owner)} container ${c.name}`;
      let env: Record<string, string>;
      try {
        env = containerEnv(c, objects);
      } catch (err) {
        problems.push(`${where}: ${(err as Error).message}`);
        continue;
      }
      for (const name of Object.keys(env)) {
        if (!known.has(name) && !RUNTIME_VARIABLES.has(name))
          problems.push(`${where}: ${name} is not a variable of the app's env schema`);
      }
      // The migration runner reads DATABASE_URL only; web and worker parse the whole schema.
      if (owner.kind === "Job") {
        if (!env.DATABASE_URL) problems.push(`${where}: DATABASE_URL is not set`);
        continue;
      }
      try {
        parseEnv(env);
      } catch (err) {
        problems.push(`${where}: ${(err as Error).message.replace(/\n\s*/g, "; ")}`);
      }
    }
  }
  return problems;
}
