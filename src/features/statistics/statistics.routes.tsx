import { Hono } from "hono";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/errors";
import type { TAppEnv, TDeps } from "../../platform/http/context";
import { MSG } from "../../platform/messages";
import { pageCtx } from "../../platform/ui/page-context";
import { parseOrThrow } from "../../platform/validation";
import { todayInChina } from "../calendar";
import { activeUnits, listUnits } from "../org";
import { computeStatistics } from "./compute-statistics";
import { StatisticsPage } from "./statistics.pages";
import { ZStatisticsQuery } from "./statistics.schemas";

/** The figures for the asked year and unit; an id that names no unit is a page that does not exist. */
export async function statisticsFor(db: Db, query: { year?: number; unitId?: number }) {
  const today = todayInChina();
  const year = query.year ?? Number(today.slice(0, 4));
  const units = await listUnits(db);
  if (query.unitId !== undefined && !units.some((u) => u.id === query.unitId))
    throw new AppError("not_found", MSG.notFound);
  const stats = await computeStatistics(db, year, query.unitId ?? null, units, today);
  return { stats, units, today };
}

/** The public statistics page (/statistics), filtered by GET parameters so it works without JavaScript. */
export function statisticsRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  app.get("/statistics", async (c) => {
    // The filter form sends an empty unit for "全区"; an empty field means no filter.
    const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ""));
    const query = parseOrThrow(ZStatisticsQuery, raw);
    const { stats, today } = await statisticsFor(deps.db, query);
    return c.html(
      <StatisticsPage
        ctx={await pageCtx(c)}
        stats={stats}
        units={await activeUnits(deps.db)}
        thisYear={Number(today.slice(0, 4))}
      />,
    );
  });
  return app;
}
