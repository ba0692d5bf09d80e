// The office's spot checks of concluded requests (依申请公开办理质量抽查): draw a recorded, repeatable
// random sample, score each drawn case by the checklist, and read the averages by unit.

import { emptyForm, Form, SelectField, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import { CHECKLIST, type readSpotCheck } from "./spot-checks";

export type TSpotCheckSummary = {
  id: number;
  closedFrom: string;
  closedTo: string;
  unitId: number | null;
  seed: string;
  sampleSize: number;
  populationCount: number;
  drawnBy: string;
  drawnAt: Date;
  cases: number;
  scored: number;
};
type TSpotCheck = Awaited<ReturnType<typeof readSpotCheck>>;
type TUnitNames = Map<number, string>;

const unitName = (units: TUnitNames, id: number | null | undefined) =>
  id == null ? "全部单位" : (units.get(id) ?? `单位 ${id}`);
const beijingTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
const CHECKLIST_KEYS = Object.keys(CHECKLIST) as (keyof typeof CHECKLIST)[];

/** The list of draws and the form for a new one. */
export function SpotChecksPage(props: {
  ctx: TPageCtx;
  checks: TSpotCheckSummary[];
  units: { id: number; name: string }[];
  form: TFormState;
}) {
  const names: TUnitNames = new Map(props.units.map((u) => [u.id, u.name]));
  return (
    <AdminLayout ctx={props.ctx} title="办理质量抽查">
      <h1>办理质量抽查</h1>
      <p>
        从某一期间内已办结的依申请公开申请中随机抽取若干件，按评查清单逐件评分，并按单位汇总平均分。
        每次抽取都记录随机种子和抽取范围，任何人都可以用同一种子重新抽取、核对结果。
      </p>
      <h2>抽查记录</h2>
      {props.checks.length === 0 ? (
        <p>尚无抽查记录。</p>
      ) : (
        <DataTable
          caption="抽查记录"
          columns={[
            "编号",
            "办结期间",
            "范围",
            "抽取件数 / 总件数",
            "已评分",
            "随机种子",
            "抽取人",
            "抽取时间",
          ]}
        >
          {props.checks.map((c) => (
            <tr>
              <td>
                <a href={`/admin/spot-checks/${c.id}`}>第 {c.id} 次抽查</a>
              </td>
              <td>
                {c.closedFrom} 至 {c.closedTo}
              </td>
              <td>{unitName(names, c.unitId)}</td>
              <td>
                {c.cases} / {c.populationCount}
              </td>
              <td>
                {c.scored} / {c.cases}
              </td>
              <td>{c.seed}</td>
              <td>{c.drawnBy}</td>
              <td>{beijingTime(c.drawnAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2 id="draw-heading">新的抽查</h2>
      <Form
        action="/admin/spot-checks"
        csrfToken={props.ctx.csrfToken}
        form={props.form}
        submitLabel="随机抽取"
      >
        <TextField
          form={props.form}
          name="closedFrom"
          label="办结日期自"
          type="date"
          hint="格式 YYYY-MM-DD。"
          isRequired
        />
        <TextField form={props.form} name="closedTo" label="办结日期至" type="date" isRequired />
        <TextField
          form={props.form}
          name="sampleSize"
          label="抽取件数"
          inputmode="numeric"
          hint="1—500 件；多于该期间办结件数时全部抽取。"
          isRequired
        />
        <SelectField
          form={props.form}
          name="unitId"
          label="单位"
          placeholder="全部单位"
          options={props.units.map((u) => ({ value: String(u.id), label: u.name }))}
        />
        <TextField
          form={props.form}
          name="seed"
          label="随机种子"
          hint="可不填，由系统随机生成；填写时 4—64 个字符，例如“2026年第三季度抽查”。同一种子和范围总是抽出同样的申请。"
          maxLength={64}
        />
      </Form>
    </AdminLayout>
  );
}

/** Yes/no for one checklist item, as radio buttons so that "not yet judged" stays distinct from "no". */
function ChecklistItem({ form, name, label }: { form: TFormState; name: string; label: string }) {
  const error = form.errors[name];
  const value = String(form.values[name] ?? "");
  return (
    <fieldset
      class={error ? "field has-error" : "field"}
      aria-describedby={error ? `f-${name}-error` : undefined}
    >
      <legend id={`f-${name}`}>{label}</legend>
      {error && (
        <p class="field-error" id={`f-${name}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
      {[
        ["1", "符合"],
        ["0", "不符合"],
      ].map(([v, text]) => (
        <div class="check">
          <input type="radio" id={`f-${name}-${v}`} name={name} value={v} checked={value === v} />
          <label for={`f-${name}-${v}`}>{text}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The scoring form's values for a case already scored, so a second look starts from the first. */
export function scoreFormOf(item: TSpotCheck["items"][number] | undefined): TFormState {
  if (!item?.checklist) return emptyForm({ comment: item?.comment ?? "" });
  const values: Record<string, string> = { comment: item.comment };
  for (const [k, v] of Object.entries(item.checklist)) values[`checklist.${k}`] = v ? "1" : "0";
  return emptyForm(values);
}

/** One draw: its range and seed, each drawn case with its score, the averages by unit, and the scoring form. */
export function SpotCheckPage(props: {
  ctx: TPageCtx;
  check: TSpotCheck;
  isVerified: boolean;
  units: { id: number; name: string }[];
  selected?: number;
  form: TFormState;
}) {
  const { check } = props;
  const names: TUnitNames = new Map(props.units.map((u) => [u.id, u.name]));
  const selected = check.items.find((i) => i.requestId === props.selected);
  return (
    <AdminLayout ctx={props.ctx} title={`第 ${check.id} 次抽查`}>
      <p>
        <a href="/admin/spot-checks">返回抽查记录</a>
      </p>
      <h1>第 {check.id} 次抽查</h1>
      <dl class="facts">
        <dt>办结期间</dt>
        <dd>
          {check.closedFrom} 至 {check.closedTo}
        </dd>
        <dt>范围</dt>
        <dd>{unitName(names, check.unitId)}</dd>
        <dt>抽取</dt>
        <dd>
          从 {check.populationCount} 件中抽取 {check.items.length} 件
        </dd>
        <dt>随机种子</dt>
        <dd>{check.seed}</dd>
        <dt>复核</dt>
        <dd>
          {props.isVerified
            ? "按记录的随机种子和范围重新抽取，结果与本次抽查一致。"
            : "按记录的随机种子和范围重新抽取，结果与本次抽查不一致：抽取后该期间的办结申请有变化，请核查。"}
        </dd>
        <dt>抽取人</dt>
        <dd>
          {check.drawnBy}（{beijingTime(check.drawnAt)}）
        </dd>
      </dl>
      <h2 id="by-unit">各单位结果</h2>
      <DataTable caption="各单位结果" columns={["单位", "抽中件数", "已评分", "平均分"]}>
        {check.byUnit.map((u) => (
          <tr>
            <td>{unitName(names, u.unitId)}</td>
            <td>{u.cases}</td>
            <td>{u.scored}</td>
            <td>{u.averageScore == null ? "—" : u.averageScore}</td>
          </tr>
        ))}
      </DataTable>
      <h2>抽中的申请</h2>
      <p class="hint">评分为清单中符合的项数占全部 {CHECKLIST_KEYS.length} 项的百分比。</p>
      <DataTable caption="抽中的申请" columns={["序号", "受理编号", "单位", "评分", "评查意见", ""]}>
        {check.items.map((i, n) => (
          <tr>
            <td>{n + 1}</td>
            <td>
              <a href={`/admin/requests/${i.requestId}`}>{i.receiptNo}</a>
            </td>
            <td>{unitName(names, i.unitId)}</td>
            <td>{i.score == null ? "未评分" : i.score}</td>
            <td>{i.comment}</td>
            <td>
              <a
                href={`/admin/spot-checks/${check.id}?item=${i.requestId}#score-heading`}
                aria-current={i.requestId === props.selected ? "true" : undefined}
              >
                {i.score == null ? "评分" : "修改评分"}
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
      {selected && (
        <section aria-labelledby="score-heading">
          <h2 id="score-heading">评分：{selected.receiptNo}</h2>
          <Form
            action={`/admin/spot-checks/${check.id}/items/${selected.requestId}`}
            csrfToken={props.ctx.csrfToken}
            form={props.form}
            submitLabel="保存评分"
          >
            {CHECKLIST_KEYS.map((k) => (
              <ChecklistItem form={props.form} name={`checklist.${k}`} label={CHECKLIST[k]} />
            ))}
            <TextArea form={props.form} name="comment" label="评查意见" rows={3} maxLength={2000} />
          </Form>
        </section>
      )}
    </AdminLayout>
  );
}
