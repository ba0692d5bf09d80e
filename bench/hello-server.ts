import { createServer } from "node:http";

// The ceiling for bench/http.ts: the smallest node:http server, answering every path (including
// /healthz) with 200 and the same static page of about 20 KB of Chinese text, built once at start.
// Listens on PORT at HOST (default 127.0.0.1).
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

const paragraph =
  "<p>行政机关应当主动公开本行政机关的机构设置、职能、办事程序等情况，以及涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息。</p>\n";
const body = Buffer.from(
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开</title></head><body><main>\n${paragraph.repeat(
    Math.ceil(20_000 / Buffer.byteLength(paragraph)),
  )}</main></body></html>\n`,
);

const server = createServer((_req, res) => {
  res.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": body.length,
  });
  res.end(body);
});

server.listen(port, host);

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
