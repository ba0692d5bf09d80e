import { Hono } from "hono";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TDeps } from "../../platform/http/context";
import { markPublic } from "../../platform/http/edge";
import { readForm } from "../../platform/http/forms";
import { requirePermission } from "../../platform/http/guards";
import { idParam } from "../../platform/http/params";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { parseOrThrow } from "../../platform/validation";
import { todayInChina } from "../calendar";
import { publicPlans, publicProgress, setPlanPublic, ZPublicPartBody } from "./accountability";
import { AccountabilityListPage, AccountabilityPage } from "./accountability.pages";

/** The portal's /accountability pages and the office's form that makes a plan or section public. */
export function accountabilityRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  app.get("/accountability", async (c) => {
    markPublic(c, 300);
    return c.html(<AccountabilityListPage ctx={await pageCtx(c)} plans={await publicPlans(db)} />);
  });

  app.get("/accountability/:id", async (c) => {
    const view = await publicProgress(db, idParam(c), todayInChina());
    markPublic(c, 300);
    return c.html(<AccountabilityPage ctx={await pageCtx(c)} view={view} />);
  });

  app.post("/admin/ledger/plans/:id/public", async (c) => {
    requirePermission(c, "ledger.manage");
    const id = idParam(c);
    const values = await readForm(c);
    const body = parseOrThrow(ZPublicPartBody, {
      section: values.section || undefined,
      isPublic: values.isPublic === "1",
    });
    try {
      const r = await setPlanPublic(db, actorOf(c), id, body);
      setFlash(c, r.isPublic ? "已在门户网站公开。" : "已停止公开。");
    } catch (err) {
      if (err instanceof AppError && err.code === "unprocessable") setFlash(c, err.message);
      else throw err;
    }
    return c.redirect(`/admin/ledger/plans/${id}`, 303);
  });

  return app;
}
