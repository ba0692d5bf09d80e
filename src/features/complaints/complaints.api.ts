import { createRoute, z } from "@hono/zod-openapi";
import { unitScope } from "../../platform/auth/permissions";
import { bearerSecurity, errorResponses, type TApi, ZIdParam as ZId } from "../../platform/http/api";
import { actorOf, type TDeps } from "../../platform/http/context";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { listForStaff } from "./complaints.repository";
import { ZComplaintAction, ZPublicComplaintBody } from "./complaints.schemas";
import { applyComplaintAction, visibleComplaint } from "./handle-complaint";
import { presentStaff, presentStatus, publicComplaints } from "./present";
import { readComplaintStatus, submitComplaint } from "./submit-complaint";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const ZAny = z.record(z.string(), z.unknown());
const TAG = "公共企事业单位信息公开投诉";

/** The complaint endpoints: the public form's API and status, the published figures, staff handling. */
export function registerComplaintsApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/complaints",
      tags: [TAG],
      summary: "投诉公共企事业单位未依法公开信息（无需登录）：同一地址每小时最多 10 件，与网页表单合计",
      request: {
        body: { content: { "application/json": { schema: ZPublicComplaintBody } }, required: true },
      },
      responses: {
        201: json(
          z.object({ receiptNo: z.string(), queryCode: z.string() }),
          "已收到；凭受理编号和查询码查询办理情况",
        ),
        ...errorResponses(400, 429),
      },
    }),
    async (c) => {
      const r = await submitComplaint(db, c.get("clientIp"), c.req.valid("json"));
      return c.json({ receiptNo: r.receiptNo, queryCode: r.queryCode }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/public/complaints/{receiptNo}",
      tags: [TAG],
      summary: "投诉人凭受理编号和查询码查询办理情况；同一地址 10 分钟内查错 20 次后 429",
      request: {
        params: z.object({ receiptNo: z.string().max(40) }),
        query: z.object({ queryCode: z.string().min(1).max(20) }),
      },
      responses: { 200: json(ZAny, "办理情况"), ...errorResponses(400, 404, 429) },
    }),
    async (c) => {
      const row = await readComplaintStatus(
        db,
        c.get("clientIp"),
        c.req.valid("param").receiptNo,
        c.req.valid("query").queryCode,
      );
      return c.json(await presentStatus(db, row), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/public/complaints",
      tags: [TAG],
      summary: "一年的投诉情况（无需登录）：按行业统计件数和办理结果，已公开的办理结果",
      request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
      responses: { 200: json(ZAny, "统计和公开的办理结果"), ...errorResponses(400) },
    }),
    async (c) => c.json(await publicComplaints(db, c.req.valid("query").year), 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/complaints",
      tags: [TAG],
      summary: "本人办理的投诉（区政府办公室全部，主管部门本部门的）",
      security: bearerSecurity,
      request: {
        query: z.object({ status: z.enum(["submitted", "assigned", "rectifying", "concluded"]).optional() }),
      },
      responses: {
        200: json(z.object({ total: z.number(), items: z.array(ZAny) }), "列表"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const p = requirePermission(c, "complaints.handle");
      const items = await listForStaff(db, unitScope(p, "complaints.handle"), c.req.valid("query"));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/complaints/{id}",
      tags: [TAG],
      summary: "一件投诉（含投诉人联系方式，仅办理人员可见）",
      security: bearerSecurity,
      request: { params: ZId },
      responses: { 200: json(ZAny, "投诉"), ...errorResponses(401, 404) },
    }),
    async (c) =>
      c.json(presentStaff(await visibleComplaint(db, requireUser(c), c.req.valid("param").id)), 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/complaints/{id}/actions",
      tags: [TAG],
      summary:
        "办理一步：assign { unitId } 转主管部门；order_rectification { date, rectifyBy } 责令限期整改；conclude { date, finding, result, publish, publicSummary? } 办结；状态不允许 → 409",
      security: bearerSecurity,
      request: {
        params: ZId,
        body: { content: { "application/json": { schema: ZComplaintAction } }, required: true },
      },
      responses: { 200: json(ZAny, "办理后的投诉"), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const row = await applyComplaintAction(
        db,
        actorOf(c),
        requireUser(c),
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(presentStaff(row), 200);
    },
  );
}
