import pino from "pino";

/** The process logger: one JSON object per line, to stdout; the pid tells apart the processes of a cluster. */
export function createLogger(level = "info") {
  return pino({
    level,
    base: { app: "gongkai", pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type TLogger = ReturnType<typeof createLogger>;
