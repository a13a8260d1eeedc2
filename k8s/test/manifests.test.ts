/**
 * Offline validation of the hosted-platform manifests (issue 13): every overlay renders, every object
 * validates against its published schema, no object has a field its type does not declare, the project
 * rules hold, and web/worker get an environment the app's env schema accepts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { checkAppEnv } from "../src/env-check.ts";
import { validateAgainstSchema } from "../src/models.ts";
import { OVERLAYS, renderOverlay, type K8sObject } from "../src/render.ts";
import { checkRules, imageProblem } from "../src/rules.ts";
import { findUnknownFields } from "../src/strict.ts";

const rendered = new Map<string, K8sObject[]>();
beforeAll(() => {
  for (const overlay of OVERLAYS) rendered.set(overlay, renderOverlay(overlay));
});
const objects = (overlay: string) => rendered.get(overlay)!;
const clone = <T>(v: T): T => structuredClone(v);

describe.each(OVERLAYS)("overlay %s", (overlay) => {
  it("renders the platform's objects in their namespace", () => {
    const kinds = objects(overlay).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "Deployment/smolitux-web",
        "Deployment/smolitux-worker",
        "Job/smolitux-migrate",
        "Cluster/smolitux-db",
        "Ingress/smolitux-web",
        "ServiceMonitor/smolitux-web",
      ]),
    );
    const ns = overlay === "production" ? "smolitux" : "smolitux-staging";
    for (const o of objects(overlay))
      if (o.kind !== "Namespace") expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(ns);
  });

  it("validates every object against its published schema", async () => {
    const problems = (await Promise.all(objects(overlay).map(validateAgainstSchema))).flat();
    expect(problems).toEqual([]);
  });

  it("has no field its type does not declare", () => {
    expect(findUnknownFields(objects(overlay))).toEqual([]);
  }, 60_000);

  it("follows the project rules", () => {
    expect(checkRules(objects(overlay))).toEqual([]);
  });

  it("gives web, worker and the migration Job an environment the app accepts", () => {
    expect(checkAppEnv(objects(overlay))).toEqual([]);
  });

  it("targets its chain", () => {
    const cm = objects(overlay).find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("smolitux-config"))!;
    expect((cm.data as Record<string, string>).CHAIN_ID).toBe(overlay === "production" ? "137" : "80002");
  });
});

describe("the checks catch mistakes", () => {
  const web = () =>
    clone(objects("production")).find((o) => o.metadata.name === "smolitux-web" && o.kind === "Deployment")!;
  const containerOf = (o: K8sObject) =>
    (o.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0]!;

  it("a misspelt field (protocl) fails the unknown-field check with its path", () => {
    const o = web();
    (containerOf(o).ports as Record<string, unknown>[])[0]!.protocl = "TCP";
    const problems = findUnknownFields([o]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /Deployment\/smolitux-web spec\.template\.spec\.containers\[0\]\.ports\[0\]\.protocl: .*'protocl' does not exist/,
    );
  }, 60_000);

  it("a wrong type fails the schema check", async () => {
    const o = web();
    (o.spec as Record<string, unknown>).replicas = "two";
    expect((await validateAgainstSchema(o)).join()).toMatch(/replicas/);
  });

  it("latest, untagged and undigested images, missing probes/limits and inline secrets break the rules", () => {
    expect(imageProblem("ghcr.io/smolitux/academy:latest")).toMatch(/latest/);
    expect(imageProblem("ghcr.io/smolitux/academy")).toMatch(/no tag/);
    expect(imageProblem("ghcr.io/smolitux/academy:1.0.0")).toMatch(/digest/);
    const o = web();
    const c = containerOf(o);
    delete c.livenessProbe;
    delete (c.resources as Record<string, unknown>).limits;
    (c.env as Record<string, unknown>[]).push({ name: "STRIPE_SECRET_KEY", value: "sk_live_abc" });
    const problems = checkRules([o]).join("\n");
    expect(problems).toMatch(/no livenessProbe/);
    expect(problems).toMatch(/no resources\.limits\.cpu/);
    expect(problems).toMatch(/STRIPE_SECRET_KEY has an inline value/);
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "x" }, stringData: { A: "b" } };
    expect(checkRules([...objects("production"), secret]).join()).toMatch(/Secret\/x: Secret with inline data/);
  });

  it("a misspelt or invalid setting fails the env check", () => {
    const all = clone(objects("production"));
    const cm = all.find((o) => o.kind === "ConfigMap")!;
    const data = cm.data as Record<string, string>;
    data.CHAIN_ID = "polygon";
    data.STORAGE_DRIVR = "s3";
    const problems = checkAppEnv(all).join("\n");
    expect(problems).toMatch(/STORAGE_DRIVR is not a variable/);
    expect(problems).toMatch(/CHAIN_ID/);
  });
});

describe("examples", () => {
  it("the ExternalSecret example validates (schema and unknown fields) and holds no values", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseObjects, K8S_DIR } = await import("../src/render.ts");
    const file = `${K8S_DIR}/examples/externalsecret.yaml`;
    const examples = parseObjects(readFileSync(file, "utf8"), file);
    expect(examples.map((o) => o.metadata.name)).toEqual(["smolitux-secrets", "smolitux-signers", "smolitux-s3"]);
    expect((await Promise.all(examples.map(validateAgainstSchema))).flat()).toEqual([]);
    expect(findUnknownFields(examples)).toEqual([]);
    // Every secret key a Deployment references is provided by one of the examples.
    const provided = new Set(
      examples.flatMap((o) =>
        ((o.spec as { data: { secretKey: string }[] }).data ?? []).map((d) => `${o.metadata.name}/${d.secretKey}`),
      ),
    );
    const refs: string[] = [];
    JSON.stringify(objects("production"), (k, v: { name: string; key: string }) => {
      if (k === "secretKeyRef" && v.name !== "smolitux-db-app") refs.push(`${v.name}/${v.key}`);
      return v;
    });
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(provided, ref).toContain(ref);
  }, 60_000);
});
