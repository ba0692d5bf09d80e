import {
  AUDIENCE_LABELS,
  INDUSTRY_LABELS,
  SIZE_LABELS,
  type TAudience,
  type TEligibilityBody,
  type TPolicyEligibility,
  type TSize,
} from "./alerts.schemas";

/** A policy's eligibility as stored (dates as YYYY-MM-DD). */
export type TEligibilityRule = Pick<
  TPolicyEligibility,
  | "audiences"
  | "subdistricts"
  | "industries"
  | "sizes"
  | "attributes"
  | "ageMin"
  | "ageMax"
  | "startsOn"
  | "endsOn"
>;

/** What a citizen or firm answered (the questionnaire, or a kept profile). */
export type TAnswers = Pick<
  TEligibilityBody,
  "audience" | "attributes" | "age" | "industry" | "size" | "subdistrict"
>;

export type TMatch = { isMatch: boolean; reasons: string[] };

const NO_MATCH: TMatch = { isMatch: false, reasons: [] };

function ageRange(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `${min}—${max} 岁`;
  if (min !== null) return `${min} 岁及以上`;
  return `${max} 岁及以下`;
}

/**
 * Whether a policy applies to the answers, and why. Every condition the office recorded must hold:
 * an empty list or a missing bound sets no condition; a condition on something the asker did not
 * answer (age, 街道, 行业, 规模) does not hold, since the policy cannot be promised to them. The
 * attributes are alternatives: holding any one of them (低保 or 残疾) qualifies. `today` decides the
 * application window (both ends included).
 */
export function matchEligibility(rule: TEligibilityRule, answers: TAnswers, today: string): TMatch {
  if (rule.startsOn && today < rule.startsOn) return NO_MATCH;
  if (rule.endsOn && today > rule.endsOn) return NO_MATCH;
  const reasons: string[] = [];
  if (rule.audiences.length > 0) {
    if (!rule.audiences.includes(answers.audience)) return NO_MATCH;
    reasons.push(`面向${rule.audiences.map((a) => AUDIENCE_LABELS[a as TAudience]).join("、")}`);
  }
  if (rule.subdistricts.length > 0) {
    if (!answers.subdistrict || !rule.subdistricts.includes(answers.subdistrict)) return NO_MATCH;
    reasons.push(`适用于${answers.subdistrict}`);
  }
  if (rule.industries.length > 0) {
    if (!answers.industry || !rule.industries.includes(answers.industry)) return NO_MATCH;
    reasons.push(`所属行业为${INDUSTRY_LABELS[answers.industry] ?? answers.industry}`);
  }
  if (rule.sizes.length > 0) {
    if (!answers.size || !rule.sizes.includes(answers.size)) return NO_MATCH;
    reasons.push(`企业规模为${SIZE_LABELS[answers.size as TSize]}`);
  }
  if (rule.ageMin !== null || rule.ageMax !== null) {
    const age = answers.age;
    if (age === undefined) return NO_MATCH;
    if (rule.ageMin !== null && age < rule.ageMin) return NO_MATCH;
    if (rule.ageMax !== null && age > rule.ageMax) return NO_MATCH;
    reasons.push(`年龄 ${age} 岁，在 ${ageRange(rule.ageMin, rule.ageMax)} 范围内`);
  }
  if (rule.attributes.length > 0) {
    const held = rule.attributes.filter((a) => answers.attributes.includes(a));
    if (held.length === 0) return NO_MATCH;
    reasons.push(`符合“${held.join("、")}”条件`);
  }
  if (rule.endsOn) reasons.push(`申请截止 ${rule.endsOn}`);
  if (reasons.length === 0) reasons.push("对申请人没有特别条件");
  return { isMatch: true, reasons };
}
