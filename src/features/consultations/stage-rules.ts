import { STAGE_LABELS, type TStage } from "./consultations.schemas";

// Which stages the law requires before a stage (《重大行政决策程序暂行条例》). Hearings, expert review and
// risk assessment are conditional (Art. 16, 19, 22: "可以", "对专业性、技术性较强的"), so no later stage
// requires them; the rest are required:
// - a draft with its explanation comes first (Art. 12, 15: the consultation publishes 决策草案及其说明);
// - the public is heard (Art. 14) and the legality review done (Art. 25: "决策草案提交决策机关讨论前，
//   应当由负责合法性审查的部门进行合法性审查") before the collective decision;
// - the decision is taken collectively (Art. 30) before it is published (Art. 32);
// - an evaluation (Art. 36) follows a published decision.
export const REQUIRED_BEFORE: Record<TStage, { stage: TStage; basis: string }[]> = {
  draft: [],
  consultation: [{ stage: "draft", basis: "第十五条" }],
  hearing: [{ stage: "draft", basis: "第十七条" }],
  expert_review: [{ stage: "draft", basis: "第十九条" }],
  risk_assessment: [{ stage: "draft", basis: "第二十二条" }],
  legality_review: [{ stage: "draft", basis: "第二十六条" }],
  collective_decision: [
    { stage: "draft", basis: "第二十九条" },
    { stage: "consultation", basis: "第十四条" },
    { stage: "legality_review", basis: "第二十五条" },
  ],
  published: [{ stage: "collective_decision", basis: "第三十条" }],
  evaluation: [{ stage: "published", basis: "第三十六条" }],
};

const label = (s: TStage) => `“${STAGE_LABELS[s]}”`;

/**
 * What is wrong, in the law's order, with recording `stage` on `date` given the stages already
 * recorded: a required earlier stage that is missing or dated after it, and a later stage that
 * requires this one but is dated before it. An empty list means the order is as the law wants.
 * Recording still goes ahead (a decision exempt from consultation exists, Art. 14), but the
 * warnings are shown, kept with the stage and written to the audit log.
 */
export function stageWarnings(
  recorded: { stage: TStage; date: string }[],
  stage: TStage,
  date: string,
): string[] {
  const others = recorded.filter((r) => r.stage !== stage);
  const out: string[] = [];
  for (const need of REQUIRED_BEFORE[stage]) {
    const found = others.find((r) => r.stage === need.stage);
    if (!found)
      out.push(
        `尚未记录${label(need.stage)}：《重大行政决策程序暂行条例》${need.basis}要求其在${label(stage)}之前。`,
      );
    else if (found.date > date)
      out.push(
        `${label(need.stage)}的日期（${found.date}）晚于${label(stage)}（${date}），顺序不符合条例${need.basis}。`,
      );
  }
  for (const later of others) {
    const need = REQUIRED_BEFORE[later.stage].find((n) => n.stage === stage);
    if (need && later.date < date)
      out.push(
        `${label(later.stage)}已于 ${later.date} 记录，早于${label(stage)}（${date}），顺序不符合条例${need.basis}。`,
      );
  }
  return out;
}
