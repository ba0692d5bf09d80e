import { Hono } from "hono";
import type { TAppEnv, TCtx, TDeps } from "../../../platform/http/context";
import { requireUser } from "../../../platform/http/guards";
import { idParam } from "../../org";
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
    return new Response(new Uint8Array(await feeNoticeDocxFor(db, r, actions)), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "content-disposition": `attachment; filename="fee-notice-${r.receiptNo}.docx"`,
        "cache-control": "private, no-store",
      },
    });
  });

  return app;
}
