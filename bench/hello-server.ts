import { createServer } from "node:http";

// The baseline for bench/http.ts: the smallest possible node:http server, answering every path
// (including /healthz) with 200 and a short text body. Listens on PORT at HOST (default 127.0.0.1).
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const body = "Hello, world!\n";

const server = createServer((_req, res) => {
  res.writeHead(200, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
});

server.listen(port, host);

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
