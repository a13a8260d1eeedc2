#!/usr/bin/env node
/**
 * Validates selfhost/compose.yaml against the Compose Specification JSON schema committed in
 * selfhost/schema/compose-spec.json (Apache-2.0, from github.com/compose-spec/compose-spec) with ajv,
 * after resolving YAML merge keys (`<<: *anchor`) as Compose does. Also checks the rules of this
 * repository: every service on the host network, no bridge network, no top-level `name:` (Debian's
 * docker-compose 1.29 rejects it), the `pi` profile has db, migrate, web and worker with restart
 * policies, memory limits and healthchecks, and named volumes only for state.
 *
 * usage: node selfhost/scripts/validate-compose.mjs [compose file]   → exit 1 with one line per problem
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(path.join(ROOT, "web/package.json"));
const { Ajv } = require("ajv");
const YAML = require("yaml");

const file = path.resolve(process.argv[2] ?? path.join(ROOT, "selfhost/compose.yaml"));
const schema = JSON.parse(readFileSync(path.join(ROOT, "selfhost/schema/compose-spec.json"), "utf8"));
const doc = YAML.parse(readFileSync(file, "utf8"), { merge: true, maxAliasCount: 1000 });

const problems = [];
// the schema is draft-07 with a `$schema` ajv 8 would try to fetch: validate it as draft-07 offline
delete schema.$schema;
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
if (!validate(doc)) {
  for (const e of validate.errors ?? [])
    problems.push(`schema: ${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
}

if ("name" in doc)
  problems.push("top-level `name:` is rejected by docker-compose 1.29; set COMPOSE_PROJECT_NAME in .env");
if (doc.networks && Object.keys(doc.networks).length)
  problems.push("no networks may be declared (host networking only)");
const services = doc.services ?? {};
for (const [name, svc] of Object.entries(services)) {
  if (svc.network_mode !== "host") problems.push(`services.${name}: network_mode must be host`);
  if (svc.ports) problems.push(`services.${name}: ports have no meaning with network_mode host`);
  if (!svc.restart) problems.push(`services.${name}: needs a restart policy`);
  if (!svc.mem_limit) problems.push(`services.${name}: needs mem_limit`);
  for (const v of svc.volumes ?? []) {
    const source = String(typeof v === "string" ? v.split(":")[0] : v.source);
    if (!source.startsWith(".") && !source.startsWith("$") && !(source in (doc.volumes ?? {})))
      problems.push(`services.${name}: volume ${source} is neither a named volume nor a relative bind mount`);
  }
}
for (const name of ["db", "migrate", "web", "worker"]) {
  const svc = services[name];
  if (!svc) {
    problems.push(`services.${name} is missing`);
    continue;
  }
  if (!svc.profiles?.includes("pi") || !svc.profiles?.includes("full"))
    problems.push(`services.${name}: must be in profiles pi and full`);
  if (name !== "migrate" && !svc.healthcheck) problems.push(`services.${name}: needs a healthcheck`);
}
for (const name of ["ipfs", "proxy"]) {
  if (JSON.stringify(services[name]?.profiles) !== JSON.stringify(["full"]))
    problems.push(`services.${name}: must be in profile full only`);
}

if (problems.length) {
  console.error(`${path.relative(process.cwd(), file)}: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `${path.relative(process.cwd(), file)}: valid (Compose Specification schema + host-network rules), ${Object.keys(services).length} services`,
);
