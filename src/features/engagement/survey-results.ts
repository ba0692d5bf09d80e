// Survey results: counts per option (single and multiple choice), per point of a 1–5 scale with its
// mean, and nothing for free text (its answers are read in the back office, never published raw).
import type { TAnswer, TQuestion } from "./engagement.tables";

export const SCALE_POINTS = [1, 2, 3, 4, 5] as const;

export type TQuestionResult = { counts: number[] | null; mean: number | null };
export type TSurveyResults = { responses: number; questions: TQuestionResult[] };

/** One aggregated row: how many responses gave value `value` to question `question` (0-based). */
export type TTallyRow = { question: number; value: number; n: number };

/**
 * The results from aggregated counts. A multiple-choice count is the number of respondents who
 * ticked the option, so its percentages may add up to more than 100 %.
 */
export function resultsFrom(questions: TQuestion[], responses: number, rows: TTallyRow[]): TSurveyResults {
  return {
    responses,
    questions: questions.map((q, qi) => {
      if (q.kind === "text") return { counts: null, mean: null };
      const mine = rows.filter((r) => r.question === qi);
      if (q.kind === "scale") {
        const counts = SCALE_POINTS.map((p) =>
          mine.filter((r) => r.value === p).reduce((s, r) => s + r.n, 0),
        );
        const answered = counts.reduce((s, n) => s + n, 0);
        const sum = counts.reduce((s, n, i) => s + n * (i + 1), 0);
        return { counts, mean: answered ? Math.round((sum / answered) * 100) / 100 : null };
      }
      const counts = (q.options ?? []).map((_, oi) =>
        mine.filter((r) => r.value === oi).reduce((s, r) => s + r.n, 0),
      );
      return { counts, mean: null };
    }),
  };
}

/** The tally of raw answers (the same rows the database aggregation gives), for one response at a time. */
export function tallyAnswers(answers: TAnswer[][]): TTallyRow[] {
  const map = new Map<string, TTallyRow>();
  for (const a of answers)
    a.forEach((v, question) => {
      const values = typeof v === "number" ? [v] : Array.isArray(v) ? v : [];
      for (const value of values) {
        const key = `${question}:${value}`;
        const row = map.get(key) ?? { question, value, n: 0 };
        row.n += 1;
        map.set(key, row);
      }
    });
  return [...map.values()];
}

/** A share as a percentage with one decimal ("33.3%"); "—" when nobody answered. */
export function percent(n: number, of: number): string {
  return of > 0 ? `${((n / of) * 100).toFixed(1)}%` : "—";
}

/**
 * The mistakes in a set of answers against the survey's questions, as field issues: one answer per
 * question; an option index that exists; distinct indexes for multiple choice (at least one); a
 * whole number 1–5 for a scale; text up to 2000 characters (may be empty).
 */
export function answerIssues(
  questions: TQuestion[],
  answers: TAnswer[],
): { path: string; message: string }[] {
  if (answers.length !== questions.length)
    return [{ path: "answers", message: `应回答全部 ${questions.length} 个问题。` }];
  const issues: { path: string; message: string }[] = [];
  const isIndex = (v: unknown, n: number) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < n;
  questions.forEach((q, i) => {
    const a = answers[i];
    const path = `answers.${i}`;
    const n = q.options?.length ?? 0;
    if (q.kind === "single" && !isIndex(a, n)) issues.push({ path, message: "请选择一项。" });
    if (q.kind === "multiple") {
      const ok =
        Array.isArray(a) && a.length > 0 && a.every((x) => isIndex(x, n)) && new Set(a).size === a.length;
      if (!ok) issues.push({ path, message: "请至少选择一项。" });
    }
    if (q.kind === "scale" && !(Number.isInteger(a) && (a as number) >= 1 && (a as number) <= 5))
      issues.push({ path, message: "请选择 1 至 5 分。" });
    if (q.kind === "text" && !(a === null || (typeof a === "string" && a.length <= 2000)))
      issues.push({ path, message: "请填写不超过 2000 字的文字。" });
  });
  return issues;
}
