import { Hono } from "hono";
import { AppError } from "../../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../../platform/http/context";
import { download } from "../../../platform/http/download";
import { requireUser } from "../../../platform/http/guards";
import { idParam } from "../../../platform/http/params";
import { MSG } from "../../../platform/messages";

import { readRequest } from "../read-request";
import { actionsOf, findRequest } from "../requests.repository";
import { FeeNoticePrintPage } from "./fee-notice.page";
import { feeNoticeDocxFor, feeNoticeFor } from "./fee-notice-for-request";

/** The printable fee notice and its Word file, for staff who may see the request. */
export function feeNoticeRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  const visible = async (c: TCtx) => {
    const p = requireUser(c);
    const id = idParam(c);
    // Reading through the use case applies the unit scope: another unit's request answers 404.
    await readRequest(db, actorOf(c), p, id);
    const r = await findRequest(db, id);
    if (!r) throw new AppError("not_found", MSG.notFound);
    return { r, actions: await actionsOf(db, r.id) };
  };

  app.get("/admin/requests/:id/fee-notice", async (c) => {
    const { r, actions } = await visible(c);
    return c.html(
      <FeeNoticePrintPage
        notice={await feeNoticeFor(db, r, actions)}
        docxHref={`/admin/requests/${r.id}/fee-notice.docx`}
      />,
    );
  });

  app.get("/admin/requests/:id/fee-notice.docx", async (c) => {
    const { r, actions } = await visible(c);
    return download(await feeNoticeDocxFor(db, r, actions), {
      name: `fee-notice-${r.receiptNo}.docx`,
      type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
  });

  return app;
}
