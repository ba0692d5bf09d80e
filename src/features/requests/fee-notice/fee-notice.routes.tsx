import { Hono } from "hono";
import type { TAppEnv, TCtx, TDeps } from "../../../platform/http/context";
import { download } from "../../../platform/http/download";
import { requireUser } from "../../../platform/http/guards";
import { idParam } from "../../../platform/http/params";
import { loadVisibleRequest } from "../visible-request";
import { FeeNoticePrintPage } from "./fee-notice.page";
import { feeNoticeDocxFor, feeNoticeFor } from "./fee-notice-for-request";

/** The printable fee notice and its Word file, for staff who may see the request. */
export function feeNoticeRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  // Loading through the one visibility check: another unit's request answers 404.
  const visible = (c: TCtx) => loadVisibleRequest(db, requireUser(c), idParam(c));

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
