// Chinese names for what the audit log records: actions, object types and fields. The log stores
// stable English codes (they are part of the hash chain); only the page translates them.
import {
  DISCLOSURE_LABELS,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_STATUS_LABELS,
  VALIDITY_LABELS,
} from "../documents";
import { TASK_STATUS_LABELS } from "../ledger";
import { UNIT_KIND_LABELS } from "../org";
import { REQUEST_ACTION_LABELS, REQUEST_STATUS_LABELS } from "../requests";

/** Every action passed to recordAudit anywhere; audit-labels.test.ts fails when one is missing. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "opinion.create": "登记舆情",
  "opinion.event": "记录舆情回应",
  "opinion.confirm_topic": "确认舆情主题",
  "opinion.import": "导入 12345 工单",
  "opinion_response.publish": "公开回应",
  "opinion_response.update": "修改公开的回应",
  "opinion_response.unpublish": "撤下公开的回应",
  "opinion_topic.create": "新增舆情主题",
  "opinion_topic.update": "修改舆情主题关键词",
  "opinion_spike_rule.update": "修改集中舆情预警阈值",
  "opinion_alert.acknowledge": "确认集中舆情预警",
  "proposal.register": "登记建议提案",
  "proposal.reply": "答复建议提案",
  "proposal.satisfaction": "登记代表委员满意度",
  "proposal.co_opinion": "提出会办意见",
  "complaint.assign": "投诉转主管部门",
  "complaint.order_rectification": "责令限期整改",
  "complaint.conclude": "投诉办结",
  "signoff.require": "设置会签单位",
  "signoff.sign": "会签",
  "signoff.return": "会签退回",
  "auth.login": "登录",
  "auth.logout": "退出登录",
  "auth.token_issued": "申请接口令牌",
  "auth.token_revoked": "撤销接口令牌",
  "user.create": "新建用户",
  "user.update": "修改用户",
  "user.reset_password": "重置密码",
  "user.change_password": "修改本人密码",
  "unit.create": "新建机构",
  "unit.update": "修改机构",
  "liaison.appoint": "登记联络员",
  "liaison.handover": "更换联络员",
  "calendar.update": "修改工作日历",
  "catalogue.area_create": "新增标准目录领域",
  "catalogue.area_retire": "停用标准目录领域",
  "catalogue.area_restore": "恢复标准目录领域",
  "catalogue.item_create": "新增标准目录事项",
  "catalogue.item_retire": "移出标准目录事项",
  "catalogue.import": "导入标准目录",
  "catalogue.posting_create": "登记其他渠道公开",
  "catalogue.rectification_create": "列入标准目录整改清单",
  "catalogue.rectification_update": "填报标准目录整改情况",
  "document.catalogue_items": "标注文件落实的目录事项",
  "guide.update": "修改公开指南",
  "notice.create": "新增置顶公告",
  "notice.update": "修改置顶公告",
  "notice.delete": "删除置顶公告",
  "reply_template.update": "修改答复模板",
  "document.create": "新建文件草稿",
  "document.update": "修改文件",
  "document.import": "导入文件",
  "document.import_update": "导入时更新文件",
  "document.attach": "添加附件",
  "document.detach": "删除附件",
  "document.submit": "提交审核",
  "document.return": "退回修改",
  "document.withdraw": "撤回文件",
  "document.publish": "发布文件",
  "document.publish_blocked": "发布被拦截",
  "document.privacy_confirm": "确认已做隐私审查",
  "document.repealed": "文件被废止",
  "document.amended": "文件被修改",
  "document.repeal_revoke": "撤销废止关系",
  "document.amend_revoke": "撤销修改关系",
  "document.relation_propose": "提出文件关系",
  "document.relation_accept": "接受文件关系",
  "document.relation_decline": "拒绝文件关系",
  "document.topic_add": "新增特色主题",
  "document.index_pattern": "修改索引号格式",
  "search.synonyms_add": "新增同义词",
  "search.synonyms_remove": "删除同义词",
  "gazette.create": "编辑政府公报",
  "request.register": "登记申请",
  "request.attach": "上传申请材料",
  "request.view_id_copy": "查看身份证明",
  "request.reveal_applicant": "查看申请人完整信息",
  "request.contact": "记录与申请人联系",
  "request.disclose": "公开答复",
  ...Object.fromEntries(Object.entries(REQUEST_ACTION_LABELS).map(([k, v]) => [`request.${k}`, v])),
  "appeal.create": "登记复议诉讼",
  "appeal.decide": "登记复议诉讼结果",
  "policy_question.route": "分办政策问题",
  "policy_question.answer": "答复政策问题",
  "policy_question.close": "关闭政策问题",
  "faq.publish": "发布问答",
  "policy_enquiry.log": "登记电话和现场咨询",
  "spot_check.draw": "抽取抽查样本",
  "spot_check.score": "抽查评分",
  "ledger.import": "导入工作要点",
  "ledger.report": "报告进展",
  "ledger.review": "审核进展",
  "ledger.assessment_weights": "设置考核权重",
  "ledger.year_end": "年终评定",
  "report.save": "保存年度报告",
  "report.publish": "发布年度报告",
  "subsidy_notice.publish": "发布补贴公示",
  "subsidy_notice.purge": "删除存档期满的补贴公示",
  "subsidy_notice.retention": "修改补贴公示存档年限",
  "subsidy_terminal.issue": "生成村（社区）查询终端网址",
  "new_media.create": "登记政务新媒体账号",
  "new_media.update": "修改政务新媒体账号",
  "new_media.inspect": "记录政务新媒体检查",
  "training.create": "登记培训",
  "case.create": "新增案例",
  "enterprise.create": "登记公共企事业单位",
  "enterprise.update": "修改公共企事业单位",
  "reading_room.create": "新增政府信息查阅点",
  "reading_room.update": "修改政府信息查阅点",
  "decision.create": "新增重大行政决策事项",
  "decision.stage_record": "记录决策阶段",
  "consultation.create": "发布征求意见稿",
  "consultation.comment_dispose": "处理公众意见",
  "consultation.comment_hide": "隐藏公众意见",
  "consultation.feedback_update": "更新已公布的采纳情况",
  "consultation.feedback_publish": "公布意见采纳情况",
  "document.eligibility_update": "修改政策适用对象",
  "eligibility.attribute_add": "新增政策找人选项",
  "webhook.create": "登记接口推送网址",
  "webhook.remove": "停用接口推送网址",
  "meeting.create": "新建列席会议",
  "meeting.register": "报名列席",
  "meeting.draw": "列席抽签",
  "meeting.draw_publish": "公布抽签结果",
  "meeting.opinion_add": "登记列席代表意见",
  "open_day.create": "新建开放活动",
  "open_day.register": "报名开放活动",
  "open_day.cancel": "取消开放活动报名",
  "open_day.feedback_publish": "公开开放活动意见采纳情况",
  "survey.create": "新建问卷",
  "survey.feedback_publish": "公开问卷意见采纳情况",
  "ledger.make_public": "公开工作进展",
  "ledger.make_private": "停止公开工作进展",
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  opinion: "政务舆情",
  opinion_response: "回应关切",
  opinion_topic: "舆情主题",
  opinion_alert: "集中舆情预警",
  portal_notice: "置顶公告",
  user: "用户",
  api_token: "接口令牌",
  unit: "机构",
  liaison: "联络员",
  calendar: "工作日历",
  setting: "设置",
  settings: "设置",
  document: "文件",
  document_topic: "特色主题",
  search_synonyms: "同义词",
  gazette_issue: "政府公报",
  request: "申请",
  appeal: "复议诉讼",
  spot_check: "抽查",
  policy_question: "政策问题",
  faq: "问答库",
  policy_enquiry: "电话和现场咨询",
  ledger_plan: "工作要点",
  ledger_task: "台账任务",
  ledger_report: "进展报告",
  annual_report: "年度报告",
  subsidy_notice: "补贴公示",
  subsidy_setting: "补贴公示设置",
  village_terminal: "村（社区）查询终端",
  new_media_account: "政务新媒体账号",
  new_media_inspection: "政务新媒体检查",
  training_session: "培训",
  case_entry: "案例",
  public_enterprise: "公共企事业单位",
  reading_room: "政府信息查阅点",
  decision: "重大行政决策",
  consultation: "征求意见",
  consultation_comment: "公众意见",
  policy_eligibility: "政策适用对象",
  eligibility_attribute: "政策找人选项",
  webhook: "接口推送网址",
  meeting: "列席会议",
  meeting_registration: "列席报名",
  open_day: "开放活动",
  open_day_registration: "开放活动报名",
  survey: "问卷",
  catalogue_area: "标准目录领域",
  catalogue_item: "标准目录事项",
  catalogue_rectification: "标准目录整改",
  proposal: "建议提案",
  complaint: "企事业单位投诉",
};

export const actionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? action;
export const entityLabel = (entity: string) => AUDIT_ENTITY_LABELS[entity] ?? entity;

/** Field names as the before/after table shows them; a field not listed shows its code. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  id: "编号",
  title: "标题",
  name: "名称",
  body: "正文",
  summary: "摘要",
  status: "状态",
  note: "说明",
  comment: "意见",
  kind: "类别",
  level: "层级",
  unitId: "单位",
  userId: "用户",
  taskId: "任务",
  createdAt: "创建时间",
  createdBy: "创建人",
  updatedAt: "修改时间",
  updatedBy: "修改人",
  version: "版本",
  indexNo: "索引号",
  docNumber: "发文字号",
  docNumberKey: "发文字号（规范化）",
  issuer: "发文机关",
  writtenAt: "成文日期",
  publishAt: "预定发布时间",
  publishedAt: "发布时间",
  publishDue: "法定公开期限",
  effectiveAt: "施行日期",
  validity: "有效性",
  endsAs: "失效方式",
  repealedAt: "废止日期",
  amendedAt: "修改日期",
  withdrawnAt: "撤回时间",
  withdrawalNotice: "撤回说明",
  disclosure: "公开方式",
  topics: "主题分类",
  keywords: "关键词",
  interpretsId: "所解读的文件",
  interpretationForm: "解读形式",
  interpretationWaiver: "不解读的理由",
  needsInterpretation: "需要解读",
  privacyConfirmedAt: "隐私审查时间",
  privacyConfirmedBy: "隐私审查人",
  sourceKey: "来源标识",
  videoUrl: "视频地址",
  by: "依据文件",
  relationId: "关系编号",
  fileId: "文件编号",
  sha256: "SHA-256",
  username: "用户名",
  displayName: "姓名",
  email: "电子邮箱",
  phone: "电话",
  mobile: "手机",
  fax: "传真",
  address: "地址",
  postcode: "邮编",
  isActive: "启用",
  mustChangePassword: "须修改密码",
  roles: "角色",
  role: "角色",
  aliases: "别名",
  duties: "职责",
  indexCode: "索引号代码",
  sortOrder: "排序",
  postedMailDays: "邮寄在途天数",
  position: "职务",
  startedOn: "任职日期",
  endedOn: "离任日期",
  handoverNote: "交接说明",
  previousTermId: "前任任期",
  receiptNo: "申请编号",
  channel: "申请渠道",
  receivedAt: "收到日期",
  dueDate: "答复期限",
  action: "办理环节",
  type: "类型",
  date: "日期",
  outcome: "答复结果",
  reason: "理由",
  legalBasis: "法律依据",
  method: "方式",
  actorName: "操作人",
  requestId: "申请",
  year: "年度",
  number: "期号",
  publishedOn: "出版日期",
  items: "条目",
  issuedAt: "印发日期",
  taskCount: "任务数",
  unreadableDeadlines: "无法识别的期限",
  unresolvedUnits: "无法对应的单位",
  reportedOn: "报告日期",
  isComplete: "已完成",
  evidence: "佐证材料",
  reviewComment: "审核意见",
  reviewedAt: "审核时间",
  reviewedBy: "审核人",
  taskStatus: "任务状态",
  siteName: "网站名称",
  officeName: "办公室名称",
  hours: "办公时间",
  website: "网站",
  classification: "信息分类",
  proactive: "主动公开",
  onRequest: "依申请公开",
  remedies: "救济途径",
  reconsiderationBody: "复议机关",
  courtName: "法院",
};

export const fieldLabel = (key: string) => AUDIT_FIELD_LABELS[key] ?? key;

// Coded values of a field, whichever object they belong to; the codes of different objects do not clash.
const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: {
    ...TASK_STATUS_LABELS,
    ...REQUEST_STATUS_LABELS,
    ...DOCUMENT_STATUS_LABELS,
    submitted: "待审核",
    accepted: "已通过",
    returned: "已退回",
  },
  taskStatus: TASK_STATUS_LABELS,
  validity: VALIDITY_LABELS,
  endsAs: VALIDITY_LABELS,
  disclosure: DISCLOSURE_LABELS,
  kind: { ...UNIT_KIND_LABELS, ...DOCUMENT_KIND_LABELS },
  type: REQUEST_ACTION_LABELS,
};

/** A coded value in words, or undefined when the field has no codes or the value is not one. */
export const valueLabel = (field: string, value: string): string | undefined => VALUE_LABELS[field]?.[value];

/** The staff page of the object an entry is about, when it has one. */
export function objectHref(row: {
  entity: string;
  entityId: string | null;
  unitId: number | null;
  after: unknown;
}): string | null {
  const id = row.entityId;
  const ok = id !== null && /^\d+$/.test(id);
  switch (row.entity) {
    case "request":
      return ok ? `/admin/requests/${id}` : null;
    case "document":
      return ok ? `/admin/documents/${id}` : null;
    case "proposal":
      return ok ? `/admin/proposals/${id}` : null;
    case "complaint":
      return ok ? `/admin/complaints/${id}` : null;
    case "ledger_task":
      return ok ? `/admin/ledger/tasks/${id}` : null;
    case "ledger_plan":
      return ok ? `/admin/ledger/plans/${id}` : null;
    case "ledger_report": {
      const taskId = (row.after as { taskId?: unknown } | null)?.taskId;
      return typeof taskId === "number" ? `/admin/ledger/tasks/${taskId}` : null;
    }
    case "user":
      return ok ? `/admin/users/${id}` : null;
    case "unit":
      return ok ? `/admin/units/${id}` : null;
    case "liaison":
      return row.unitId !== null ? `/admin/liaisons/${row.unitId}` : null;
    case "spot_check":
      return ok ? `/admin/spot-checks/${id}` : null;
    case "gazette_issue":
      return ok ? `/gazette/${id}` : null;
    case "calendar":
      return "/admin/calendar";
    case "catalogue_area":
      return "/admin/catalogues/areas";
    case "catalogue_item":
      return row.unitId !== null ? `/admin/catalogues/${row.unitId}` : null;
    case "catalogue_rectification":
      return "/admin/catalogues/rectifications";
    case "portal_notice":
      return ok ? `/admin/notices/${id}` : null;
    case "search_synonyms":
    case "document_topic":
    case "settings":
      return "/admin/catalogue";
    case "setting":
      return id === "guide" ? "/admin/guide" : id?.startsWith("reply") ? "/admin/reply-templates" : null;
    default:
      return null;
  }
}
