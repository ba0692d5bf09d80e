import { sql } from "drizzle-orm";
import type { TActor } from "../../platform/audit";
import { type Db, selectRows } from "../../platform/db";
import { replaceDocumentItems } from "./catalogues.repository";
import type { TCreateItemBody } from "./catalogues.schemas";
import { recordPosting } from "./check-coverage";
import { createArea } from "./manage-areas";
import { createItem } from "./save-item";

const T20 = "信息形成或者变更之日起20个工作日内";
const base = {
  content: "",
  basis: "",
  subject: "",
  keywords: [] as string[],
  audience: "public" as const,
  mode: "proactive" as const,
};

const item = (
  area: string,
  level1: string,
  level2: string,
  more: Partial<TCreateItemBody> = {},
): TCreateItemBody => ({
  ...base,
  area,
  level1,
  level2,
  timeLimit: T20,
  channels: ["政府网站"],
  levels: ["township"],
  ...more,
});

/** Demo catalogues: a 街道 with State Council areas and a "+n" area, and the health bureau's items, some tagged. */
export async function loadDemoCatalogues(db: Db, actor: TActor, units: { id: number; name: string }[]) {
  const unitId = (name: string) => units.find((u) => u.name === name)?.id;
  const street = unitId("大观园街道办事处");
  const health = unitId("区卫生健康局");
  if (!street || !health) return;
  await createArea(db, actor, {
    name: "老旧小区改造",
    tier: "unit",
    unitId: street,
    source: "演示数据：本街道“+n”领域",
  });
  const streetItems = [
    item("社会救助", "最低生活保障", "政策文件", {
      content: "法律法规、规章、规范性文件",
      basis: "《社会救助暂行办法》《政府信息公开条例》",
      subject: "区民政局、街道办事处",
      channels: ["政府网站", "两微一端", "公示栏"],
      levels: ["county", "township"],
      keywords: ["低保"],
    }),
    item("社会救助", "最低生活保障", "审核确认结果", {
      content: "保障对象、保障人数、保障金额",
      subject: "街道办事处",
      timeLimit: "每月10日前",
      channels: ["公示栏"],
      audience: "specific",
      keywords: ["低保"],
    }),
    item("社会救助", "临时救助", "救助结果", { subject: "街道办事处", channels: ["政府网站", "公示栏"] }),
    item("养老服务", "养老服务机构", "机构名录", {
      subject: "街道办事处",
      channels: ["政府网站", "便民服务站"],
    }),
    item("养老服务", "高龄津贴", "发放结果", {
      subject: "街道办事处",
      channels: ["公示栏"],
      audience: "specific",
    }),
    item("老旧小区改造", "改造计划", "年度改造项目清单", {
      subject: "街道办事处",
      channels: ["政府网站", "公示栏"],
    }),
    item("户籍管理", "户口登记", "办事指南", { timeLimit: "长期公开", channels: ["政府网站", "便民服务站"] }),
  ];
  const healthItems = [
    item("卫生健康", "疾病预防控制", "传染病防控信息", {
      subject: "区卫生健康局",
      channels: ["政府网站", "两微一端"],
      levels: ["county"],
      keywords: ["卫生", "健康", "医疗"],
    }),
    item("卫生健康", "医疗机构管理", "医疗机构执业登记", {
      subject: "区卫生健康局",
      levels: ["county"],
      keywords: ["医疗机构"],
    }),
    item("卫生健康", "政策文件", "规范性文件", {
      subject: "区卫生健康局",
      levels: ["county"],
      keywords: ["通知", "办法"],
    }),
  ];
  const created: { unitId: number; id: number }[] = [];
  for (const [u, list] of [
    [street, streetItems],
    [health, healthItems],
  ] as const)
    for (const body of list) created.push({ unitId: u, id: (await createItem(db, actor, u, body)).id });
  // Tag the health bureau's published demo documents with its policy-document item, so the public
  // catalogue and the coverage check have something to show.
  const docs = await selectRows<{ id: number }>(
    db,
    sql`select id from documents where unit_id = ${health} and status = 'published' order by id limit 5`,
  );
  const policyItem = created.filter((c) => c.unitId === health).at(-1);
  if (policyItem) for (const d of docs) await replaceDocumentItems(db, d.id, [policyItem.id], actor.name);
  const streetFirst = created.find((c) => c.unitId === street);
  if (streetFirst)
    await recordPosting(db, actor, {
      itemId: streetFirst.id,
      channel: "公示栏",
      title: "最低生活保障政策宣传（社区公示栏）",
      formedOn: "2026-03-02",
      postedOn: "2026-03-05",
    });
}
