// Tasks as cards that link to their page: number, requirement, responsible units, deadline and how
// long it has passed, status. Used by the plan board's task list and its overdue reminders.
import type { TUnitRow } from "../org";
import type { TBoardTask } from "./plan-board";
import { STATUS_LABELS, type TTaskStatus } from "./task-status";

const DAY = 86_400_000;

/** Whole calendar days from a due date to today; 0 or less while the date has not passed. */
export const daysOverdue = (dueDate: string, today: string) =>
  Math.round((Date.parse(today) - Date.parse(dueDate)) / DAY);

const excerpt = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function StatusBadge({ status }: { status: TTaskStatus }) {
  return <span class={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

/** The responsible units by name, lead units first; a long list is cut with its count. */
function unitsLine(task: TBoardTask, units: TUnitRow[]): string {
  const name = (id: number) => units.find((u) => u.id === id)?.name ?? `单位 ${id}`;
  const ids = [...task.responsible].sort(([, a], [, b]) => (a === b ? 0 : a === "lead" ? -1 : 1));
  if (ids.length === 0) return task.unitsText;
  const names = ids.map(([id]) => name(id));
  return names.length > 4 ? `${names.slice(0, 4).join("、")} 等 ${names.length} 个单位` : names.join("、");
}

function TaskCard(props: { task: TBoardTask; units: TUnitRow[]; today: string; isOverdue: boolean }) {
  const t = props.task;
  const late = t.dueDate && props.isOverdue ? daysOverdue(t.dueDate, props.today) : 0;
  return (
    <li class={late > 0 ? "task-card is-overdue" : "task-card"} data-task-no={t.no}>
      <a class="task-card-title" href={`/admin/ledger/tasks/${t.id}`}>
        <span class="task-no">任务 {t.no}</span> {excerpt(t.requirement, 70)}
      </a>
      <dl class="task-card-facts">
        <dt>责任单位</dt>
        <dd>{unitsLine(t, props.units)}</dd>
        <dt>时限</dt>
        <dd>
          {t.dueDate ?? t.deadlineText}
          {late > 0 && <strong class="task-late">已逾期 {late} 天</strong>}
        </dd>
        <dt>进展</dt>
        <dd>
          <StatusBadge status={t.shownStatus} />
          {t.reports.length > 0 && <span class="muted"> 已报告 {t.reports.length} 次</span>}
        </dd>
      </dl>
    </li>
  );
}

/** A list of task cards; `overdue` marks every card as overdue (the reminder list), otherwise its status decides. */
export function TaskCards(props: {
  label: string;
  tasks: TBoardTask[];
  units: TUnitRow[];
  today: string;
  overdue?: boolean;
}) {
  return (
    <ul class="task-cards" aria-label={props.label}>
      {props.tasks.map((t) => (
        <TaskCard
          task={t}
          units={props.units}
          today={props.today}
          isOverdue={props.overdue === true || t.shownStatus === "overdue"}
        />
      ))}
    </ul>
  );
}
