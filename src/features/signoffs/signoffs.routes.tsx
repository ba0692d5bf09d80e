import { Hono } from "hono";
import { canAnywhere, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { formNumber, readForm, submitForm } from "../../platform/http/forms";
import { requireUser } from "../../platform/http/guards";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import type { TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { activeUnits } from "../org";
import { canRequireSignoffs, decideSignoff, requireSignoffs, visibleDocument } from "./manage-signoffs";
import { SignoffDocumentPage, SignoffsListPage } from "./signoffs.pages";
import { signoffsOf, waitingFor } from "./signoffs.repository";
import { ZDecisionBody, ZSetSignoffsBody } from "./signoffs.schemas";

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The back-office pages of 会签: what waits for my unit, one document to sign, and the two forms. */
export function signoffsRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  app.get("/admin/signoffs", async (c) => {
    const p = requireUser(c);
    if (!canAnywhere(p, "signoffs.sign")) throw new AppError("forbidden", MSG.forbidden);
    return c.html(
      <SignoffsListPage ctx={await pageCtx(c)} rows={await waitingFor(db, unitScope(p, "signoffs.sign"))} />,
    );
  });

  const documentPage = async (
    c: TCtx,
    p: TPrincipal,
    id: number,
    forms?: { require?: TFormState; decide?: Record<number, TFormState> },
  ) => {
    const brief = await visibleDocument(db, p, id);
    const ctx = await pageCtx(c);
    return (
      <SignoffDocumentPage
        ctx={ctx}
        csrfToken={ctx.csrfToken}
        principal={p}
        brief={brief}
        doc={brief}
        rows={await signoffsOf(db, id)}
        units={await activeUnits(db)}
        canRequire={canRequireSignoffs(p, brief)}
        forms={forms}
      />
    );
  };

  app.get("/admin/signoffs/:id", async (c) => c.html(await documentPage(c, requireUser(c), idParam(c))));

  // Back to the document's own page for its staff; a signing head goes back to the sign-off page.
  const back = async (c: TCtx, p: TPrincipal, id: number) => {
    const brief = await visibleDocument(db, p, id);
    return c.redirect(canRequireSignoffs(p, brief) ? `/admin/documents/${id}` : `/admin/signoffs/${id}`, 303);
  };

  app.post("/admin/documents/:id/signoffs", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZSetSignoffsBody,
      values,
      input: { unitIds: list(values.unitIds).map(formNumber) },
      conflictField: "unitIds",
      render: (form) => documentPage(c, p, id, { require: form }),
      run: async (body) => {
        await requireSignoffs(db, actorOf(c), p, id, body);
        setFlash(c, body.unitIds.length ? "会签单位已保存。" : "已取消会签要求。");
        return back(c, p, id);
      },
    });
  });

  app.post("/admin/documents/:id/signoffs/:unitId", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    const unitId = idParam(c, "unitId");
    const values = await readForm(c);
    const typed = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() ? v : undefined);
    return submitForm(c, {
      schema: ZDecisionBody,
      values,
      input: { decision: typed(values.decision), comment: typed(values.comment) },
      conflictField: "decision",
      render: (form) => documentPage(c, p, id, { decide: { [unitId]: form } }),
      run: async (body) => {
        await decideSignoff(db, actorOf(c), p, id, unitId, body);
        setFlash(c, body.decision === "signed" ? "已会签。" : "已退回，意见已告知起草单位。");
        return back(c, p, id);
      },
    });
  });

  return app;
}
