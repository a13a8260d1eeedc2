/**
 * Renders a kustomize overlay of k8s/ offline with `kubectl kustomize` (kubectl ≥ 1.21 embeds kustomize;
 * `./run test` installs Debian's `kubernetes-client` when kubectl is missing) and parses the YAML stream.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

/** k8s/ folder of the repository. */
export const K8S_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The overlays that are deployed (folder names under k8s/overlays). */
export const OVERLAYS = ["staging", "production"] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** One rendered Kubernetes object (fields as in the manifest). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** `Kind/name` — how objects are named in messages. */
export const objectId = (o: K8sObject): string => `${o.kind}/${o.metadata.name}`;

/**
 * Renders `dir` (a kustomization folder) and returns its objects in output order.
 * @throws Error with kubectl's message when the kustomization does not build, or when a document is not an object with apiVersion, kind and metadata.name
 */
export function renderKustomization(dir: string): K8sObject[] {
  let out: string;
  try {
    out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { code?: string; stderr?: string; message: string };
    if (e.code === "ENOENT") throw new Error("kubectl is not installed (Debian: apt-get install -y kubernetes-client)");
    throw new Error(`kubectl kustomize ${dir} failed: ${e.stderr?.trim() || e.message}`);
  }
  return parseObjects(out, dir);
}

/** Parses a multi-document YAML stream of Kubernetes objects. @throws Error naming the bad document */
export function parseObjects(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text).map((doc, i) => {
    if (doc.errors.length) throw new Error(`${source} document ${i + 1}: ${doc.errors[0]?.message}`);
    const o = doc.toJS() as Partial<K8sObject> | null;
    if (!o || typeof o.apiVersion !== "string" || typeof o.kind !== "string" || typeof o.metadata?.name !== "string") {
      throw new Error(`${source} document ${i + 1}: not a Kubernetes object (apiVersion, kind, metadata.name)`);
    }
    return o as K8sObject;
  });
}

/** Renders one overlay of k8s/overlays. */
export const renderOverlay = (overlay: Overlay): K8sObject[] =>
  renderKustomization(path.join(K8S_DIR, "overlays", overlay));
