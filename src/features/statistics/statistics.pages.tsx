import { PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TUnitRow } from "../org";
import { rate, type TAppealSummary, type TStatistics } from "./compute-statistics";
import { BarChart, ColumnChart } from "./svg-charts";

/** A share as a percentage with one decimal (0.6667 → "66.7%"); "—" when there is nothing to divide. */
export const percent = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

function Filters({ stats, units, thisYear }: { stats: TStatistics; units: TUnitRow[]; thisYear: number }) {
  const years = Array.from({ length: 7 }, (_, i) => thisYear - i);
  if (!years.includes(stats.year)) years.unshift(stats.year);
  return (
    <form method="get" action="/statistics" class="filters stats-filters" aria-label="选择年度和单位">
      <div class="field">
        <label for="stats-year">年度</label>
        <select id="stats-year" name="year">
          {years.map((y) => (
            <option value={String(y)} selected={y === stats.year}>
              {y}年
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="stats-unit">单位</label>
        <select id="stats-unit" name="unitId">
          <option value="">全区</option>
          {units.map((u) => (
            <option value={String(u.id)} selected={u.id === stats.unitId}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        查看统计
      </button>
    </form>
  );
}

/** A chart and its table side by side; the table scrolls sideways on a narrow screen, reachable by keyboard. */
function Figure({ label, children, table }: { label: string; children: unknown; table: unknown }) {
  return (
    <div class="stats-figure">
      <div class="stats-chart">{children}</div>
      <section class="stats-table" aria-label={label} tabindex={0}>
        {table}
      </section>
    </div>
  );
}

function Requests({ stats }: { stats: TStatistics }) {
  const { months, total } = stats.requests;
  return (
    <section aria-labelledby="stats-requests">
      <h2 id="stats-requests">依申请公开</h2>
      <p class="stats-key">
        全年收到申请 <strong>{total.received}</strong> 件，按时答复率{" "}
        <strong>{percent(total.onTimeShare)}</strong>
        （按时 {total.onTime} 件，逾期答复 {total.late} 件，逾期未办结 {total.openOverdue} 件）。
      </p>
      <Figure
        label="每月申请数据表"
        table={
          <DataTable
            caption={`${stats.year}年每月收到的申请和按时答复情况`}
            columns={["月份", "收到", "按时答复", "逾期答复", "逾期未办结", "办理中", "按时答复率"]}
            className="stats-numbers"
          >
            {[...months, total].map((m) => (
              <tr>
                <th scope="row">{m.month === 0 ? "合计" : `${m.month}月`}</th>
                <td>{m.received}</td>
                <td>{m.onTime}</td>
                <td>{m.late}</td>
                <td>{m.openOverdue}</td>
                <td>{m.openInTime}</td>
                <td>{percent(m.onTimeShare)}</td>
              </tr>
            ))}
          </DataTable>
        }
      >
        <ColumnChart
          id="chart-requests"
          title={`${stats.year}年每月收到的申请`}
          desc={months.map((m) => `${m.month}月 ${m.received} 件`).join("，")}
          data={months.map((m, i) => ({ label: MONTHS[i] ?? "", value: m.received }))}
        />
        <ColumnChart
          id="chart-on-time"
          title={`${stats.year}年每月收到的申请的按时答复率`}
          desc={months.map((m) => `${m.month}月 ${percent(m.onTimeShare)}`).join("，")}
          max={100}
          data={months.map((m, i) => ({
            label: MONTHS[i] ?? "",
            value: m.onTimeShare === null ? 0 : m.onTimeShare * 100,
            text: m.onTimeShare === null ? "" : `${Math.round(m.onTimeShare * 100)}%`,
          }))}
        />
      </Figure>
    </section>
  );
}

function Outcomes({ stats }: { stats: TStatistics }) {
  return (
    <section aria-labelledby="stats-outcomes">
      <h2 id="stats-outcomes">办理结果</h2>
      <p class="stats-key">
        本年办结 <strong>{stats.concluded}</strong> 件（含上年结转），按年度报告表三的分类统计。
      </p>
      <Figure
        label="办理结果数据表"
        table={
          <DataTable
            caption={`${stats.year}年办结申请的办理结果`}
            columns={["办理结果", "件数"]}
            className="stats-numbers"
          >
            {stats.outcomes.map((o) => (
              <tr>
                <th scope="row">{o.group}</th>
                <td>{o.count}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">合计</th>
              <td>{stats.concluded}</td>
            </tr>
          </DataTable>
        }
      >
        <BarChart
          id="chart-outcomes"
          title={`${stats.year}年办结申请的办理结果`}
          desc={stats.outcomes.map((o) => `${o.group} ${o.count} 件`).join("，")}
          data={stats.outcomes.map((o) => ({ label: o.group, value: o.count }))}
        />
      </Figure>
    </section>
  );
}

function AppealRow({ label, a }: { label: string; a: TAppealSummary }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{a.total}</td>
      <td>{a.upheld}</td>
      <td>{a.corrected}</td>
      <td>{a.other}</td>
      <td>{a.pending}</td>
      <td>{percent(a.correctionRate)}</td>
    </tr>
  );
}

function Appeals({ stats }: { stats: TStatistics }) {
  const { reconsideration: r, litigation: l } = stats.appeals;
  const data = [
    { label: "复议 维持", value: r.upheld },
    { label: "复议 纠错", value: r.corrected },
    { label: "复议 其他或未审结", value: r.other + r.pending },
    { label: "诉讼 维持", value: l.upheld },
    { label: "诉讼 纠错", value: l.corrected },
    { label: "诉讼 其他或未审结", value: l.other + l.pending },
  ];
  return (
    <section aria-labelledby="stats-appeals">
      <h2 id="stats-appeals">行政复议和行政诉讼</h2>
      <p class="stats-key">
        行政复议纠错率 <strong>{percent(r.correctionRate)}</strong>，行政诉讼纠错率{" "}
        <strong>{percent(l.correctionRate)}</strong>（被纠错件数 ÷ 已审结件数）。
      </p>
      <Figure
        label="行政复议和行政诉讼数据表"
        table={
          <DataTable
            caption={`${stats.year}年提起的行政复议和行政诉讼`}
            columns={["类别", "总计", "维持", "纠错", "其他结果", "尚未审结", "纠错率"]}
            className="stats-numbers"
          >
            <AppealRow label="行政复议" a={r} />
            <AppealRow label="行政诉讼" a={l} />
          </DataTable>
        }
      >
        <BarChart
          id="chart-appeals"
          title={`${stats.year}年行政复议和行政诉讼的结果`}
          desc={data.map((d) => `${d.label} ${d.value} 件`).join("，")}
          data={data}
        />
      </Figure>
    </section>
  );
}

function Documents({ stats }: { stats: TStatistics }) {
  const { months, units, total } = stats.documents;
  const dated = total.published - total.undated;
  return (
    <section aria-labelledby="stats-documents">
      <h2 id="stats-documents">主动公开</h2>
      <p class="stats-key">
        本年发布 <strong>{total.published}</strong> 件；超过成文后 20 个工作日才公开的{" "}
        <strong>{total.late}</strong> 件（占有成文日期的 {dated} 件的 {percent(rate(total.late, dated))}）。
        {total.undated > 0 && `另有 ${total.undated} 件没有登记成文日期，无法判断是否按时公开。`}
      </p>
      <Figure
        label="每月发布文件数据表"
        table={
          <DataTable
            caption={`${stats.year}年每月发布的文件`}
            columns={["月份", "发布", "逾期公开"]}
            className="stats-numbers"
          >
            {months.map((m) => (
              <tr>
                <th scope="row">{m.month}月</th>
                <td>{m.published}</td>
                <td>{m.late}</td>
              </tr>
            ))}
          </DataTable>
        }
      >
        <ColumnChart
          id="chart-documents-months"
          title={`${stats.year}年每月发布的文件`}
          desc={months.map((m) => `${m.month}月 ${m.published} 件`).join("，")}
          data={months.map((m, i) => ({ label: MONTHS[i] ?? "", value: m.published }))}
        />
      </Figure>
      <h3>按发布机构</h3>
      {units.length === 0 ? (
        <p>本年没有发布文件。</p>
      ) : (
        <Figure
          label="各发布机构数据表"
          table={
            <DataTable
              caption={`${stats.year}年各发布机构发布的文件`}
              columns={["发布机构", "发布", "逾期公开", "无成文日期"]}
              className="stats-numbers"
            >
              {units.map((u) => (
                <tr>
                  <th scope="row">{u.unitName}</th>
                  <td>{u.published}</td>
                  <td>{u.late}</td>
                  <td>{u.undated}</td>
                </tr>
              ))}
            </DataTable>
          }
        >
          <BarChart
            id="chart-documents-units"
            title={`${stats.year}年各发布机构发布的文件`}
            desc={units.map((u) => `${u.unitName} ${u.published} 件`).join("，")}
            data={units.map((u) => ({ label: u.unitName, value: u.published }))}
          />
        </Figure>
      )}
    </section>
  );
}

export function StatisticsPage({
  ctx,
  stats,
  units,
  thisYear,
}: {
  ctx: TPageCtx;
  stats: TStatistics;
  units: TUnitRow[];
  thisYear: number;
}) {
  const unitName = units.find((u) => u.id === stats.unitId)?.name;
  const title = `${stats.year}年政府信息公开统计${unitName ? `（${unitName}）` : ""}`;
  return (
    <PortalLayout ctx={ctx} title={title}>
      <div class="statistics">
        <h1>{title}</h1>
        <p class="lead">
          根据本平台登记的申请、答复、行政复议和诉讼以及发布的文件自动生成，每次打开本页时重新计算。
          {stats.year === thisYear ? `本年数据截至 ${stats.asOf}。` : ""}
          只统计件数，不含任何申请人信息。
        </p>
        <Filters stats={stats} units={units} thisYear={thisYear} />
        <Requests stats={stats} />
        <Outcomes stats={stats} />
        <Appeals stats={stats} />
        <Documents stats={stats} />
        <section aria-labelledby="stats-method">
          <h2 id="stats-method">统计口径</h2>
          <ul>
            <li>
              申请按收到（确认收到）的月份计入；单位为承办单位。法定答复期限为收到之日起 20
              个工作日，依法延期、补正、
              征求第三方意见和缴费期间按《政府信息公开条例》第三十条至第三十三条、第四十二条计算；在期限当日或之前作出答复为按时。
              尚未办结的申请，以 {stats.asOf}{" "}
              判断是否已逾期；申请人未补正而终止、从未起算期限的申请不计入按时答复率。
            </li>
            <li>
              办理结果、行政复议和行政诉讼与年度报告的统计方法相同：办理结果按本年办结的申请计，复议和诉讼按本年提起的案件计、结果以年末为准。
            </li>
            <li>
              纠错率为被复议机关或人民法院纠错的件数除以已审结的件数；行政诉讼含未经复议直接起诉和复议后起诉。
            </li>
            <li>
              文件按发布日期计入发布机构；成文之日起 20
              个工作日内公开为按时（条例第二十六条）。没有登记成文日期的文件无法判断，单独列出。
            </li>
          </ul>
        </section>
      </div>
    </PortalLayout>
  );
}
