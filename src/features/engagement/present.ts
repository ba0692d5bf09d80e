// Public presenters: what anyone may see of open days and surveys. No names or phones.
import type { TOpenDayRow, TSurveyRow } from "./engagement.repository";
import { surveyState } from "./surveys";

export function publicOpenDay(d: TOpenDayRow, counts?: { confirmed: number; waiting: number }) {
  const confirmed = counts?.confirmed ?? 0;
  return {
    id: d.id,
    unitId: d.unitId,
    title: d.title,
    summary: d.summary,
    place: d.place,
    heldAt: d.heldAt,
    registrationClosesAt: d.registrationClosesAt,
    capacity: d.capacity,
    confirmed,
    waiting: counts?.waiting ?? 0,
    placesLeft: Math.max(0, d.capacity - confirmed),
    feedback: d.feedbackPublishedAt ? d.feedback : null,
  };
}

export const publishOpenDayOut = (d: TOpenDayRow) => publicOpenDay(d);

export function publicSurvey(s: TSurveyRow, today: string) {
  return {
    id: s.id,
    unitId: s.unitId,
    openDayId: s.openDayId,
    title: s.title,
    summary: s.summary,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    status: surveyState(s, today),
    questions: s.questions,
    feedback: s.feedbackPublishedAt ? s.feedback : null,
  };
}
