/**
 * Loads the Prisma schema engine compiled to WebAssembly (`@prisma/schema-engine-wasm`) and binds it to
 * driver adapters: the target database through `@prisma/adapter-pg`, the shadow database (used to
 * replay migrations for diffs) as an in-memory PGlite. No native engine binary is needed.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";

export type SchemaEngine = bg.SchemaEngine;

let loaded: Promise<typeof bg> | undefined;

/** Instantiates the wasm module once per process (wasm-bindgen "bundler" output, wired by hand). */
function loadWasm(): Promise<typeof bg> {
  loaded ??= (async () => {
    const jsPath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(jsPath), "schema_engine_bg.wasm");
    const bytes = await readFile(wasmPath);
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return loaded;
}

/**
 * Creates a schema engine for the PostgreSQL server at `databaseUrl`; migrations replay into a fresh
 * in-memory PGlite shadow database for every diff.
 * @param databaseUrl `postgres://user:pass@host:port/db`, or `"memory"` for a throwaway in-memory PGlite
 * @param log receives the engine's JSON log lines
 */
export async function createSchemaEngine(
  databaseUrl: string | "memory",
  log: (line: string) => void = () => {},
): Promise<{ engine: SchemaEngine; close: () => Promise<void> }> {
  const wasm = await loadWasm();
  const shadows: PGlite[] = [];
  const opened: SqlDriverAdapter[] = [];
  const target =
    databaseUrl === "memory"
      ? new PrismaPGlite(track(new PGlite()))
      : new PrismaPg({ connectionString: databaseUrl, max: 2 });
  function track(db: PGlite): PGlite {
    shadows.push(db);
    return db;
  }
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: target.adapterName,
    connect: async () => {
      const adapter = await target.connect();
      opened.push(adapter);
      if (target instanceof PrismaPg) {
        // adapter-pg splits scripts on every ";" (breaks dollar-quoted function bodies) and runs the
        // pieces one by one. Send the migration as one simple-protocol query instead: PostgreSQL runs
        // a multi-statement query in one implicit transaction, so a failing migration leaves nothing.
        const pool = (adapter as Awaited<ReturnType<PrismaPg["connect"]>>).underlyingDriver();
        adapter.executeScript = async (script: string) => {
          await pool.query(script);
        };
      }
      return adapter;
    },
    connectToShadowDb: async () => {
      return new PrismaPGlite(track(new PGlite())).connect();
    },
  };
  const engine = await wasm.SchemaEngine.new(
    { datamodels: undefined },
    (line: string) => log(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose()));
      await Promise.all(shadows.map((s) => s.close()));
    },
  };
}
