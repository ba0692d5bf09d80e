import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "../errors";
import { MSG } from "../messages";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
// zxcvbn's score 3 is "safely unguessable: moderate protection from an offline slow-hash attack"
// (about 10^8 guesses or more); 0–2 are passwords a guessing attack tries early.
const MIN_SCORE = 3;

/** What an administrator or user reads when a password is refused, and why. */
export const PASSWORD_RULE = `密码至少 ${PASSWORD_MIN_LENGTH} 个字符，且不能是常见密码、重复或连续的字符、键盘上相邻的键、日期或用户名、姓名。`;

// Why zxcvbn found the password guessable, by its warning key.
const WHY: Record<string, string> = {
  straightRow: "是键盘上一排相邻的键",
  keyPattern: "是键盘上的简单图案",
  simpleRepeat: "是重复的字符（如 1111111111）",
  extendedRepeat: "是重复的字符组（如 abcabcabc）",
  sequences: "是连续的字符（如 1234567890、abcdefghij）",
  recentYears: "含有近年的年份",
  dates: "含有日期",
  topTen: "是最常用的密码之一",
  topHundred: "是很常用的密码",
  common: "是常见密码",
  similarToCommon: "与常见密码相似",
  wordByItself: "只是一个常见单词",
  namesByThemselves: "只是姓名",
  commonNames: "是常见的姓名",
  userInputs: "含有用户名或姓名",
  pwned: "已在泄露的密码中出现",
};

let estimator: ZxcvbnFactory | undefined;

/**
 * Why a new password is too easy to guess, in Chinese, or null when it is acceptable. `personal`
 * holds the account's username and name, which a guesser tries first.
 */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符。`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符。`;
  // The dictionaries take a moment to load: only when a password is first set.
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const result = estimator.check(
    password,
    personal.filter((s) => s.length >= 3),
  );
  if (result.score >= MIN_SCORE) return null;
  const why = (result.feedback.warning && WHY[result.feedback.warning]) || "太容易被猜到";
  return `这个密码${why}，容易被猜到。请使用更长、更不规则的密码，例如几个不相关的词加数字和符号。`;
}

/** Refuses a guessable new password as a validation error on `field`, before anything is written. */
export function assertStrongPassword(password: string, personal: string[], field: string): void {
  const problem = passwordProblem(password, personal);
  if (problem)
    throw new AppError("validation_failed", MSG.validation, { issues: [{ path: field, message: problem }] });
}
