import pino from "pino";

/** The process logger: one JSON object per line, to stdout. */
export function createLogger(level = "info") {
  return pino({ level, base: { app: "gongkai" }, timestamp: pino.stdTimeFunctions.isoTime });
}

export type TLogger = ReturnType<typeof createLogger>;
