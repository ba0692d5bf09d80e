import { createRoute } from "@hono/zod-openapi";
import { errorResponses, type TApi } from "../../platform/http/api";
import type { TDeps } from "../../platform/http/context";
import { statisticsFor } from "./statistics.routes";
import { ZStatistics, ZStatisticsQuery } from "./statistics.schemas";

/** GET /statistics: the public figures of the statistics page, as JSON (no sign-in needed). */
export function registerStatisticsApi(api: TApi, deps: TDeps) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/statistics",
      tags: ["公开统计"],
      summary: "政府信息公开统计：每月申请与按时答复率、办理结果、行政复议和诉讼及纠错率、主动公开与逾期公开",
      request: { query: ZStatisticsQuery },
      responses: {
        200: {
          description: "一年（全区或一个单位）的统计数字，只有计数，不含申请人信息",
          content: { "application/json": { schema: ZStatistics } },
        },
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const { stats } = await statisticsFor(deps.db, c.req.valid("query"));
      return c.json(stats, 200);
    },
  );
}
