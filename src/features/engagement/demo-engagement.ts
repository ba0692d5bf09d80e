// Demo data for 公众参与: a meeting open for registration, one whose draw is published with the
// opinions given, open days (one with a waiting list), and a survey with answers. Dates are set
// around today, so the demo always has something open and something finished.
import type { TActor } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { addDays, todayInChina } from "../calendar";
import { addOpinion, createMeeting, publishDraw, registerForMeeting, runDraw } from "./meetings";
import { createOpenDay, publishOpenDayFeedback, registerForOpenDay } from "./open-days";
import { createSurvey, submitSurveyResponse } from "./surveys";

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";

/** Loads the demo meetings, open days and survey for the units named. */
export async function loadDemoEngagement(db: Db, actor: TActor, unitId: (name: string) => number) {
  const today = todayInChina();
  const person = (i: number) => ({
    name: `${SURNAMES[i % SURNAMES.length]}${["建国", "秀英", "志强", "丽华", "海涛"][i % 5]}`,
    phone: `1390531${String(1000 + i).padStart(4, "0")}`,
  });
  const kinds = ["citizen", "expert", "media", "stakeholder"] as const;

  // A meeting still taking registrations.
  const open = await createMeeting(db, actor, {
    unitId: unitId("区住房和城乡建设局"),
    title: "老旧小区改造年度计划审议会（公众代表列席）",
    summary: "审议年度老旧小区改造计划，包括加装电梯、雨污分流和停车位改造。设群众代表、专家、媒体列席席位。",
    heldAt: addDays(today, 30),
    registrationClosesAt: addDays(today, 20),
    seats: 5,
  });
  for (let i = 0; i < 3; i++)
    await registerForMeeting(
      db,
      actor,
      open.id,
      {
        ...person(i),
        kind: kinds[i % 4] as (typeof kinds)[number],
        reason: "居住在改造范围内的小区，希望反映加装电梯的意见。",
      },
      today,
    );

  // A meeting held last month: registration closed, draw published, opinions recorded.
  const past = await createMeeting(db, actor, {
    unitId: unitId("区卫生健康局"),
    title: "社区卫生服务中心布局规划论证会",
    summary: "论证社区卫生服务中心新增布点方案。",
    heldAt: addDays(today, -20),
    registrationClosesAt: addDays(today, -30),
    seats: 3,
  });
  const ids: number[] = [];
  for (let i = 3; i < 10; i++)
    ids.push(
      (
        await registerForMeeting(
          db,
          actor,
          past.id,
          {
            ...person(i),
            kind: kinds[i % 4] as (typeof kinds)[number],
            reason: "关心家门口的社区医疗服务。",
          },
          addDays(today, -35),
        )
      ).id,
    );
  const drawn = await runDraw(db, actor, past.id, { seed: `${addDays(today, -29)} 福彩3D 5 8 2` });
  await publishDraw(db, actor, past.id);
  await addOpinion(db, actor, past.id, {
    registrationId: drawn.selected[0],
    opinion: "建议在七里山片区增设一处服务站，方便老年人就近看病。",
    outcome: "采纳，已列入布点方案第二批。",
  });
  await addOpinion(db, actor, past.id, {
    speaker: "特邀专家",
    opinion: "服务站应与养老服务设施统筹布局。",
    outcome: "部分采纳：新建项目统筹布局，已建项目视条件调整。",
  });
  void ids;

  // Open days: one coming with a waiting list, one finished with its feedback published.
  const day = await createOpenDay(db, actor, {
    unitId: unitId("区行政审批服务局"),
    title: "政府开放日：走进区政务服务中心",
    summary: "参观“一网通办”综合窗口，现场答疑、座谈，并请填写问卷。",
    place: "市中区政务服务中心一楼大厅",
    heldAt: addDays(today, 14),
    registrationClosesAt: addDays(today, 10),
    capacity: 4,
  });
  for (let i = 10; i < 15; i++) await registerForOpenDay(db, actor, day.id, person(i), today);
  const done = await createOpenDay(db, actor, {
    unitId: unitId("区卫生健康局"),
    title: "政府开放日：走进区疾控中心",
    place: "市中区疾病预防控制中心",
    heldAt: addDays(today, -40),
    registrationClosesAt: addDays(today, -45),
    capacity: 30,
  });
  await publishOpenDayFeedback(
    db,
    actor,
    done.id,
    "活动中收集意见建议 12 条。\n采纳 7 条：增加周末疫苗接种时段（已于本月起实施）、在官网公开门诊排队情况等。\n不予采纳 2 条，理由已在现场答复。其余 3 条转有关部门研究。",
  );

  const survey = await createSurvey(db, actor, {
    unitId: unitId("区行政审批服务局"),
    openDayId: day.id,
    title: "政务服务满意度问卷",
    summary: "请就政务服务中心的办事体验打分并提出建议。",
    opensAt: addDays(today, -10),
    closesAt: addDays(today, 30),
    questions: [
      { kind: "single", text: "您对政务服务中心的总体评价", options: ["满意", "基本满意", "不满意"] },
      { kind: "multiple", text: "您常用的办事渠道", options: ["窗口", "网上", "自助终端", "掌上办"] },
      { kind: "scale", text: "办事指南是否清楚易懂" },
      { kind: "text", text: "其他意见建议" },
    ],
  });
  for (let i = 0; i < 40; i++)
    await submitSurveyResponse(
      db,
      survey.id,
      {
        answers: [
          i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0,
          i % 2 ? [0, 1] : [1, 3],
          1 + ((i * 3) % 5),
          i % 5 ? null : "希望延长周末办事时间",
        ],
        respondentToken: `demo-respondent-${i}`,
      },
      today,
    );
}
