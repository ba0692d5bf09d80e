import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";

let instance: Jieba | undefined;

/**
 * The process-wide segmenter. Building it parses a 5 MB dictionary (about 0.2 s), so it happens on
 * first use rather than at import; the dictionary module is required lazily for the same reason
 * (it reads its files as soon as it is loaded).
 */
export function getJieba(): Jieba {
  if (!instance) {
    const require = createRequire(import.meta.url);
    const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };
    instance = Jieba.withDict(dict);
  }
  return instance;
}
