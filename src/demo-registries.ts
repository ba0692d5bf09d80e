import { todayInChina } from "./features/calendar";
import { createUnit, type TUnitRow } from "./features/org";
import {
  createCase,
  recordInspection,
  recordTraining,
  registerAccount,
  saveEnterprise,
  saveReadingRoom,
} from "./features/registries";
import { publishSubsidyNotice } from "./features/subsidies";
import type { TActor } from "./platform/audit";
import type { TPrincipal } from "./platform/auth/permissions";
import type { Db } from "./platform/db";

// Demo data of the grassroots registers: villages and communities, subsidy notices (one in its
// period, one past it), new-media accounts with inspections, training, cases, public enterprises
// and reading rooms. Dates of the notices follow the day the demo is loaded.

/** Villages and communities below two 街道 of the demo. */
export const DEMO_VILLAGES = [
  { name: "西渴马村", kind: "village" as const, parent: "党家街道办事处" },
  { name: "东渴马村", kind: "village" as const, parent: "党家街道办事处" },
  { name: "万达社区", kind: "community" as const, parent: "大观园街道办事处" },
];

const DEMO_PRINCIPAL: TPrincipal = {
  userId: 0,
  username: "system",
  displayName: "系统初始化",
  roles: [{ role: "office", unitId: null }],
  mustChangePassword: false,
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A made-up but well-formed 居民身份证号 (area, birth date, sequence, then its check digit). */
function demoId(area: string, birth: string, seq: string): string {
  const body = `${area}${birth}${seq}`;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + ("10X98765432"[sum % 11] ?? "0");
}

const plus = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function loadDemoVillages(db: Db, actor: TActor, units: TUnitRow[]): Promise<void> {
  for (const v of DEMO_VILLAGES) {
    const parent = units.find((u) => u.name === v.parent);
    if (!parent) throw new Error(`demo unit missing: ${v.parent}`);
    await createUnit(db, actor, {
      name: v.name,
      kind: v.kind,
      aliases: [],
      address: "",
      phone: "",
      duties: "",
      sortOrder: 0,
      parentId: parent.id,
    });
  }
}

export async function loadDemoRegistries(db: Db, actor: TActor, units: TUnitRow[]): Promise<void> {
  const id = (name: string) => {
    const u = units.find((x) => x.name === name);
    if (!u) throw new Error(`demo unit missing: ${name}`);
    return u.id;
  };
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const payees = [
    ["王秀英", demoId("370103", "19580312", "102"), "耕地地力保护补贴", 1260.5],
    ["刘建国", demoId("370103", "19620725", "113"), "耕地地力保护补贴", 980],
    ["张桂兰", demoId("370103", "19550108", "124"), "耕地地力保护补贴", 1432.8],
    ["李德胜", demoId("370103", "19700916", "135"), "实际种粮农民一次性补贴", 215.6],
  ] as const;
  await publishSubsidyNotice(db, DEMO_PRINCIPAL, actor, {
    unitId: id("西渴马村"),
    title: `${year}年耕地地力保护补贴发放情况公示`,
    startsAt: plus(today, -2),
    endsAt: plus(today, 5),
    rows: payees.map(([name, idNumber, item, amount]) => ({ name, idNumber, item, amount })),
  });
  const pastStart = plus(today, -60);
  await publishSubsidyNotice(
    db,
    DEMO_PRINCIPAL,
    actor,
    {
      unitId: id("西渴马村"),
      title: `${year}年第一季度农村低保金发放公示`,
      startsAt: pastStart,
      endsAt: plus(pastStart, 6),
      rows: [
        { name: "赵玉珍", idNumber: demoId("370103", "19480420", "146"), item: "农村低保金", amount: 1860 },
      ],
    },
    pastStart,
  );

  const wechat = await registerAccount(db, actor, {
    unitId: id("区卫生健康局"),
    platform: "wechat",
    name: "健康市中",
    purpose: "卫生健康政策发布、解读和办事服务",
    registeredOn: "2019-03-01",
    closedOn: null,
    filingStatus: "filed",
  });
  const weibo = await registerAccount(db, actor, {
    unitId: id("区财政局"),
    platform: "weibo",
    name: "市中财政",
    purpose: "预决算和惠民政策公开",
    registeredOn: "2020-06-15",
    closedOn: null,
    filingStatus: "pending",
  });
  const march = `${year}-03-16`;
  await recordInspection(db, actor, wechat, {
    inspectedOn: march,
    lastUpdatedOn: `${year}-03-12`,
    brokenLinks: 2,
    wrongItems: 0,
    unansweredMessages: 1,
    note: "",
  });
  await recordInspection(db, actor, weibo, {
    inspectedOn: march,
    lastUpdatedOn: `${year}-02-20`,
    brokenLinks: 0,
    wrongItems: 0,
    unansweredMessages: 0,
    note: "两周以上未更新，已通知整改。",
  });

  await recordTraining(db, actor, {
    unitId: id("区卫生健康局"),
    title: `${year}年政务公开通识培训`,
    kind: "general",
    heldOn: `${year}-04-08`,
    hours: 2,
    trainer: "区政务公开办公室",
    attendees: ["赵敏", "钱伟", "孙立新", "周静"],
  });
  await recordTraining(db, actor, {
    unitId: id("区财政局"),
    title: "预决算公开专题培训",
    kind: "special",
    heldOn: `${year}-05-20`,
    hours: 1.5,
    trainer: "",
    attendees: ["刘洋"],
  });

  await createCase(db, DEMO_PRINCIPAL, actor, {
    kind: "request_reply",
    title: "申请公开本人所在小区旧改补偿标准",
    body: "申请人申请公开某小区老旧小区改造补偿标准。经查，该标准已由区住房和城乡建设局主动公开，依据《条例》第三十六条第（一）项告知申请人获取途径。",
    outcome: "予以公开（已主动公开，告知获取途径）",
    lesson: "已主动公开的信息，应写明具体网址和栏目，不能只答复“已公开”。",
  });

  const enterprises = [
    {
      name: "济南市市中区实验小学",
      sector: "school" as const,
      supervisor: "区教育和体育局",
      items: ["招生政策", "收费项目和标准", "课后服务安排"],
    },
    {
      name: "济南市市中区人民医院",
      sector: "hospital" as const,
      supervisor: "区卫生健康局",
      items: ["医疗服务价格", "就医指南", "投诉渠道"],
    },
    {
      name: "市中区城乡供水服务中心",
      sector: "water" as const,
      supervisor: "区水务局",
      items: ["水价标准", "停水通知", "报装流程"],
    },
  ];
  for (const e of enterprises)
    await saveEnterprise(db, actor, undefined, {
      name: e.name,
      sector: e.sector,
      supervisorUnitId: id(e.supervisor),
      disclosureItems: e.items,
      website: "",
      servicePhone: "0531-12345",
      address: "",
      isActive: true,
    });

  await saveReadingRoom(db, actor, undefined, {
    name: "市中区档案馆政府信息公开查阅中心",
    address: "山东省济南市市中区（演示地址）",
    hours: "周一至周五 9:00–12:00，13:30–17:00（法定节假日除外）",
    phone: "0531-82078301",
    mapUrl: "https://map.example.cn/?q=%E5%B8%82%E4%B8%AD%E5%8C%BA%E6%A1%A3%E6%A1%88%E9%A6%86",
    services: "纸质文本查阅、网上查阅、复印",
    sortOrder: 0,
    isActive: true,
  });
  await saveReadingRoom(db, actor, undefined, {
    name: "市中区图书馆政府信息公开查阅点",
    address: "山东省济南市市中区（演示地址）",
    hours: "周二至周日 9:00–17:00",
    phone: "",
    mapUrl: "",
    services: "网上查阅",
    sortOrder: 1,
    isActive: true,
  });
}
