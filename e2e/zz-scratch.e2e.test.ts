import { it } from "vitest";
import { expectNoAxeViolations, launchBrowser, startServer } from "./server";

it("scratch", async () => {
  let t = performance.now();
  const lap = (l: string) => { console.log(l, Math.round(performance.now() - t)); t = performance.now(); };
  const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  lap("start");
  const context = await browser.newContext({ baseURL: server.baseUrl, bypassCSP: true });
  const page = await context.newPage();
  lap("ctx");
  await page.goto("/guide");
  lap("goto");
  await page.goto("/guide");
  lap("goto2");
  await page.evaluate(() => { document.querySelector("h1")!.style.color = "#ddd"; const i = document.createElement("input"); document.querySelector("main")!.append(i); });
  try { await expectNoAxeViolations(page); } catch (e) { console.log(String(e).slice(0, 1500)); }
  lap("axe");
  await page.goto("/guide");
  await expectNoAxeViolations(page);
  lap("axe2");
  await browser.close();
  await server.close();
  lap("close");
});
