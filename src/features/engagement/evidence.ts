import { type Db, titleOfRow } from "../../platform/db";

// What a progress report in the work-plan ledger may cite from this feature, by its link.

/** Meetings the public attended (task 32). */
export const meetingEvidence = {
  label: "列席会议",
  path: /^\/meetings\/(\d+)$/,
  titleOf: (db: Db, id: number) => titleOfRow(db, "meetings", id),
};

/** Government open days (task 33). */
export const openDayEvidence = {
  label: "政府开放活动",
  path: /^\/open-days\/(\d+)$/,
  titleOf: (db: Db, id: number) => titleOfRow(db, "open_days", id),
};

/** Surveys (tasks 34, 42). */
export const surveyEvidence = {
  label: "问卷调查",
  path: /^\/surveys\/(\d+)$/,
  titleOf: (db: Db, id: number) => titleOfRow(db, "surveys", id),
};
