import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, errorResponses, type TApi, zList } from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { markPublic } from "../../platform/http/edge";
import { requirePermission } from "../../platform/http/guards";
import { todayInChina } from "../calendar";
import { presentPublicNotice, withRows } from "./present";
import { publishSubsidyNotice } from "./publish-notice";
import { noticesPublicOn } from "./subsidies.repository";
import { ZCreateSubsidyNoticeBody, ZPublicSubsidyNotice, ZSubsidyNoticesQuery } from "./subsidies.schemas";

/** POST /subsidy-notices (a village's staff or its 街道) and the public GET of notices in their period. */
export function registerSubsidiesApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "post",
      path: "/subsidy-notices",
      tags: ["村级公示"],
      summary: "发布惠民惠农补贴公示（村、社区或其所属街道的工作人员）",
      description:
        "每一行都经过隐私检查：身份证号须为有效的 18 位号码，保存时只保留遮盖后的形式（前 6 位和后 4 位），完整号码不入库；姓名和补贴项目中不得出现身份证号、手机号或银行卡号。",
      security: bearerSecurity,
      request: {
        body: { content: { "application/json": { schema: ZCreateSubsidyNoticeBody } }, required: true },
      },
      responses: {
        201: { description: "已发布", content: { "application/json": { schema: ZPublicSubsidyNotice } } },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "subsidies.publish");
      const notice = await publishSubsidyNotice(db, p, actorOf(c), c.req.valid("json"));
      const [full] = await withRows(db, [notice]);
      return c.json(presentPublicNotice(full as NonNullable<typeof full>), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/subsidy-notices",
      tags: ["村级公示"],
      summary: "公示期内的补贴公示（公开）",
      description:
        "只列出今天（北京时间）处在公示期内的公示；身份证号已遮盖。公示期过后不再公开，由村（社区）存档备查。",
      request: { query: ZSubsidyNoticesQuery },
      responses: {
        200: {
          description: "公示期内的公示",
          content: { "application/json": { schema: zList(ZPublicSubsidyNotice) } },
        },
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const { unitId } = c.req.valid("query");
      const items = (await withRows(db, await noticesPublicOn(db, todayInChina(), unitId))).map(
        presentPublicNotice,
      );
      markPublic(c, 60);
      return c.json({ total: items.length, items }, 200);
    },
  );
}
