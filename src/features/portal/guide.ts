import { z } from "zod";
import { recordAudit, type TActor } from "../../platform/audit";
import { createDbCache } from "../../platform/cache";
import type { Db } from "../../platform/db";
import { readSetting, writeSetting } from "../../platform/db/settings";

/**
 * The 政府信息公开指南 (Art. 12): how information is classified and published, how to request it,
 * and the office's name, address, hours, phone, fax and online contact. The office edits it.
 */
export const ZGuide = z.object({
  siteName: z.string().trim().min(2).max(40),
  officeName: z.string().trim().min(2).max(60),
  address: z.string().trim().min(2).max(200),
  postcode: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, "邮政编码应为 6 位数字。"),
  hours: z.string().trim().min(2).max(200),
  phone: z.string().trim().min(5).max(60),
  fax: z.string().trim().max(60),
  email: z.union([z.literal(""), z.email()]),
  website: z.string().trim().max(200),
  classification: z.string().trim().min(10).max(8000),
  proactive: z.string().trim().min(10).max(8000),
  onRequest: z.string().trim().min(10).max(8000),
  remedies: z.string().trim().min(10).max(4000),
  // Named in every written reply (告知书) as where the applicant may seek a remedy.
  reconsiderationBody: z.string().trim().min(2).max(100),
  courtName: z.string().trim().min(2).max(100),
  // The site's registration numbers every government site shows in its footer; empty until known.
  siteCode: z.string().trim().max(40).default(""),
  icpRecord: z.string().trim().max(60).default(""),
  policeRecord: z.string().trim().max(60).default(""),
});
export type TGuide = z.infer<typeof ZGuide>;

const KEY = "guide";

export const DEFAULT_GUIDE: TGuide = {
  reconsiderationBody: "（请填写行政复议机关）",
  courtName: "（请填写管辖的人民法院）",
  siteName: "政务公开",
  officeName: "区人民政府办公室（区政务公开办公室）",
  address: "（请填写办公地址）",
  postcode: "",
  hours: "法定工作日 上午 9:00—12:00，下午 13:30—17:00",
  phone: "（请填写咨询电话）",
  fax: "",
  email: "",
  website: "",
  siteCode: "",
  icpRecord: "",
  policeRecord: "",
  classification:
    "本机关主动公开的政府信息按机构职能、政策文件、规范性文件、政府公报、政策解读、规划计划、财政信息、重点领域信息等类别编排，每条信息标注索引号、主题分类、发布机构、成文日期和发布日期。",
  proactive:
    "主动公开的政府信息自形成或者变更之日起 20 个工作日内在本网站公开，并可通过政府公报、政务新媒体、政务服务场所等途径获取。公众可在本网站检索、查阅和下载。",
  onRequest:
    "公民、法人或者其他组织可以向本机关申请获取主动公开以外的政府信息。申请应当采用书面形式（包括在线、信函、传真或当面提交），写明申请人姓名或名称、身份证明、联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式和途径。本机关能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过 20 个工作日。依申请提供政府信息，原则上不收取费用；申请数量、频次明显超过合理范围的，按照国家规定收取信息处理费。",
  remedies:
    "公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议（自知道之日起 60 日内）或者提起行政诉讼（自知道之日起 6 个月内）。",
};

// Every page shows the site name: keep the guide 10 s per process.
const cache = createDbCache<TGuide>(10_000);

/** The guide as stored, or the defaults; cached briefly because every page shows the site name. */
export async function getGuide(db: Db): Promise<TGuide> {
  return cache.get(db, async () => {
    return { ...DEFAULT_GUIDE, ...((await readSetting<Partial<TGuide>>(db, KEY)) ?? {}) };
  });
}

/** Saves the guide and audits the change. */
export async function saveGuide(db: Db, actor: TActor, guide: TGuide): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getGuide(tx);
    await writeSetting(tx, KEY, guide);
    await recordAudit(tx, actor, {
      action: "guide.update",
      entity: "setting",
      entityId: KEY,
      before,
      after: guide,
    });
  });
  cache.invalidate(db);
}
