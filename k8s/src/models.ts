/**
 * Schema validation of rendered objects against the published Kubernetes OpenAPI schemas (npm
 * `kubernetes-models`) and the CRDs' published schemas (`@kubernetes-models/cloudnative-pg`,
 * `cert-manager`, `prometheus-operator`, `external-secrets`). Those schemas accept unknown fields:
 * {@link ./strict.ts} adds the unknown-field check.
 */
import type { K8sObject } from "./render.ts";

/** npm module (without the kind) holding the models of an apiVersion. */
const MODULE_OF_GROUP: Record<string, string> = {
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io",
  "cert-manager.io": "@kubernetes-models/cert-manager/cert-manager.io",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
  "external-secrets.io": "@kubernetes-models/external-secrets/external-secrets.io",
};

/** The module path of the model class of `apiVersion`/`kind`, e.g. `kubernetes-models/apps/v1/Deployment`. */
export function modelModule(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const base =
    group && MODULE_OF_GROUP[group] ? MODULE_OF_GROUP[group] : `kubernetes-models${group ? `/${group}` : ""}`;
  return `${base}/${version}/${kind}`;
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/**
 * Validates one object against its schema.
 * @returns problems as sentences; empty when valid
 */
export async function validateAgainstSchema(o: K8sObject): Promise<string[]> {
  const mod = modelModule(o.apiVersion, o.kind);
  let Model: ModelClass | undefined;
  try {
    Model = ((await import(mod)) as Record<string, ModelClass>)[o.kind];
  } catch {
    Model = undefined;
  }
  if (!Model) return [`${o.kind}/${o.metadata.name}: no published schema for ${o.apiVersion} ${o.kind}`];
  try {
    new Model(o).validate();
    return [];
  } catch (err) {
    const errors = (err as { errors?: { instancePath: string; message?: string }[] }).errors;
    if (errors?.length) return errors.map((e) => `${o.kind}/${o.metadata.name}${e.instancePath}: ${e.message}`);
    return [`${o.kind}/${o.metadata.name}: ${(err as Error).message}`];
  }
}
