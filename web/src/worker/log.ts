/** The worker logs through the one app logger (server/logger.ts); loops get `log.child(<loop name>)`. */
export { createLogger, type Logger } from "../server/logger.ts";
