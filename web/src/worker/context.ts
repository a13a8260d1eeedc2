/** What every worker loop factory receives. */
import type { PublicClient } from "viem";
import type { PrismaClient } from "@smolitux/db";
import type { Env } from "../server/env.ts";
import type { Logger } from "./log.ts";
import type { WorkerLoop } from "./loops.ts";

/** Shared dependencies of the worker's loops. */
export interface WorkerContext {
  env: Env;
  db: PrismaClient;
  client: PublicClient;
  log: Logger;
}

/** A factory contributing loops to the worker (registered in main.ts). */
export type LoopFactory = (ctx: WorkerContext) => WorkerLoop[];
