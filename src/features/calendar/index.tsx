import { createRoute, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { bearerSecurity, errorResponses, type TApi } from "../../platform/http/api";
import { actorOf, type TAppEnv, type TDeps } from "../../platform/http/context";
import { readForm, submitForm } from "../../platform/http/forms";
import { requirePermission } from "../../platform/http/guards";
import {
  emptyForm,
  FileField,
  Form,
  SelectField,
  TextArea,
  TextField,
  type TFormState,
} from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import { pageCtx, setFlash, type TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import { findYear, listYears, type TCalendarYear } from "./calendar.repository";
import { checkImportedYear, parseCalendarFile } from "./import-calendar-file";
import { saveCalendarYear, ZCalendarYearBody } from "./save-calendar-year";
import { PROVISIONAL_LABEL, provisionalHolidays } from "./statutory-holidays";
import { todayInChina } from "./working-days";

export { loadWorkCalendar } from "./load-calendar";
export { passedDateNote } from "./passed-date";
export { PROVISIONAL_LABEL } from "./statutory-holidays";
export { addDays, dayNumber, type TPause, todayInChina, WorkCalendar } from "./working-days";

const ZYearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const ZCalendarOut = z.object({
  year: z.number(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  official: z.boolean(),
  source: z.string(),
});

/** A year not loaded is what deadlines use for it: its weekday statutory holidays, no 调休. */
const present = (year: number, y: TCalendarYear | undefined): TCalendarYear =>
  y ?? {
    year,
    holidays: provisionalHolidays(year),
    workdays: [],
    official: false,
    source: PROVISIONAL_LABEL,
  };

/** GET and PUT /calendar/{year}. A year with no schedule answers official: false and the presumed holidays. */
export function registerCalendarApi(api: TApi, deps: TDeps) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/calendar/{year}",
      tags: ["工作日历"],
      summary: "某年的节假日安排（工作日上的假日、周末调休上班日）",
      request: { params: ZYearParam },
      responses: {
        200: {
          description:
            "该年安排；未载入的年份 official 为 false，按法定节日推定（不推定调休），计算结果为临时",
          content: { "application/json": { schema: ZCalendarOut } },
        },
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const { year } = c.req.valid("param");
      return c.json(present(year, await findYear(deps.db, year)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/calendar/{year}",
      tags: ["工作日历"],
      summary: "替换某年的节假日安排（系统管理员）",
      security: bearerSecurity,
      request: {
        params: ZYearParam,
        body: { content: { "application/json": { schema: ZCalendarYearBody } }, required: true },
      },
      responses: {
        200: { description: "已保存", content: { "application/json": { schema: ZCalendarOut } } },
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      requirePermission(c, "calendar.edit");
      const { year } = c.req.valid("param");
      return c.json(await saveCalendarYear(deps.db, actorOf(c), year, c.req.valid("json")), 200);
    },
  );
}

const lines = (v: unknown) =>
  String(v ?? "")
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const PROVISIONAL_NOTE = `涉及未载入或状态为“临时”的年份的结果标注为“${PROVISIONAL_LABEL}”，直到按国务院办公厅当年的通知录入为“正式”。`;

/** The largest calendar file accepted: a year's schedule is a few kilobytes. */
const MAX_IMPORT_BYTES = 512 * 1024;

function CalendarPage({
  ctx,
  years,
  form,
  importForm = emptyForm({ official: "1" }),
  importProblems = [],
}: {
  ctx: TPageCtx;
  years: TCalendarYear[];
  form: TFormState;
  importForm?: TFormState;
  importProblems?: string[];
}) {
  // The year a deadline set now most often reaches into before its notice is published.
  const nextYear = Number(todayInChina().slice(0, 4)) + 1;
  return (
    <AdminLayout ctx={ctx} title="工作日历">
      <h1>工作日历</h1>
      <p>
        答复期限等所有时限按工作日计算：周一至周五为工作日，国务院办公厅每年公布的节假日除外，公布的周末调休上班日计为工作日。
        未载入安排的年份，按《全国年节及纪念日放假办法》规定的法定节日推定：落在周一至周五的节日不计为工作日，
        不推定补休和调休上班。{PROVISIONAL_NOTE}
      </p>
      {!years.some((y) => y.year === nextYear) && (
        <p>
          {nextYear} 年尚未载入，暂按以下法定节日推定：{provisionalHolidays(nextYear).join("、")}。
        </p>
      )}
      <DataTable caption="已载入的年份" columns={["年份", "工作日上的假日", "调休上班日", "状态", "依据"]}>
        {years.map((y) => (
          <tr>
            <td>{y.year}</td>
            <td>{y.holidays.length} 天</td>
            <td>{y.workdays.join("、")}</td>
            <td>{y.official ? "正式" : "临时"}</td>
            <td>{y.source}</td>
          </tr>
        ))}
      </DataTable>
      <h2>录入或替换一年的安排</h2>
      <Form action="/admin/calendar" csrfToken={ctx.csrfToken} form={form} submitLabel="保存">
        <TextField form={form} name="year" label="年份" inputmode="numeric" isRequired />
        <TextArea
          form={form}
          name="holidays"
          label="落在工作日的假日"
          hint="每行一个日期，格式 YYYY-MM-DD；假期中的周六、周日不必填写。"
          rows={8}
        />
        <TextArea
          form={form}
          name="workdays"
          label="周末调休上班日"
          hint="每行一个日期，格式 YYYY-MM-DD。"
          rows={4}
        />
        <SelectField
          form={form}
          name="official"
          label="状态"
          options={[
            { value: "1", label: "正式（已按国务院办公厅通知录入）" },
            { value: "0", label: "临时（通知尚未公布）" },
          ]}
        />
        <TextField form={form} name="source" label="依据（通知文号）" />
      </Form>
      <h2 id="import-heading">从文件导入一年的安排</h2>
      <p>
        可上传两种文件：一是按国务院办公厅节假日安排通知制作的 iCalendar
        日历文件（.ics）——标题含“班”字的事件（如“班”“补班”“上班”“调休上班”）
        为调休上班日，其余事件的每一天为假日，其中的周六、周日本来就休息，自动略去；二是文本或 CSV
        文件，每行一个日期，写作
        “2026-01-01,holiday”（假日）或“2026-01-04,workday”（调休上班日）。导入的安排按与上面表单相同的规则检查，并替换该年原有的安排。
      </p>
      <Form
        action="/admin/calendar/import"
        csrfToken={ctx.csrfToken}
        form={importForm}
        submitLabel="导入"
        hasFiles
      >
        <TextField form={importForm} name="year" label="年份" inputmode="numeric" isRequired />
        <FileField
          form={importForm}
          name="file"
          label="日历文件"
          hint="iCalendar（.ics）或 CSV/文本文件（.csv、.txt），UTF-8 编码，不超过 512 KB。"
          accept=".ics,.csv,.txt,text/calendar,text/csv,text/plain"
          isRequired
        />
        {importProblems.length > 0 && (
          <ul class="field-error" aria-label="文件中的问题">
            {importProblems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        )}
        <SelectField
          form={importForm}
          name="official"
          label="状态"
          options={[
            { value: "1", label: "正式（已按国务院办公厅通知录入）" },
            { value: "0", label: "临时（通知尚未公布）" },
          ]}
        />
        <TextField
          form={importForm}
          name="source"
          label="依据（通知文号）"
          hint="不填时记为所导入的文件名。"
        />
      </Form>
    </AdminLayout>
  );
}

/** The administrators' calendar page: list the loaded years, paste in a new or corrected year. */
export function calendarRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  app.get("/admin/calendar", async (c) => {
    requirePermission(c, "calendar.edit");
    return c.html(
      <CalendarPage
        ctx={await pageCtx(c)}
        years={await listYears(deps.db)}
        form={emptyForm({ official: "1" })}
      />,
    );
  });
  app.post("/admin/calendar", async (c) => {
    requirePermission(c, "calendar.edit");
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    const years = await listYears(deps.db);
    const year = Number(values.year);
    return submitForm(c, {
      schema: ZCalendarYearBody.and(z.object({ year: z.number().int().min(2000).max(2100) })),
      values,
      input: {
        year: Number.isFinite(year) && values.year !== "" ? year : undefined,
        holidays: lines(values.holidays),
        workdays: lines(values.workdays),
        official: values.official !== "0",
        source: values.source ?? "",
      },
      conflictField: "year",
      render: (form) => <CalendarPage ctx={ctx} years={years} form={flattenListErrors(form)} />,
      run: async (body) => {
        await saveCalendarYear(deps.db, actorOf(c), body.year, body);
        setFlash(c, `已保存 ${body.year} 年的工作日历。`);
        return c.redirect("/admin/calendar", 303);
      },
    });
  });
  app.post("/admin/calendar/import", async (c) => {
    requirePermission(c, "calendar.edit");
    const body = await c.req.parseBody();
    const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string).trim() : "");
    const values = { year: field("year"), official: field("official") || "1", source: field("source") };
    const fail = async (errors: Record<string, string>, problems: string[] = []) =>
      c.html(
        <CalendarPage
          ctx={await pageCtx(c)}
          years={await listYears(deps.db)}
          form={emptyForm({ official: "1" })}
          importForm={{ values, errors }}
          importProblems={problems}
        />,
        422,
      );
    const year = Number(values.year);
    const file = body.file;
    const errors: Record<string, string> = {};
    if (!/^\d{4}$/.test(values.year) || year < 2000 || year > 2100)
      errors.year = "请填写 2000—2100 之间的四位年份。";
    if (!(file instanceof File) || file.size === 0) errors.file = "请选择要导入的日历文件（.ics 或 .csv）。";
    else if (file.size > MAX_IMPORT_BYTES) errors.file = "文件过大：日历文件不超过 512 KB。";
    if (values.source.length > 200) errors.source = "依据不超过 200 个字。";
    if (Object.keys(errors).length > 0 || !(file instanceof File)) return fail(errors);
    const parsed = parseCalendarFile(await file.text());
    const problems = checkImportedYear(year, parsed);
    if (problems.length > 0)
      return fail({ file: `文件中有 ${problems.length} 处问题（见下方列表），改正后请重新上传。` }, problems);
    await saveCalendarYear(deps.db, actorOf(c), year, {
      holidays: parsed.holidays,
      workdays: parsed.workdays,
      official: values.official !== "0",
      source: values.source || `导入文件 ${file.name}`.slice(0, 200),
    });
    setFlash(
      c,
      `已从文件导入 ${year} 年的工作日历：工作日上的假日 ${parsed.holidays.length} 天，调休上班日 ${parsed.workdays.length} 天。`,
    );
    return c.redirect("/admin/calendar", 303);
  });
  return app;
}

/** "holidays.3" → "holidays", so a bad date in a list shows beside that list's field. */
function flattenListErrors(form: TFormState): TFormState {
  const errors: Record<string, string> = {};
  for (const [k, v] of Object.entries(form.errors)) {
    const field = k.split(".")[0] ?? k;
    errors[field] = errors[field] ? `${errors[field]} ${v}` : v;
  }
  return { ...form, errors };
}
