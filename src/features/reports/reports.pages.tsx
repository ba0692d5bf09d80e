import type { TFieldIssue } from "../../platform/errors";
import { Form, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import { planProgressText } from "./plan-progress";
import type { TReportModel } from "./render-markdown";
import { formatWanYuan, PROACTIVE_LABELS as L, REPORT_SECTIONS, reportTitle } from "./report-layout";
import { AppealsTable, ProactiveTable, RequestsTable } from "./report-tables";

export const STATUS_TEXT = { new: "未开始", draft: "草稿", published: "已发布" } as const;

export type TUnitReportStatus = {
  unitId: number | null;
  name: string;
  status: keyof typeof STATUS_TEXT;
  documentId: number | null;
};

const unitQuery = (unitId: number | null) => (unitId === null ? "" : `?unitId=${unitId}`);

/** The year's reports, one line per unit the user may edit, and the choice of year. */
export function ReportsIndexPage(props: {
  ctx: TPageCtx;
  year: number;
  years: number[];
  rows: TUnitReportStatus[];
}) {
  return (
    <AdminLayout ctx={props.ctx} title="政府信息公开工作年度报告">
      <h1>政府信息公开工作年度报告</h1>
      <p>
        各部门的年度报告应于每年 1 月 31 日前、区人民政府的年度报告应于每年 3 月 31
        日前向社会公布（《政府信息公开条例》第四十九条、第五十条）。统计数据由系统按办理记录生成，一、五、六部分由工作人员撰写。
      </p>
      <form method="get" action="/admin/reports" class="filters">
        <label for="f-year">报告年度</label>
        <select id="f-year" name="year">
          {props.years.map((y) => (
            <option value={String(y)} selected={y === props.year}>
              {y} 年
            </option>
          ))}
        </select>
        <button type="submit" class="button">
          查看
        </button>
      </form>
      <DataTable caption={`${props.year} 年度报告的编写情况`} columns={["单位", "状态", "操作"]}>
        {props.rows.map((r) => (
          <tr>
            <td>{r.name}</td>
            <td>{STATUS_TEXT[r.status]}</td>
            <td>
              <a href={`/admin/reports/${props.year}${unitQuery(r.unitId)}`}>
                {r.status === "published" ? "查看" : "编写"}
                <span class="visually-hidden">{r.name}的年度报告</span>
              </a>
              {r.documentId !== null && (
                <>
                  {" "}
                  · <a href={`/documents/${r.documentId}`}>公开目录中的报告</a>
                </>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </AdminLayout>
  );
}

/** The checks: each failing column or request listed with what staff need to find and fix it. */
function Checks({ c }: { c: TReportModel["report"]["checks"] }) {
  if (c.isPassing)
    return (
      <p class="notice">
        校验通过：各列“一 + 二 = 三（七） + 四”均成立，没有缺少处理结果或逾期未办结的申请。
      </p>
    );
  return (
    <div class="alert" role="alert">
      <p>校验未通过，须处理以下问题后才能发布：</p>
      <ul>
        {c.unbalanced.map((u) => (
          <li>
            “{u.label}”列：一（{u.newThisYear}）+ 二（{u.carriedOver}）≠ 三（七）（{u.concluded}）+ 四（
            {u.carriedForward}）
          </li>
        ))}
        {c.withoutOutcome.map((r) => (
          <li>
            <a href={`/admin/requests/${r.requestId}`}>{r.receiptNo}</a>（{r.unitName}）：{r.date}{" "}
            办结，但没有有效的处理结果
          </li>
        ))}
        {c.overdueOpen.map((r) => (
          <li>
            <a href={`/admin/requests/${r.requestId}`}>{r.receiptNo}</a>（{r.unitName}）：答复期限 {r.date}
            ，至今未办结
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Staff's text as paragraphs, or a note that it is still to be written. */
function Text({ text }: { text: string }) {
  const parts = text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return <p class="muted">（尚未撰写）</p>;
  return (
    <>
      {parts.map((s) => (
        <p>{s}</p>
      ))}
    </>
  );
}

/** The narrative as form values (numbers as text, the checkbox as "1"). */
export function narrativeForm(n: TReportModel["narrative"]): TFormState {
  return {
    values: {
      ...n,
      includePlanProgress: n.includePlanProgress ? "1" : "",
      licensingCount: String(n.licensingCount),
      penaltyCount: String(n.penaltyCount),
      enforcementCount: String(n.enforcementCount),
      feeAmount: formatWanYuan(n.feeAmount),
    },
    errors: {},
  };
}

/** One year's report of one unit: the official tables, the checks, the form, publication, download. */
export function ReportPage(props: {
  ctx: TPageCtx;
  model: TReportModel;
  unitName: string;
  form: TFormState;
  publishIssues?: TFieldIssue[];
}) {
  const { report, narrative, plan } = props.model;
  const q = unitQuery(report.unitId);
  const isPublished = narrative.status === "published";
  const title = reportTitle(narrative.issuerName, report.year);
  return (
    <AdminLayout ctx={props.ctx} title={title}>
      <p>
        <a href={`/admin/reports?year=${report.year}`}>年度报告</a> › {props.unitName}
      </p>
      <h1>{title}</h1>
      <p>
        状态：{STATUS_TEXT[narrative.status]}
        {narrative.documentId !== null && (
          <>
            {" "}
            · <a href={`/documents/${narrative.documentId}`}>在信息公开目录中查看</a>
          </>
        )}{" "}
        · <a href={`/api/v1/reports/annual/${report.year}.docx${q}`}>下载 Word 文件</a>
      </p>
      {narrative.isCarriedOver && (
        <p class="notice">本年度报告尚未保存：一、五、六部分已沿用上一年度报告的内容，请修改后保存。</p>
      )}

      <h2>校验</h2>
      <Checks c={report.checks} />

      <h2>{REPORT_SECTIONS.overview}</h2>
      <Text text={narrative.overview} />
      <h2 id="s-proactive">{REPORT_SECTIONS.proactive}</h2>
      <ProactiveTable p={report.proactive} labelledBy="s-proactive" />
      <h2 id="s-requests">{REPORT_SECTIONS.requests}</h2>
      <RequestsTable t={report.requests} labelledBy="s-requests" />
      <h2 id="s-appeals">{REPORT_SECTIONS.appeals}</h2>
      <AppealsTable a={report.appeals} labelledBy="s-appeals" />
      <h2>{REPORT_SECTIONS.problems}</h2>
      <Text text={narrative.problems} />
      <h2>{REPORT_SECTIONS.other}</h2>
      <Text text={narrative.otherMatters} />
      {plan ? (
        <p>
          {planProgressText(report.year, plan)}
          {narrative.includePlanProgress ? "（已列入第六部分）" : "（未列入第六部分）"}
        </p>
      ) : (
        <p class="muted">本年度尚未在工作台账中导入政务公开工作要点。</p>
      )}

      {!isPublished && (
        <>
          <h2 id="narrative">撰写与录入</h2>
          <Form
            action={`/admin/reports/${report.year}/narrative${q}`}
            csrfToken={props.ctx.csrfToken}
            form={props.form}
            submitLabel="保存"
          >
            <TextField
              form={props.form}
              name="issuerName"
              label="报告机关名称（用于标题）"
              isRequired
              maxLength={100}
            />
            <TextArea
              form={props.form}
              name="overview"
              label={REPORT_SECTIONS.overview}
              hint="主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况。"
              rows={10}
            />
            <TextField
              form={props.form}
              name="licensingCount"
              label={`${L.licensing}：${L.decisions}`}
              inputmode="numeric"
            />
            <TextField
              form={props.form}
              name="penaltyCount"
              label={`${L.penalties}：${L.decisions}`}
              inputmode="numeric"
            />
            <TextField
              form={props.form}
              name="enforcementCount"
              label={`${L.enforcement}：${L.decisions}`}
              inputmode="numeric"
            />
            <TextField form={props.form} name="feeAmount" label={`${L.fees}：${L.feeAmount}`} />
            <TextArea form={props.form} name="problems" label={REPORT_SECTIONS.problems} rows={6} />
            <TextArea
              form={props.form}
              name="otherMatters"
              label={REPORT_SECTIONS.other}
              hint="收取信息处理费的情况在此说明。"
              rows={6}
            />
            <div class="field">
              <div class="check">
                <input
                  type="checkbox"
                  id="f-includePlanProgress"
                  name="includePlanProgress"
                  value="1"
                  checked={props.form.values.includePlanProgress === "1"}
                />
                <label for="f-includePlanProgress">
                  在第六部分列出本年度政务公开工作要点的落实情况（来自工作台账）
                </label>
              </div>
            </div>
          </Form>
          <h2 id="publish">发布</h2>
          {props.publishIssues && props.publishIssues.length > 0 && (
            <div class="error-summary" role="alert" tabindex={-1}>
              <h2>未能发布：{props.publishIssues.length} 处问题须先处理</h2>
              <ul>
                {props.publishIssues.map((i) => (
                  <li>{i.message}</li>
                ))}
              </ul>
            </div>
          )}
          <p>
            发布后，年度报告全文作为“通知公告”在信息公开目录中公开，报告不能再修改。校验未通过时不能发布。
          </p>
          <Form
            action={`/admin/reports/${report.year}/publish${q}`}
            csrfToken={props.ctx.csrfToken}
            submitLabel="发布年度报告"
          />
        </>
      )}
    </AdminLayout>
  );
}
