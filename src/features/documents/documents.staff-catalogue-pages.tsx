import { emptyForm, Form, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TLatePublication } from "./search.repository";

// ——— Art. 26

export type TLateRow = TLatePublication & { workdaysLate: number };

/** Published items that came out after their statutory 20 working days (条例第二十六条). */
export function LatePublicationsPage({ ctx, rows }: { ctx: TPageCtx; rows: TLateRow[] }) {
  return (
    <AdminLayout ctx={ctx} title="超期公开的信息">
      <p>
        <a href="/admin/documents">返回文件列表</a>
      </p>
      <h1>超期公开的信息</h1>
      <p>
        属于主动公开范围的政府信息，应当自该信息形成或者变更之日起 20 个工作日内予以公开（条例第二十六条）。
        下表列出发布日期晚于成文日期后第 20
        个工作日的已发布信息（成文日期当日不计，按工作日历扣除节假日、计入调休上班日）。
      </p>
      <p>共 {rows.length} 件。</p>
      {rows.length > 0 && (
        <DataTable
          caption="超期公开的信息"
          columns={["标题", "发布机构", "成文日期", "应公开日期", "发布日期", "超出工作日"]}
        >
          {rows.map((r) => (
            <tr>
              <td>
                <a href={`/admin/documents/${r.id}`}>{r.title}</a>
              </td>
              <td>{r.unitName}</td>
              <td>{r.writtenAt}</td>
              <td>{r.publishDue}</td>
              <td>{r.publishedAt}</td>
              <td>{r.workdaysLate}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </AdminLayout>
  );
}

// ——— the office's catalogue settings

export type TCatalogueForm = "synonyms" | "topic" | "pattern" | "gazette";

/** Synonyms for search, 特色主题, the 索引号 pattern and 公报 issues, each with its own form. */
export function CatalogueSettingsPage(props: {
  ctx: TPageCtx;
  synonyms: { id: number; terms: string[] }[];
  topics: { name: string; kind: string }[];
  pattern: string;
  issues: { id: number; year: number; number: number; publishedOn: string; title: string }[];
  forms?: Partial<Record<TCatalogueForm, TFormState>>;
}) {
  const { ctx } = props;
  const formOf = (f: TCatalogueForm) =>
    props.forms?.[f] ?? emptyForm(f === "pattern" ? { pattern: props.pattern } : {});
  const special = props.topics.filter((t) => t.kind === "special");
  return (
    <AdminLayout ctx={ctx} title="目录设置">
      <h1>目录设置</h1>
      <ul class="action-links">
        <li>
          <a href="#synonyms-heading">检索同义词</a>
        </li>
        <li>
          <a href="#topics-heading">特色主题</a>
        </li>
        <li>
          <a href="#pattern-heading">索引号格式</a>
        </li>
        <li>
          <a href="#gazette-heading">政府公报</a>
        </li>
      </ul>

      <section aria-labelledby="synonyms-heading">
        <h2 id="synonyms-heading">检索同义词</h2>
        <p>同一组中的词在检索时视为相同，例如检索“医保”也能找到“医疗保险”。</p>
        {props.synonyms.length === 0 ? (
          <p>尚未设置同义词。</p>
        ) : (
          <DataTable caption="同义词组" columns={["同义词", "操作"]}>
            {props.synonyms.map((s) => (
              <tr>
                <td>{s.terms.join("、")}</td>
                <td>
                  <form method="post" action={`/admin/catalogue/synonyms/${s.id}/remove`} class="inline">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="link-button dark">
                      删除<span class="visually-hidden">同义词组“{s.terms.join("、")}”</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Form
          action="/admin/catalogue/synonyms"
          csrfToken={ctx.csrfToken}
          form={formOf("synonyms")}
          submitLabel="添加同义词组"
        >
          <TextField
            form={formOf("synonyms")}
            name="terms"
            label="新的同义词组"
            hint="2 至 10 个词，用逗号、顿号或空格分隔，如：医保、医疗保险。"
            isRequired
          />
        </Form>
      </section>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">特色主题</h2>
        <p>
          主题分类包括国务院公文主题分类（{props.topics.length - special.length}{" "}
          类）和本地的特色主题，特色主题排在后面。
        </p>
        {special.length === 0 ? (
          <p>尚未设置特色主题。</p>
        ) : (
          <ul>
            {special.map((t) => (
              <li>{t.name}</li>
            ))}
          </ul>
        )}
        <Form
          action="/admin/catalogue/topics"
          csrfToken={ctx.csrfToken}
          form={formOf("topic")}
          submitLabel="添加特色主题"
        >
          <TextField form={formOf("topic")} name="name" label="新的特色主题" maxLength={50} isRequired />
        </Form>
      </section>

      <section aria-labelledby="pattern-heading">
        <h2 id="pattern-heading">索引号格式</h2>
        <p>
          当前格式：<code>{props.pattern}</code>。修改只影响此后新建的文件，已编的索引号不变。
        </p>
        <Form
          action="/admin/catalogue/index-pattern"
          csrfToken={ctx.csrfToken}
          form={formOf("pattern")}
          submitLabel="保存索引号格式"
        >
          <TextField
            form={formOf("pattern")}
            name="pattern"
            label="索引号格式"
            hint="{code} 为机构代码，{year} 为年份，{seq} 为当年顺序号，{seq:5} 表示补足 5 位。三者都须包含。"
            maxLength={100}
            isRequired
          />
        </Form>
      </section>

      <section aria-labelledby="gazette-heading">
        <h2 id="gazette-heading">政府公报</h2>
        {props.issues.length === 0 ? (
          <p>尚无公报。</p>
        ) : (
          <DataTable caption="公报各期" columns={["年份", "期号", "名称", "出版日期"]}>
            {props.issues.map((i) => (
              <tr>
                <td>{i.year}</td>
                <td>{i.number}</td>
                <td>
                  <a href={`/gazette/${i.id}`}>{i.title}</a>
                </td>
                <td>{i.publishedOn}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <h3>新建一期公报</h3>
        <Form
          action="/admin/catalogue/gazette"
          csrfToken={ctx.csrfToken}
          form={formOf("gazette")}
          submitLabel="新建公报"
        >
          <TextField form={formOf("gazette")} name="year" label="年份" inputmode="numeric" isRequired />
          <TextField form={formOf("gazette")} name="number" label="期号" inputmode="numeric" isRequired />
          <TextField form={formOf("gazette")} name="publishedOn" label="出版日期" type="date" isRequired />
          <TextField
            form={formOf("gazette")}
            name="title"
            label="名称"
            hint="留空则为“某年第某期”。"
            maxLength={200}
          />
          <TextArea
            form={formOf("gazette")}
            name="items"
            label="目录"
            rows={8}
            hint="每行一份文件：文件编号，可在其后空一格写栏目名称，如“123 区政府文件”。按刊登顺序排列；尚未公开的文件在公众页面不显示。"
          />
        </Form>
      </section>
    </AdminLayout>
  );
}
