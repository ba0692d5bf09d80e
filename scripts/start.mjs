// npm start: the compiled server in dist/ when `npm run build` has made one, otherwise the TypeScript
// sources through tsx. Server processes forked by the cluster run this file again and take the same path.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/main.js", import.meta.url);
if (existsSync(compiled)) await import(compiled.href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/main.ts", import.meta.url).href);
}
