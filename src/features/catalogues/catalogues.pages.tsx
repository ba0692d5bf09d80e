// The standard catalogue pages: the public catalogue per unit and area, and the back-office pages
// (a unit's items, import and export, the area list, the coverage check and its rectification list,
// and the tag section of the document page).

import type { Child } from "hono/jsx";
import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import {
  CheckboxGroup,
  FileField,
  Form,
  SelectField,
  TextArea,
  TextField,
  type TFormState,
} from "../../platform/ui/forms";
import { AdminLayout, PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TAreaRow, TItemDocumentRow, TItemRow, TRectificationRow } from "./catalogues.repository";
import {
  AUDIENCE_LABELS,
  LEVEL_LABELS,
  MODE_LABELS,
  PROBLEM_LABELS,
  STATE_LABELS,
  TIER_LABELS,
} from "./catalogues.schemas";
import { KNOWN_CHANNELS } from "./channels";
import type { coverageByUnit, TCoverageResult } from "./check-coverage";
import type { TImportResult } from "./import-catalogue";

type TUnit = { id: number; name: string };

const ruleText = (i: TItemRow) =>
  i.timeRuleDays ? `信息形成或变更后第 ${i.timeRuleDays} 个工作日内（已解析）` : "按原文执行，未解析为规则";

/** Items grouped by area then 一级事项, in catalogue order. */
function grouped(items: TItemRow[]) {
  const areas = new Map<string, Map<string, TItemRow[]>>();
  for (const i of items) {
    const a = areas.get(i.areaName) ?? new Map<string, TItemRow[]>();
    const l = a.get(i.level1) ?? [];
    l.push(i);
    a.set(i.level1, l);
    areas.set(i.areaName, a);
  }
  return areas;
}

/** /catalogues: every unit with a catalogue, and the area list. */
export function PublicCataloguesPage(props: {
  ctx: TPageCtx;
  units: (TUnit & { items: number })[];
  areas: TAreaRow[];
}) {
  return (
    <PortalLayout ctx={props.ctx} title="基层政务公开标准目录">
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current="基层政务公开标准目录" />
      <h1>基层政务公开标准目录</h1>
      <p class="lead">
        按照《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号），
        各街道办事处和区政府部门围绕“26+1+n”个领域编制本单位的标准目录，列明每个事项公开什么、依据什么、
        什么时候公开、由谁公开、在哪里公开。
      </p>
      <h2>各单位的标准目录</h2>
      {props.units.length === 0 ? (
        <p>尚未发布标准目录。</p>
      ) : (
        <ul class="unit-list">
          {props.units.map((u) => (
            <li>
              <a href={`/catalogues/${u.id}`}>{u.name}</a> <span class="muted">（{u.items} 个事项）</span>
            </li>
          ))}
        </ul>
      )}
      <h2>领域清单</h2>
      {(["state", "city"] as const).map((tier) => {
        const list = props.areas.filter((a) => a.tier === tier && a.isActive);
        return (
          <section>
            <h3>{TIER_LABELS[tier]}</h3>
            {list.length === 0 ? (
              <p class="muted">尚未设定。</p>
            ) : (
              <ol class="catalogue-areas">
                {list.map((a) => (
                  <li>{a.name}</li>
                ))}
              </ol>
            )}
          </section>
        );
      })}
      <p class="muted">各单位的“+n”领域列在该单位的目录中。</p>
    </PortalLayout>
  );
}

function ItemFacts({ item, docs }: { item: TItemRow; docs?: TItemDocumentRow[] }) {
  return (
    <dl class="facts">
      <dt>公开内容（要素）</dt>
      <dd>{item.content || "—"}</dd>
      <dt>公开依据</dt>
      <dd>{item.basis || "—"}</dd>
      <dt>公开时限</dt>
      <dd>{item.timeLimit || "—"}</dd>
      <dt>公开主体</dt>
      <dd>{item.subject || "—"}</dd>
      <dt>公开渠道和载体</dt>
      <dd>{item.channels.join("、") || "—"}</dd>
      <dt>公开对象</dt>
      <dd>{AUDIENCE_LABELS[item.audience]}</dd>
      <dt>公开方式</dt>
      <dd>{MODE_LABELS[item.mode]}</dd>
      <dt>公开层级</dt>
      <dd>{item.levels.map((l) => LEVEL_LABELS[l]).join("、") || "—"}</dd>
      {docs && (
        <>
          <dt>最近公开</dt>
          <dd>
            {docs.length === 0 ? (
              "—"
            ) : (
              <ul class="dated-list">
                {docs.map((d) => (
                  <li>
                    <a href={`/documents/${d.document_id}`}>{d.title}</a>{" "}
                    <span class="muted">{d.published_on}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </>
      )}
    </dl>
  );
}

/** /catalogues/:unitId: one unit's catalogue, by area (one area at a time when chosen). */
export function PublicCataloguePage(props: {
  ctx: TPageCtx;
  unit: TUnit;
  items: TItemRow[];
  area: string | null;
  docs: Map<number, TItemDocumentRow[]>;
}) {
  const all = grouped(props.items);
  const shown = props.area ? props.items.filter((i) => i.areaName === props.area) : props.items;
  const title = `${props.unit.name}基层政务公开标准目录`;
  return (
    <PortalLayout ctx={props.ctx} title={props.area ? `${title}（${props.area}）` : title}>
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: "/catalogues", label: "基层政务公开标准目录" },
        ]}
        current={props.unit.name}
      />
      <h1>{title}</h1>
      {props.items.length === 0 ? (
        <p>该单位尚未发布标准目录。</p>
      ) : (
        <>
          <nav aria-label="按领域查看" class="catalogue-area-nav">
            <ul class="chips">
              <li>
                <a
                  href={`/catalogues/${props.unit.id}`}
                  aria-current={props.area ? undefined : "page"}
                  class="chip"
                >
                  全部领域（{props.items.length}）
                </a>
              </li>
              {[...all].map(([name, l1]) => (
                <li>
                  <a
                    class="chip"
                    href={`/catalogues/${props.unit.id}?area=${encodeURIComponent(name)}`}
                    aria-current={props.area === name ? "page" : undefined}
                  >
                    {name}（{[...l1.values()].reduce((n, x) => n + x.length, 0)}）
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <p>
            <a href={`/catalogues/${props.unit.id}.xlsx`}>下载本单位标准目录（Excel）</a>
          </p>
          {[...grouped(shown)].map(([areaName, l1]) => (
            <section class="catalogue-area">
              <h2>{areaName}领域</h2>
              {[...l1].map(([level1, items]) => (
                <section class="catalogue-l1">
                  <h3>{level1}</h3>
                  {items.map((i) => (
                    <article class="catalogue-item">
                      <h4>{i.level2}</h4>
                      <ItemFacts item={i} docs={props.docs.get(i.id) ?? []} />
                    </article>
                  ))}
                </section>
              ))}
            </section>
          ))}
        </>
      )}
    </PortalLayout>
  );
}

/** /admin/catalogues: the units the user keeps catalogues for, and the office's tools. */
export function AdminCataloguesPage(props: {
  ctx: TPageCtx;
  units: (TUnit & { items: number })[];
  isOffice: boolean;
  openRectifications: number;
}) {
  return (
    <AdminLayout ctx={props.ctx} title="基层标准目录">
      <h1>基层标准目录</h1>
      <p>
        每个单位的标准目录列明“26+1+n”个领域中本单位应公开的事项。发布文件时在文件页标注它落实的目录事项，
        在其他渠道（公示栏、公开查阅点等）公开的，在“回头看”页登记；“回头看”据此检查每个事项是否按时、按渠道公开。
      </p>
      <ul class="action-links">
        <li>
          <a href="/admin/catalogues/coverage">标准目录落实情况“回头看”</a>
        </li>
        <li>
          <a href="/admin/catalogues/rectifications">整改清单（{props.openRectifications} 项未完成）</a>
        </li>
        {props.isOffice && (
          <li>
            <a href="/admin/catalogues/areas">领域清单（26+1+n）</a>
          </li>
        )}
      </ul>
      <DataTable caption="各单位的标准目录" columns={["单位", "事项数", "操作"]}>
        {props.units.map((u) => (
          <tr>
            <td>{u.name}</td>
            <td>{u.items}</td>
            <td>
              <a href={`/admin/catalogues/${u.id}`}>编辑目录</a>
            </td>
          </tr>
        ))}
      </DataTable>
    </AdminLayout>
  );
}

const channelOptions = KNOWN_CHANNELS.map((c) => ({ value: c, label: c }));

/** /admin/catalogues/:unitId: the unit's items, a form for one more, and import/export. */
export function AdminCataloguePage(props: {
  ctx: TPageCtx;
  unit: TUnit;
  items: TItemRow[];
  areas: TAreaRow[];
  form: TFormState;
  importForm: TFormState;
  imported?: TImportResult;
}) {
  const base = `/admin/catalogues/${props.unit.id}`;
  const areaOptions = props.areas
    .filter((a) => a.isActive)
    .map((a) => ({ value: String(a.id), label: a.name }));
  return (
    <AdminLayout ctx={props.ctx} title={`${props.unit.name} 标准目录`}>
      <Breadcrumbs items={[{ href: "/admin/catalogues", label: "基层标准目录" }]} current={props.unit.name} />
      <h1>{props.unit.name} 标准目录</h1>
      <p>
        <a href={`/catalogues/${props.unit.id}`}>查看公开页面</a> ·{" "}
        <a href={`/catalogues/${props.unit.id}.xlsx`}>导出 Excel</a>
      </p>
      {props.imported && (
        <div class="notice" role="status">
          <p>已导入 {props.imported.created} 个事项。</p>
          {props.imported.failed.length > 0 && (
            <>
              <p>以下 {props.imported.failed.length} 行未导入：</p>
              <ul>
                {props.imported.failed.map((f) => (
                  <li>
                    第 {f.row} 行：{f.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <h2>事项（{props.items.length}）</h2>
      {props.items.length === 0 ? (
        <p>尚无事项。可以逐条新增，或从 Excel 导入。</p>
      ) : (
        <div class="stats-table">
          <DataTable
            caption={`${props.unit.name}标准目录事项`}
            columns={["领域", "一级事项", "二级事项", "公开时限", "时限规则", "公开渠道", "公开方式", "操作"]}
          >
            {props.items.map((i) => (
              <tr>
                <td>{i.areaName}</td>
                <td>{i.level1}</td>
                <td>{i.level2}</td>
                <td>{i.timeLimit || "—"}</td>
                <td>{ruleText(i)}</td>
                <td>{i.channels.join("、") || "—"}</td>
                <td>{MODE_LABELS[i.mode]}</td>
                <td>
                  <form method="post" action={`${base}/items/${i.id}/retire`} class="inline">
                    <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
                    <button type="submit" class="link-button" aria-label={`移出目录：${i.level2}`}>
                      移出目录
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      <h2>新增事项</h2>
      <Form action={`${base}/items`} csrfToken={props.ctx.csrfToken} form={props.form} submitLabel="新增事项">
        <SelectField
          form={props.form}
          name="area"
          label="领域"
          options={areaOptions}
          placeholder="请选择"
          isRequired
        />
        <TextField form={props.form} name="level1" label="一级事项" isRequired maxLength={100} />
        <TextField form={props.form} name="level2" label="二级事项" isRequired maxLength={200} />
        <TextArea form={props.form} name="content" label="公开内容（要素）" rows={3} maxLength={2000} />
        <TextArea form={props.form} name="basis" label="公开依据" rows={3} maxLength={2000} />
        <TextField
          form={props.form}
          name="timeLimit"
          label="公开时限"
          hint="照目录原文填写，例如“信息形成或者变更之日起20个工作日内”；能确定为工作日规则的，“回头看”按工作日历检查。"
          maxLength={200}
        />
        <TextField form={props.form} name="subject" label="公开主体" maxLength={200} />
        <CheckboxGroup form={props.form} name="channels" label="公开渠道和载体" options={channelOptions} />
        <SelectField
          form={props.form}
          name="audience"
          label="公开对象"
          isRequired
          options={Object.entries(AUDIENCE_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          form={props.form}
          name="mode"
          label="公开方式"
          isRequired
          options={Object.entries(MODE_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <CheckboxGroup
          form={props.form}
          name="levels"
          label="公开层级"
          isRequired
          options={Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField
          form={props.form}
          name="keywords"
          label="关键词"
          hint="用顿号或逗号分开，用于为文件推荐目录事项。"
        />
      </Form>
      <h2>从 Excel 导入</h2>
      <p>
        支持各区县常用的目录版式：标题行写明领域，两行合并表头（公开事项 /
        一级事项、二级事项；公开对象、公开方式、公开层级下打“√”），
        一级、二级事项可以跨行合并。不能导入的行会逐条列出原因，其余各行照常导入。
      </p>
      <Form
        action={`${base}/import`}
        csrfToken={props.ctx.csrfToken}
        form={props.importForm}
        submitLabel="导入"
        hasFiles
      >
        <FileField form={props.importForm} name="file" label="目录文件（.xlsx）" accept=".xlsx" isRequired />
        <SelectField
          form={props.importForm}
          name="importArea"
          label="领域"
          hint="文件标题或“领域”列已写明领域的，可不选。"
          options={areaOptions.map((o) => ({ value: o.label, label: o.label }))}
          placeholder="按文件中的写法"
        />
      </Form>
    </AdminLayout>
  );
}

/** /admin/catalogues/areas: the 26 + 1 + n areas. */
export function AreasPage(props: { ctx: TPageCtx; areas: TAreaRow[]; units: TUnit[]; form: TFormState }) {
  const names = new Map(props.units.map((u) => [u.id, u.name]));
  return (
    <AdminLayout ctx={props.ctx} title="领域清单">
      <Breadcrumbs items={[{ href: "/admin/catalogues", label: "基层标准目录" }]} current="领域清单" />
      <h1>领域清单（26+1+n）</h1>
      <p>
        国务院26个领域随平台提供（来源见各行）；市级“+1”领域和各单位的“+n”领域在此添加。停用的领域不再供新事项选择，已有事项保留。
      </p>
      <DataTable caption="领域清单" columns={["领域", "类别", "单位", "来源", "状态", "操作"]}>
        {props.areas.map((a) => (
          <tr>
            <td>{a.name}</td>
            <td>{TIER_LABELS[a.tier]}</td>
            <td>{a.unitId ? names.get(a.unitId) : "—"}</td>
            <td>{a.source || "—"}</td>
            <td>{a.isActive ? "使用中" : "已停用"}</td>
            <td>
              <form
                method="post"
                action={`/admin/catalogues/areas/${a.id}/${a.isActive ? "retire" : "restore"}`}
                class="inline"
              >
                <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
                <button
                  type="submit"
                  class="link-button"
                  aria-label={`${a.isActive ? "停用" : "恢复"}：${a.name}`}
                >
                  {a.isActive ? "停用" : "恢复"}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>添加领域</h2>
      <Form
        action="/admin/catalogues/areas"
        csrfToken={props.ctx.csrfToken}
        form={props.form}
        submitLabel="添加"
      >
        <TextField form={props.form} name="name" label="领域名称" isRequired maxLength={40} />
        <SelectField
          form={props.form}
          name="tier"
          label="类别"
          isRequired
          options={(["city", "unit", "state"] as const).map((t) => ({ value: t, label: TIER_LABELS[t] }))}
        />
        <SelectField
          form={props.form}
          name="unitId"
          label="所属单位（仅“+n”领域）"
          options={props.units.map((u) => ({ value: String(u.id), label: u.name }))}
          placeholder="不属于某个单位"
        />
        <TextField form={props.form} name="source" label="来源（文件名称、文号）" maxLength={200} />
      </Form>
    </AdminLayout>
  );
}

const problemText = (r: TCoverageResult[number]) =>
  r.problems.length ? r.problems.map((p) => PROBLEM_LABELS[p]).join("、") : STATE_LABELS[r.state];

/** /admin/catalogues/coverage: the check over a period, by unit and item; the office files rectifications. */
export function CoveragePage(props: {
  ctx: TPageCtx;
  units: TUnit[];
  unitId: number | null;
  from: string;
  to: string;
  result: TCoverageResult;
  byUnit: ReturnType<typeof coverageByUnit>;
  isOffice: boolean;
  postingForm: TFormState;
  rectifyForm: TFormState;
}) {
  const names = new Map(props.units.map((u) => [u.id, u.name]));
  const q = `from=${props.from}&to=${props.to}${props.unitId ? `&unitId=${props.unitId}` : ""}`;
  const problems = props.result.filter((r) => r.problems.length);
  const items = props.result.filter((r) => r.state !== "not_applicable");
  return (
    <AdminLayout ctx={props.ctx} title="标准目录落实情况“回头看”">
      <Breadcrumbs items={[{ href: "/admin/catalogues", label: "基层标准目录" }]} current="回头看" />
      <h1>标准目录落实情况“回头看”</h1>
      <p>
        对公开时限能确定为工作日规则的主动公开事项，检查所选期间内：有没有公开（未公开）、是否在信息形成后规定的工作日内公开
        （逾期公开，按工作日历计算，形成当日不计）、是否在目录列明的渠道公开（渠道不符）。在本平台发布的文件视为在“政府网站”公开。
      </p>
      <form method="get" action="/admin/catalogues/coverage" class="filters">
        <div class="field">
          <label for="cov-from">开始日期</label>
          <input id="cov-from" type="date" name="from" value={props.from} required />
        </div>
        <div class="field">
          <label for="cov-to">结束日期</label>
          <input id="cov-to" type="date" name="to" value={props.to} required />
        </div>
        <div class="field">
          <label for="cov-unit">单位</label>
          <select id="cov-unit" name="unitId">
            {props.units.length > 1 && <option value="">全部单位</option>}
            {props.units.map((u) => (
              <option value={String(u.id)} selected={u.id === props.unitId}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          检查
        </button>
      </form>
      <p>
        <a href={`/admin/catalogues/coverage.xlsx?${q}`}>导出 Excel（汇总与问题清单）</a>
      </p>
      <h2>按单位汇总</h2>
      <div class="stats-table">
        <DataTable
          caption="按单位汇总"
          columns={["单位", "检查事项", "已按要求公开", "未公开", "逾期公开", "渠道不符", "不检查", "落实率"]}
          className="stats-numbers"
        >
          {[...props.byUnit].map(([unitId, c]) => (
            <tr>
              <th scope="row">{names.get(unitId) ?? unitId}</th>
              <td>{c.checked}</td>
              <td>{c.ok}</td>
              <td>{c.missing}</td>
              <td>{c.late}</td>
              <td>{c.wrong_channel}</td>
              <td>{c.not_applicable}</td>
              <td>{c.checked ? `${Math.round((c.ok / c.checked) * 1000) / 10}%` : "—"}</td>
            </tr>
          ))}
        </DataTable>
      </div>
      <h2>
        逐项结果（{items.length} 个检查事项，{problems.length} 个有问题）
      </h2>
      <form method="post" action={`/admin/catalogues/rectifications?${q}`}>
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
        <input type="hidden" name="from" value={props.from} />
        <input type="hidden" name="to" value={props.to} />
        <div class="stats-table">
          <DataTable
            caption="逐项检查结果"
            columns={[...(props.isOffice ? ["选择"] : []), "单位", "领域", "事项", "结果", "公开情况"]}
          >
            {items.map((r) => (
              <tr id={`item-${r.itemId}`}>
                {props.isOffice && (
                  <td>
                    {r.problems.length > 0 && (
                      <input
                        type="checkbox"
                        name="itemIds"
                        value={String(r.itemId)}
                        checked
                        aria-label={`列入整改：${r.level2}`}
                      />
                    )}
                  </td>
                )}
                <td>{names.get(r.unitId)}</td>
                <td>{r.area}</td>
                <td>
                  {r.level1} / {r.level2}
                  <br />
                  <span class="muted">{r.timeLimit}</span>
                </td>
                <td>
                  <span class={`badge coverage-${r.state}`}>{problemText(r)}</span>
                </td>
                <td>
                  {r.documents.length === 0
                    ? "—"
                    : r.documents.map((d) => (
                        <p>
                          {d.documentId ? (
                            <a href={`/admin/documents/${d.documentId}`}>{d.title}</a>
                          ) : (
                            d.title
                          )}
                          （{d.publishedOn} 公开
                          {d.dueDate
                            ? `，应于 ${d.dueDate} 前${d.isProvisional ? "（暂定）" : ""}`
                            : "，无形成日期"}
                          ；{d.channels.join("、")}）
                        </p>
                      ))}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
        {props.isOffice && problems.length > 0 && (
          <fieldset>
            <legend>将选中事项的问题列入整改清单</legend>
            {props.rectifyForm.errors.deadline && (
              <p class="field-error" id="f-deadline-error">
                {props.rectifyForm.errors.deadline}
              </p>
            )}
            <div class="field">
              <label for="f-deadline">整改期限</label>
              <input
                id="f-deadline"
                type="date"
                name="deadline"
                required
                value={String(props.rectifyForm.values.deadline ?? "")}
              />
            </div>
            <button type="submit" class="button">
              列入整改清单
            </button>
          </fieldset>
        )}
      </form>
      <h2>登记其他渠道的公开</h2>
      <p>
        在公示栏、公开查阅点、两微一端等渠道公开的，登记渠道和日期；对应本平台已发布文件的，填写文件编号。
      </p>
      <Form
        action={`/admin/catalogues/postings?${q}`}
        csrfToken={props.ctx.csrfToken}
        form={props.postingForm}
        submitLabel="登记"
      >
        <SelectField
          form={props.postingForm}
          name="itemId"
          label="目录事项"
          isRequired
          placeholder="请选择"
          options={props.result.map((r) => ({
            value: String(r.itemId),
            label: `${names.get(r.unitId) ?? ""}：${r.area} / ${r.level1} / ${r.level2}`,
          }))}
        />
        <SelectField
          form={props.postingForm}
          name="channel"
          label="渠道"
          isRequired
          options={channelOptions}
        />
        <TextField form={props.postingForm} name="title" label="公开内容标题" maxLength={200} />
        <TextField
          form={props.postingForm}
          name="documentId"
          label="对应文件编号（可不填）"
          inputmode="numeric"
        />
        <TextField form={props.postingForm} name="formedOn" label="信息形成日期" type="date" />
        <TextField form={props.postingForm} name="postedOn" label="公开（张贴）日期" type="date" isRequired />
      </Form>
    </AdminLayout>
  );
}

/** /admin/catalogues/rectifications: problems to put right, with deadlines and the unit's follow-up. */
export function RectificationsPage(props: {
  ctx: TPageCtx;
  units: TUnit[];
  rows: { r: TRectificationRow; level1: string; level2: string; areaName: string }[];
  isOffice: boolean;
  today: string;
}) {
  const names = new Map(props.units.map((u) => [u.id, u.name]));
  return (
    <AdminLayout ctx={props.ctx} title="标准目录整改清单">
      <Breadcrumbs items={[{ href: "/admin/catalogues", label: "基层标准目录" }]} current="整改清单" />
      <h1>标准目录整改清单</h1>
      {props.rows.length === 0 ? (
        <p>没有整改事项。</p>
      ) : (
        props.rows.map(({ r, level1, level2, areaName }) => (
          <section class="card rectification">
            <h2>
              {names.get(r.unitId)}：{areaName} / {level1} / {level2}
            </h2>
            <dl class="facts">
              <dt>问题</dt>
              <dd>
                {PROBLEM_LABELS[r.problem]}（检查期间 {r.periodFrom} 至 {r.periodTo}）
              </dd>
              <dt>整改期限</dt>
              <dd>
                {r.deadline}
                {r.status === "open" && r.deadline < props.today && (
                  <strong class="task-late">（已超期）</strong>
                )}
              </dd>
              <dt>状态</dt>
              <dd>{r.status === "open" ? "整改中" : `已销号（${r.closedBy ?? ""}）`}</dd>
              <dt>整改情况</dt>
              <dd>{r.followUp || "—"}</dd>
            </dl>
            {r.status === "open" && (
              <form method="post" action={`/admin/catalogues/rectifications/${r.id}`} class="form">
                <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
                <div class="field">
                  <label for={`follow-${r.id}`}>整改情况</label>
                  <textarea id={`follow-${r.id}`} name="followUp" rows={2} required maxlength={2000}>
                    {r.followUp}
                  </textarea>
                </div>
                {props.isOffice && (
                  <p>
                    <label>
                      <input type="checkbox" name="isDone" value="1" /> 整改到位，销号
                    </label>
                  </p>
                )}
                <button type="submit" class="button">
                  保存整改情况
                </button>
              </form>
            )}
          </section>
        ))
      )}
    </AdminLayout>
  );
}

/** The section of the back-office document page: tag the catalogue items the document carries out. */
export function TagPanel(props: {
  documentId: number;
  csrfToken: string;
  items: TItemRow[];
  tagged: number[];
  suggested: number[];
}): Child {
  const tagged = new Set(props.tagged);
  const suggested = new Set(props.suggested);
  const order = [
    ...props.items.filter((i) => tagged.has(i.id)),
    ...props.items.filter((i) => !tagged.has(i.id) && suggested.has(i.id)),
    ...props.items.filter((i) => !tagged.has(i.id) && !suggested.has(i.id)),
  ];
  return (
    <section class="doc-check catalogue-tags" aria-labelledby="catalogue-tags-h">
      <h2 id="catalogue-tags-h">落实的标准目录事项</h2>
      {props.items.length === 0 ? (
        <p>发布机构尚无标准目录。</p>
      ) : (
        <form method="post" action={`/admin/catalogues/documents/${props.documentId}/items`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <p class="hint">按标题、主题和发布机构推荐的事项标有“推荐”；请确认后保存。</p>
          <fieldset>
            <legend>目录事项</legend>
            <ul class="catalogue-tag-list">
              {order.slice(0, 60).map((i) => (
                <li>
                  <label>
                    <input type="checkbox" name="itemIds" value={String(i.id)} checked={tagged.has(i.id)} />{" "}
                    {i.areaName} / {i.level1} / {i.level2}
                    {suggested.has(i.id) && !tagged.has(i.id) && <span class="badge"> 推荐</span>}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" class="button">
            保存标注
          </button>
        </form>
      )}
    </section>
  );
}
