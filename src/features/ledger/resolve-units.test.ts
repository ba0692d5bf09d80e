import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { DEMO_UNITS } from "../../demo";
import { expandCollective, resolveUnitRefs, type TResolvableUnit } from "./resolve-units";

// The district's units as the demo loads them, numbered in order: 1 the government, 2 its office,
// 3–19 the 17 departments, 20–36 the 17 subdistricts.
const UNITS: TResolvableUnit[] = DEMO_UNITS.map((u, i) => ({
  id: i + 1,
  name: u.name,
  kind: u.kind,
  aliases: u.aliases ?? [],
}));

const idOf = (name: string) => {
  const unit = UNITS.find((u) => u.name === name);
  if (!unit) throw new Error(`no demo unit ${name}`);
  return unit.id;
};
const resolve = (text: string, units = UNITS) => resolveUnitRefs(text, units);

const CSV_ROWS: { no: string; units: string }[] = parse(
  readFileSync(new URL("../../../demo/2022-work-plan-tasks.csv", import.meta.url), "utf8"),
  { columns: true, skip_empty_lines: true, trim: true },
);

const lead = (name: string, unitName = name) => ({ name, role: "lead", unitId: idOf(unitName) });
const support = (name: string, unitName = name) => ({ name, role: "support", unitId: idOf(unitName) });
const DEPARTMENTS = { name: "区政府各部门", role: "lead", unitId: null, collective: "departments" };
const SUBDISTRICTS = { name: "各街道办事处", role: "lead", unitId: null, collective: "subdistricts" };
const ETC = { name: "相关部门", role: "support", unitId: null, collective: "relevant_departments" };

describe("the fixture", () => {
  it("numbers the demo units as the comments above say", () => {
    expect(UNITS).toHaveLength(36);
    expect(idOf("济南市市中区人民政府")).toBe(1);
    expect(idOf("区财政局")).toBe(3);
    expect(idOf("大观园街道办事处")).toBe(20);
  });
});

describe("the units column of the 2022 plan", () => {
  it("resolves every cell of all 64 rows, leaving no name unresolved", () => {
    expect(CSV_ROWS).toHaveLength(64);
    for (const row of CSV_ROWS) {
      const { refs, unresolved } = resolve(row.units);
      expect(unresolved, `row ${row.no}: ${row.units}`).toEqual([]);
      expect(refs.length, `row ${row.no}`).toBeGreaterThan(0);
      for (const ref of refs)
        expect(ref.unitId !== null || ref.collective !== undefined, `row ${row.no}: ${ref.name}`).toBe(true);
      expect(
        refs.some((r) => r.role === "lead"),
        `row ${row.no} has a lead`,
      ).toBe(true);
    }
  });

  // Every distinct cell of the CSV, with its refs worked out by hand.
  const EXPECTED: [string, object[]][] = [
    ["区政府各部门、各街道办事处", [DEPARTMENTS, SUBDISTRICTS]],
    ["区政府各部门", [DEPARTMENTS]],
    ["区财政局", [lead("区财政局")]],
    ["区住房城乡建设局", [lead("区住房城乡建设局", "区住房和城乡建设局")]],
    ["区教育体育局", [lead("区教育体育局", "区教育和体育局")]],
    ["区民政局", [lead("区民政局")]],
    ["区政府办公室", [lead("区政府办公室", "济南市市中区人民政府办公室")]],
    [
      "区政府有关部门",
      [{ name: "区政府有关部门", role: "lead", unitId: null, collective: "relevant_departments" }],
    ],
    ["区城管局、各街道办事处", [lead("区城管局", "区城市管理局"), SUBDISTRICTS]],
    [
      "区人力资源社会保障局、区退役军人局",
      [lead("区人力资源社会保障局", "区人力资源和社会保障局"), lead("区退役军人局", "区退役军人事务局")],
    ],
    [
      "区人力资源社会保障局、区医保局",
      [lead("区人力资源社会保障局", "区人力资源和社会保障局"), lead("区医保局", "区医疗保障局")],
    ],
    ["区教育体育局、区卫生健康局", [lead("区教育体育局", "区教育和体育局"), lead("区卫生健康局")]],
    [
      "区民政局、区教育体育局、区住房城乡建设局、区人力资源社会保障局、区卫健局、区应急局、区医保局",
      [
        lead("区民政局"),
        lead("区教育体育局", "区教育和体育局"),
        lead("区住房城乡建设局", "区住房和城乡建设局"),
        lead("区人力资源社会保障局", "区人力资源和社会保障局"),
        lead("区卫健局", "区卫生健康局"),
        lead("区应急局", "区应急管理局"),
        lead("区医保局", "区医疗保障局"),
      ],
    ],
    [
      "区城管局、区住房城乡建设局、区水务局、区农业农村局、区市场监管局、生态环境市中分局等部门",
      [
        lead("区城管局", "区城市管理局"),
        lead("区住房城乡建设局", "区住房和城乡建设局"),
        lead("区水务局"),
        lead("区农业农村局"),
        lead("区市场监管局", "区市场监督管理局"),
        lead("生态环境市中分局", "济南市生态环境局市中分局"),
        ETC,
      ],
    ],
    [
      "区司法局、区行政审批局、区大数据局牵头，各相关部门配合",
      [
        lead("区司法局"),
        lead("区行政审批局", "区行政审批服务局"),
        lead("区大数据局"),
        { name: "各相关部门", role: "support", unitId: null, collective: "relevant_departments" },
      ],
    ],
    [
      "区市场监管局牵头，相关部门配合",
      [
        lead("区市场监管局", "区市场监督管理局"),
        { name: "相关部门", role: "support", unitId: null, collective: "relevant_departments" },
      ],
    ],
  ];

  it("covers every distinct units cell in the CSV", () => {
    const distinct = [...new Set(CSV_ROWS.map((r) => r.units))].sort();
    expect(distinct).toEqual(EXPECTED.map(([text]) => text).sort());
  });

  it.each(EXPECTED)("%s", (text, refs) => {
    expect(resolve(text)).toEqual({ refs, unresolved: [] });
  });
});

describe("names and aliases", () => {
  it("resolves 区卫健局 to 区卫生健康局", () => {
    expect(resolve("区卫健局").refs).toEqual([lead("区卫健局", "区卫生健康局")]);
    expect(resolve("区卫健局").refs[0]?.unitId).toBe(resolve("区卫生健康局").refs[0]?.unitId);
  });

  it("resolves each demo unit by its name and by every alias", () => {
    for (const u of UNITS)
      for (const name of [u.name, ...u.aliases])
        expect(resolve(name), name).toEqual({ refs: [{ name, role: "lead", unitId: u.id }], unresolved: [] });
  });

  it("tolerates a missing 区 and the district's own prefixes", () => {
    const ids = (text: string) => resolve(text).refs.map((r) => r.unitId);
    expect(ids("卫健局")).toEqual([idOf("区卫生健康局")]);
    expect(ids("财政局")).toEqual([idOf("区财政局")]);
    expect(ids("市中区财政局")).toEqual([idOf("区财政局")]);
    expect(ids("济南市市中区卫生健康局")).toEqual([idOf("区卫生健康局")]);
    expect(ids("区人民政府办公室")).toEqual([idOf("济南市市中区人民政府办公室")]);
    expect(ids("市中区政府办公室")).toEqual([idOf("济南市市中区人民政府办公室")]);
    expect(ids("政府办")).toEqual([idOf("济南市市中区人民政府办公室")]);
    expect(ids("市中区人民政府")).toEqual([idOf("济南市市中区人民政府")]);
    expect(ids("大观园街道办")).toEqual([idOf("大观园街道办事处")]);
  });

  it("does not take another district's unit for ours", () => {
    expect(resolve("历下区财政局").unresolved).toEqual(["历下区财政局"]);
    expect(resolve("济南市财政局").unresolved).toEqual(["济南市财政局"]);
  });

  it("leaves an ambiguous name unresolved rather than picking one", () => {
    const units: TResolvableUnit[] = [
      { id: 1, name: "济南市市中区人民政府", kind: "government", aliases: [] },
      { id: 2, name: "区统计局", kind: "department", aliases: [] },
      { id: 3, name: "统计局", kind: "other", aliases: [] },
      { id: 4, name: "区档案馆", kind: "other", aliases: ["档案馆"] },
      { id: 5, name: "区档案局", kind: "department", aliases: ["档案馆"] },
    ];
    // Exact names decide on their own…
    expect(resolve("区统计局", units).refs[0]?.unitId).toBe(2);
    expect(resolve("统计局", units).refs[0]?.unitId).toBe(3);
    // …but the tolerant match fits both, and a shared alias fits two units.
    expect(resolve("市中区统计局", units).unresolved).toEqual(["市中区统计局"]);
    expect(resolve("档案馆", units).unresolved).toEqual(["档案馆"]);
    // Once one of the two is retired the alias means the other.
    const retired = units.map((u) => (u.id === 4 ? { ...u, isActive: false } : u));
    expect(resolve("档案馆", retired).refs[0]?.unitId).toBe(5);
  });
});

describe("牵头 and 配合", () => {
  it("reads 区大数据局牵头，各相关部门配合 as a lead and a supporting collective", () => {
    expect(resolve("区大数据局牵头，各相关部门配合")).toEqual({
      refs: [
        lead("区大数据局"),
        { name: "各相关部门", role: "support", unitId: null, collective: "relevant_departments" },
      ],
      unresolved: [],
    });
  });

  it("makes every named unit lead when no 牵头 is stated", () => {
    expect(resolve("区财政局、区民政局、区水务局").refs.map((r) => r.role)).toEqual(["lead", "lead", "lead"]);
  });

  it("reads 配合 without 牵头: the others lead", () => {
    expect(resolve("区财政局，区民政局、区水务局配合").refs).toEqual([
      lead("区财政局"),
      support("区民政局"),
      support("区水务局"),
    ]);
  });

  it("puts an unmarked clause after a 牵头 among the supporters", () => {
    expect(resolve("区财政局牵头，区民政局").refs).toEqual([lead("区财政局"), support("区民政局")]);
  });

  it("reads 负责, 按职责分工负责 and 协助 too", () => {
    expect(resolve("区政府各部门按职责分工负责").refs).toEqual([DEPARTMENTS]);
    expect(resolve("区民政局负责，区财政局协助").refs.map((r) => [r.name, r.role])).toEqual([
      ["区民政局", "lead"],
      ["区财政局", "support"],
    ]);
  });

  it("counts a unit named twice once, as lead if it leads anywhere", () => {
    expect(resolve("区财政局、区民政局牵头，区财政局配合").refs).toEqual([
      lead("区财政局"),
      lead("区民政局"),
    ]);
    expect(resolve("区财政局等部门，相关部门配合").refs).toEqual([lead("区财政局"), ETC]);
    // Named first as a supporter, later as a lead: it keeps its place and leads.
    expect(resolve("区民政局配合，区财政局、区民政局牵头").refs).toEqual([
      lead("区民政局"),
      lead("区财政局"),
    ]);
  });
});

describe("collectives", () => {
  it.each([
    ["区政府各部门", "departments"],
    ["区人民政府各部门", "departments"],
    ["各部门", "departments"],
    ["各街道办事处", "subdistricts"],
    ["各街道", "subdistricts"],
    ["区政府有关部门", "relevant_departments"],
    ["区人民政府有关部门", "relevant_departments"],
    ["有关部门", "relevant_departments"],
    ["相关部门", "relevant_departments"],
    ["各相关部门", "relevant_departments"],
  ])("%s stays collective (%s)", (name, collective) => {
    expect(resolve(name)).toEqual({
      refs: [{ name, role: "lead", unitId: null, collective }],
      unresolved: [],
    });
  });

  it("reads 生态环境市中分局等部门 as the unit and the other relevant departments in support", () => {
    expect(resolve("生态环境市中分局等部门")).toEqual({
      refs: [lead("生态环境市中分局", "济南市生态环境局市中分局"), ETC],
      unresolved: [],
    });
    expect(resolve("区水务局等单位").refs).toEqual([lead("区水务局"), ETC]);
  });
});

describe("names it cannot resolve", () => {
  it("keeps an unknown name in place and lists it", () => {
    expect(resolve("区火星局、区财政局")).toEqual({
      refs: [{ name: "区火星局", role: "lead", unitId: null }, lead("区财政局")],
      unresolved: ["区火星局"],
    });
  });

  it("keeps an unknown supporter's role, and an unknown name before 等部门", () => {
    expect(resolve("区财政局牵头，区火星局配合")).toEqual({
      refs: [lead("区财政局"), { name: "区火星局", role: "support", unitId: null }],
      unresolved: ["区火星局"],
    });
    expect(resolve("区火星局等部门")).toEqual({
      refs: [{ name: "区火星局", role: "lead", unitId: null }, ETC],
      unresolved: ["区火星局"],
    });
  });

  it("lists a repeated unknown name once", () => {
    expect(resolve("区火星局、区火星局").unresolved).toEqual(["区火星局"]);
  });

  it("resolves nothing without units, and reports every name", () => {
    expect(resolve("区财政局、各街道办事处", [])).toEqual({
      refs: [{ name: "区财政局", role: "lead", unitId: null }, SUBDISTRICTS],
      unresolved: ["区财政局"],
    });
  });
});

describe("separators", () => {
  it("splits on 、，, ; and spaces, and ignores a closing 。", () => {
    const names = (text: string) => resolve(text).refs.map((r) => r.unitId);
    const expected = [idOf("区财政局"), idOf("区民政局"), idOf("区水务局")];
    expect(names("区财政局、区民政局，区水务局")).toEqual(expected);
    expect(names("区财政局,区民政局;区水务局")).toEqual(expected);
    expect(names("区财政局；区民政局 区水务局。")).toEqual(expected);
    expect(names(" 区财政局 、 区民政局 ,, 区水务局 ")).toEqual(expected);
  });

  it("returns nothing for an empty cell", () => {
    expect(resolve("")).toEqual({ refs: [], unresolved: [] });
    expect(resolve(" ，、 ")).toEqual({ refs: [], unresolved: [] });
  });
});

describe("expandCollective", () => {
  it("stands for the district's 17 departments or 17 subdistricts", () => {
    const departments = expandCollective("departments", UNITS);
    expect(departments).toHaveLength(17);
    expect(departments).toContain(idOf("区卫生健康局"));
    expect(departments).toContain(idOf("济南市生态环境局市中分局"));
    // The government and its office are not 区政府各部门.
    expect(departments).not.toContain(idOf("济南市市中区人民政府"));
    expect(departments).not.toContain(idOf("济南市市中区人民政府办公室"));
    expect(expandCollective("subdistricts", UNITS)).toEqual(Array.from({ length: 17 }, (_, i) => 20 + i));
    expect(expandCollective("relevant_departments", UNITS)).toEqual(departments);
  });

  it("follows the current units: a new department counts, a retired one does not", () => {
    const changed: TResolvableUnit[] = [
      ...UNITS.map((u) => (u.name === "区水务局" ? { ...u, isActive: false } : u)),
      { id: 37, name: "区数据资源局", kind: "department", aliases: [] },
    ];
    const departments = expandCollective("departments", changed);
    expect(departments).toHaveLength(17);
    expect(departments).toContain(37);
    expect(departments).not.toContain(idOf("区水务局"));
    expect(expandCollective("subdistricts", [])).toEqual([]);
  });
});
