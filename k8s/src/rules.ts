/**
 * Project rules for rendered manifests, beyond schema validity (k8s/README.md "Rules"):
 * images pinned by tag and digest (never `latest`), probes on every long-running container, requests and
 * limits on every container, no secret values inline, non-root with a read-only root filesystem, and the
 * scaling shape (web ≥ 2 replicas with HPA and PDB; worker 2 replicas with a PDB).
 */
import { objectId, type K8sObject } from "./render.ts";

/** A container as the rules read it. */
export interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; runAsNonRoot?: boolean };
}

interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}

/** Workload kinds and where their pod spec sits. */
const POD_SPEC: Record<string, (o: K8sObject) => PodSpec | undefined> = {
  Deployment: (o) => (o.spec as { template?: { spec?: PodSpec } })?.template?.spec,
  StatefulSet: (o) => (o.spec as { template?: { spec?: PodSpec } })?.template?.spec,
  DaemonSet: (o) => (o.spec as { template?: { spec?: PodSpec } })?.template?.spec,
  Job: (o) => (o.spec as { template?: { spec?: PodSpec } })?.template?.spec,
  CronJob: (o) =>
    (o.spec as { jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } })?.jobTemplate?.spec?.template?.spec,
};
/** Kinds that run to completion: probes are meaningless there. */
const RUN_TO_COMPLETION = new Set(["Job", "CronJob"]);

/** Every pod spec in `objects` with its owner. */
export function podSpecs(objects: readonly K8sObject[]): { owner: K8sObject; spec: PodSpec }[] {
  return objects.flatMap((o) => {
    const spec = POD_SPEC[o.kind]?.(o);
    return spec ? [{ owner: o, spec }] : [];
  });
}

/** Env names that hold secrets: their values must come from a Secret (`valueFrom.secretKeyRef`). */
const SECRET_NAME = /(SECRET|PASSWORD|PRIVATE_KEY|TOKEN|_KEY$|DATABASE_URL|ACCESS_KEY)/;
/** Values that look like credentials wherever they appear. */
const SECRET_VALUE = [
  /\b(sk|rk)_(live|test)_[0-9A-Za-z]+/,
  /\bwhsec_[0-9A-Za-z]+/,
  /\b0x[0-9a-fA-F]{64}\b/,
  /:\/\/[^/\s:@]+:[^/\s@]+@/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

/** `image` pinned as `<name>:<tag>@sha256:<64 hex>` with a tag other than `latest`. */
export function imageProblem(image: string | undefined): string | undefined {
  if (!image) return "has no image";
  const m = /^([^@]+?)(?::([\w][\w.-]{0,127}))?(?:@sha256:([0-9a-f]{64}))?$/.exec(image);
  if (!m) return `image ${image} is not a valid reference`;
  if (!m[2]) return `image ${image} has no tag (means latest)`;
  if (m[2] === "latest") return `image ${image} uses the latest tag`;
  if (!m[3]) return `image ${image} is not pinned by digest (@sha256:…)`;
  return undefined;
}

/**
 * Checks the project rules.
 * @returns problems as sentences naming object and field; empty when every rule holds
 */
export function checkRules(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const { owner, spec } of podSpecs(objects)) {
    const id = objectId(owner);
    if (!spec.securityContext?.runAsNonRoot) problems.push(`${id}: pod securityContext.runAsNonRoot is not true`);
    const all = [
      ...spec.containers.map((c) => ({ c, init: false })),
      ...(spec.initContainers ?? []).map((c) => ({ c, init: true })),
    ];
    for (const { c, init } of all) {
      const cid = `${id} container ${c.name}`;
      const img = imageProblem(c.image);
      if (img) problems.push(`${cid}: ${img}`);
      if (!init && !RUN_TO_COMPLETION.has(owner.kind)) {
        if (!c.readinessProbe) problems.push(`${cid}: no readinessProbe`);
        if (!c.livenessProbe) problems.push(`${cid}: no livenessProbe`);
      }
      for (const kind of ["requests", "limits"] as const) {
        for (const r of ["cpu", "memory"])
          if (!c.resources?.[kind]?.[r]) problems.push(`${cid}: no resources.${kind}.${r}`);
      }
      if (c.securityContext?.readOnlyRootFilesystem !== true)
        problems.push(`${cid}: readOnlyRootFilesystem is not true`);
      if (c.securityContext?.allowPrivilegeEscalation !== false)
        problems.push(`${cid}: allowPrivilegeEscalation is not false`);
      for (const e of c.env ?? []) {
        if (e.value !== undefined && SECRET_NAME.test(e.name))
          problems.push(`${cid}: env ${e.name} has an inline value; use valueFrom.secretKeyRef`);
        if (e.value !== undefined && SECRET_VALUE.some((re) => re.test(e.value!)))
          problems.push(`${cid}: env ${e.name} holds a credential`);
      }
    }
  }
  for (const o of objects) {
    if (o.kind === "Secret" && (o.data !== undefined || o.stringData !== undefined)) {
      problems.push(
        `${objectId(o)}: Secret with inline data (commit references only: ExternalSecret or a sealed/managed secret)`,
      );
    }
    if (o.kind === "ConfigMap") {
      for (const [k, v] of Object.entries((o.data as Record<string, string>) ?? {})) {
        if (SECRET_NAME.test(k) || SECRET_VALUE.some((re) => re.test(v)))
          problems.push(`${objectId(o)}: key ${k} looks like a secret`);
      }
    }
  }
  const byId = new Map(objects.map((o) => [objectId(o), o]));
  const web = byId.get("Deployment/smolitux-web");
  const worker = byId.get("Deployment/smolitux-worker");
  if (!web) problems.push("Deployment/smolitux-web is missing");
  else if (((web.spec as { replicas?: number }).replicas ?? 1) < 2)
    problems.push("Deployment/smolitux-web: fewer than 2 replicas");
  if (!worker) problems.push("Deployment/smolitux-worker is missing");
  else if ((worker.spec as { replicas?: number }).replicas !== 2)
    problems.push("Deployment/smolitux-worker: expected 2 replicas (one active per loop, one waiting)");
  for (const need of [
    "HorizontalPodAutoscaler/smolitux-web",
    "PodDisruptionBudget/smolitux-web",
    "PodDisruptionBudget/smolitux-worker",
    "Job/smolitux-migrate",
    "Ingress/smolitux-web",
    "NetworkPolicy/default-deny",
    "Cluster/smolitux-db",
    "ServiceMonitor/smolitux-web",
  ]) {
    if (!byId.has(need)) problems.push(`${need} is missing`);
  }
  return problems;
}
