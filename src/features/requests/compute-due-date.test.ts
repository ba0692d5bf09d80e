import { describe, expect, it } from "vitest";
import { Y2025, Y2026 } from "../../../test/calendar-fixture";
import { PROVISIONAL_LABEL, WorkCalendar } from "../calendar";
import { computeClock, type TClockAction } from "./compute-due-date";

// Worked examples computed by hand from STATUTES §1–5 with the 2025 and 2026 official schedules.
const cal = new WorkCalendar([Y2025, Y2026]);
const due = (receivedAt: string, actions: TClockAction[] = []) => computeClock(receivedAt, actions, cal);

describe("the reply deadline (Art. 33)", () => {
  it("counts 20 working days after the received date, weekends excluded", () => {
    // STATUTES §3: Mon 2025-09-01 → Sun 2025-09-28, a weekend day made a working day (调休).
    const c = due("2025-09-01");
    expect(c).toMatchObject({ state: "running", dueDate: "2025-09-28", isProvisional: false });
    expect(c.steps.at(-1)).toContain("2025-09-28");
  });

  it("skips a holiday spanning the period", () => {
    // Tue 2025-09-30: Oct 1–8 off; Oct 9 (1), 10 (2), Sat 11 worked (3), 13–17 (8), 20–24 (13), 27–31 (18),
    // Nov 3 (19), Nov 4 (20).
    expect(due("2025-09-30").dueDate).toBe("2025-11-04");
  });

  it("restarts after a correction from the day the corrected request arrives", () => {
    // Corrected request received Wed 2025-09-10: Sep 11–12 (2), 15–19 (7), 22–26 (12), Sun 28 (13), 29 (14),
    // 30 (15), Oct 9 (16), 10 (17), Sat 11 (18), 13 (19), 14 (20).
    const c = due("2025-09-01", [
      { type: "request_correction", date: "2025-09-03", correctBy: "2025-09-17" },
      { type: "correction_received", date: "2025-09-10" },
    ]);
    expect(c).toMatchObject({
      startDate: "2025-09-10",
      dueDate: "2025-10-14",
      correction: { isLate: false },
    });
  });

  it("has no due date while waiting for the correction, and flags a late correction notice", () => {
    // 7 working days after Mon 2025-09-01 is Wed 2025-09-10; a notice on Thu 2025-09-11 is late.
    const c = due("2025-09-01", [{ type: "request_correction", date: "2025-09-11" }]);
    expect(c).toMatchObject({
      state: "awaiting_correction",
      dueDate: null,
      correctionNoticeDeadline: "2025-09-10",
    });
    expect(c.correction?.isLate).toBe(true);
  });

  it("does not count a consultation pause (S, E]", () => {
    // Consultation Fri Sep 5 – Fri Sep 12: Sep 2–5 (4), Sep 8–12 not counted, 15–19 (9), 22–26 (14), Sun 28 (15),
    // 29 (16), 30 (17), Oct 9 (18), 10 (19), Sat Oct 11 (20).
    const c = due("2025-09-01", [
      { type: "consultation_started", date: "2025-09-05", party: "某公司" },
      { type: "consultation_ended", date: "2025-09-12", party: "某公司" },
    ]);
    expect(c.dueDate).toBe("2025-10-11");
    expect(c.steps.join("")).toContain("5 个工作日不计入");
    // The third party answers within 15 working days of Fri Sep 5: Sep 8–12 (5), 15–19 (10), 22–26 (15) → Sep 26.
    expect(c.steps.join("")).toContain("即 2025-09-26 前答复");
  });

  it("does not count overlapping pauses twice", () => {
    const c = due("2025-09-01", [
      { type: "consultation_started", date: "2025-09-05", party: "甲公司" },
      { type: "consultation_started", date: "2025-09-08", party: "区财政局" },
      { type: "consultation_ended", date: "2025-09-10", party: "甲公司" },
      { type: "consultation_ended", date: "2025-09-12", party: "区财政局" },
    ]);
    expect(c.dueDate).toBe("2025-10-11");
  });

  it("shows the working days left while a consultation is open", () => {
    // Sep 2–5 used (4 of 20) when the consultation starts on Sep 5.
    const c = computeClock(
      "2025-09-01",
      [{ type: "consultation_started", date: "2025-09-05" }],
      cal,
      "2025-09-05",
    );
    expect(c).toMatchObject({ state: "paused", remainingWorkdays: 16 });
  });

  it("extends from the current due date by the approved working days", () => {
    // Due Sun 2025-09-28; +10: 29 (1), 30 (2), Oct 9 (3), 10 (4), Sat 11 (5), 13–17 (10).
    const c = due("2025-09-01", [{ type: "extend", date: "2025-09-25", workdays: 10 }]);
    expect(c).toMatchObject({ dueDate: "2025-10-17", extensionWorkdays: 10 });
  });

  it("pauses from a fee notice until payment", () => {
    // Received Mon 2026-03-02; notice Tue 03-10, paid Tue 03-17: Mar 11–17 (5 working days) not counted.
    // Mar 3–6 (4), 9–10 (6), 18–20 (9), 23–27 (14), 30–31 (16), Apr 1–3 (19), Apr 6 清明 off, Apr 7 (20).
    const c = due("2026-03-02", [
      { type: "fee_notice", date: "2026-03-10" },
      { type: "fee_paid", date: "2026-03-17" },
    ]);
    expect(c.dueDate).toBe("2026-04-07");
  });

  it("gives the fee payment deadline as 20 working days from the day after the notice", () => {
    // Notice Tue 2026-03-10: Mar 11–13 (3), 16–20 (8), 23–27 (13), 30–31 (15), Apr 1–3 (18), Apr 7 (19), Apr 8 (20).
    const c = due("2026-03-02", [{ type: "fee_notice", date: "2026-03-10" }]);
    expect(c).toMatchObject({ state: "paused", feePaymentDeadline: "2026-04-08" });
  });

  it("answers for a year with no official schedule by its statutory holidays, flagged provisional", () => {
    // Tue 2026-12-15: Dec 16–18 (3), 21–25 (8), 28–31 (12), Fri 2027-01-01 元旦 presumed off,
    // Jan 4–8 (17), 11–13 (20).
    const c = due("2026-12-15");
    expect(c).toMatchObject({ dueDate: "2027-01-13", isProvisional: true });
    // The calendar's own wording: a year not loaded is presumed to have the statutory holidays, not weekends only.
    expect(c.steps.at(-1)).toContain(PROVISIONAL_LABEL);
    expect(c.steps.join("")).not.toContain("周末");
  });

  it("waits for confirmation before the clock starts", () => {
    expect(computeClock(null, [], cal)).toMatchObject({ state: "awaiting_confirmation", dueDate: null });
  });

  it("is concluded by a reply, keeping the due date it had", () => {
    const c = due("2025-09-01", [{ type: "reply", date: "2025-09-20" }]);
    expect(c).toMatchObject({ state: "concluded", dueDate: "2025-09-28", concludedOn: "2025-09-20" });
  });

  it("keeps a due date while paused: at least the one it would have if the pause ended that day", () => {
    // Consultation from Fri 2025-09-05, still open. Read on Sep 5 the pause is empty: due Sun 2025-09-28.
    // Read on Fri Sep 12: Sep 8–12 paused, so as in the (S, E] example above, at least Sat 2025-10-11.
    const open: TClockAction[] = [{ type: "consultation_started", date: "2025-09-05" }];
    expect(computeClock("2025-09-01", open, cal, "2025-09-05")).toMatchObject({
      state: "paused",
      dueDate: "2025-09-28",
      isDueDateAtLeast: true,
    });
    const c = computeClock("2025-09-01", open, cal, "2025-09-12");
    expect(c).toMatchObject({ dueDate: "2025-10-11", isDueDateAtLeast: true });
    expect(c.steps.at(-1)).toContain("暂停中，期限不早于 2025-10-11");
  });

  it("stays overdue when a pause was recorded after the due date had passed", () => {
    // Due Sun 2025-09-28; a consultation recorded on Thu 2025-10-09 (now refused) leaves it due 2025-09-28.
    const c = computeClock(
      "2025-09-01",
      [{ type: "consultation_started", date: "2025-10-09" }],
      cal,
      "2025-11-03",
    );
    expect(c).toMatchObject({ state: "paused", dueDate: "2025-09-28" });
  });

  it("flags a consultation left open past the party's 15 working days, counted from its delivery", () => {
    // Sent Fri 2025-09-05, received Mon 09-08: Sep 9–12 (4), 15–19 (9), 22–26 (14), Sun 28 worked (15).
    const open: TClockAction[] = [
      { type: "consultation_started", date: "2025-09-05", party: "某公司", deliveredOn: "2025-09-08" },
    ];
    const onTime = computeClock("2025-09-01", open, cal, "2025-09-28");
    expect(onTime.overdueConsultations).toEqual([]);
    expect(onTime.steps.join("")).toContain(
      "2025-09-08 送达，应自次日起 15 个工作日内、即 2025-09-28 前答复",
    );
    const late = computeClock("2025-09-01", open, cal, "2025-09-29");
    expect(late.overdueConsultations).toEqual([{ party: "某公司", answerBy: "2025-09-28" }]);
    expect(late.steps.at(-1)).toContain("已超过 15 个工作日");
  });

  it("counts the fee payment period from the day after the applicant receives the notice", () => {
    // Issued Tue 2026-03-10, received Fri 03-13: Mar 16–20 (5), 23–27 (10), 30–31 (12), Apr 1–3 (15),
    // Apr 4–6 清明 off, Apr 7–10 (19), Mon Apr 13 (20).
    const c = due("2026-03-02", [{ type: "fee_notice", date: "2026-03-10", deliveredOn: "2026-03-13" }]);
    expect(c.feePaymentDeadline).toBe("2026-04-13");
    expect(c.steps.join("")).toContain("申请人 2026-03-13 收到");
  });

  it("counts a fee notice and a consultation running at once only once", () => {
    // Consultation Sep 5–12 with a fee notice Sep 8, paid Sep 10, inside it: as the consultation alone, 2025-10-11.
    const c = due("2025-09-01", [
      { type: "consultation_started", date: "2025-09-05" },
      { type: "fee_notice", date: "2025-09-08" },
      { type: "fee_paid", date: "2025-09-10" },
      { type: "consultation_ended", date: "2025-09-12" },
    ]);
    expect(c).toMatchObject({ state: "running", dueDate: "2025-10-11", isDueDateAtLeast: false });
  });

  it("proposes a correction period of 15 working days after the notice date", () => {
    // Notice Wed 2025-09-03: Sep 4–5 (2), 8–12 (7), 15–19 (12), 22–24 (15).
    expect(computeClock("2025-09-01", [], cal, "2025-09-03").suggestedCorrectBy).toBe("2025-09-24");
  });
});
