/**
 * Unknown-field check. The published JSON schemas of Kubernetes accept any extra field, so a typo such as
 * `protocl:` passes them and is silently dropped by the API server. This check types every rendered object
 * with the model interfaces of the same npm packages (`IDeployment`, `ICluster`, …) as a TypeScript object
 * literal and lets the compiler's excess-property check report every field the type does not declare,
 * with its path in the object.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { modelModule } from "./models.ts";
import { K8S_DIR, objectId, type K8sObject } from "./render.ts";

interface Line {
  text: string;
  /** JSON path of the value that starts on this line, e.g. `spec.template.spec.containers[0]` */
  path: string;
}

/** Serializes a JSON value as a TS literal, one property per line, remembering each line's path. */
function literalLines(value: unknown, at: string, indent: string, lines: Line[], prefix: string): void {
  if (Array.isArray(value)) {
    lines.push({ text: `${indent}${prefix}[`, path: at });
    value.forEach((v, i) => literalLines(v, `${at}[${i}]`, `${indent}  `, lines, ""));
    lines.push({ text: `${indent}],`, path: at });
  } else if (value !== null && typeof value === "object") {
    lines.push({ text: `${indent}${prefix}{`, path: at });
    for (const [k, v] of Object.entries(value)) {
      const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
      literalLines(v, at ? `${at}.${k}` : k, `${indent}  `, lines, `${key}: `);
    }
    lines.push({ text: `${indent}},`, path: at });
  } else {
    lines.push({ text: `${indent}${prefix}${JSON.stringify(value)},`, path: at });
  }
}

/**
 * Reports every field of `objects` that its published type does not declare.
 * @returns problems as `Kind/name path: message`; empty when every field is known
 * @throws Error when the TypeScript compiler cannot run at all
 */
export function findUnknownFields(objects: readonly K8sObject[]): string[] {
  const lines: Line[] = [];
  const owners: string[] = [];
  objects.forEach((o, i) => {
    const start = lines.length;
    lines.push({
      text: `import type { I${o.kind} as T${i} } from ${JSON.stringify(modelModule(o.apiVersion, o.kind))};`,
      path: "",
    });
    const body: Line[] = [];
    literalLines(o, "", "", body, `export const o${i}: T${i} = `);
    body[body.length - 1]!.text = body[body.length - 1]!.text.replace(/,$/, ";");
    lines.push(...body);
    for (let n = start; n < lines.length; n++) owners[n] = objectId(o);
  });
  const dir = mkdtempSync(path.join(K8S_DIR, ".strict-"));
  try {
    writeFileSync(path.join(dir, "objects.ts"), lines.map((l) => l.text).join("\n") + "\n");
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          module: "NodeNext",
          moduleResolution: "NodeNext",
          types: [],
        },
        files: ["objects.ts"],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    let out = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", dir, "--pretty", "false"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? "");
      if (!out.includes("error TS")) throw err;
    }
    return out
      .split("\n")
      .map((l) => /objects\.ts\((\d+),\d+\): error TS\d+: (.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => {
        const n = Number(m[1]) - 1;
        return `${owners[n] ?? "?"} ${lines[n]?.path ?? ""}: ${m[2]}`;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
