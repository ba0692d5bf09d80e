import type { Child } from "hono/jsx";
import { passedDateNote, type WorkCalendar } from "../calendar";
import type { documentsAwaitingReview } from "../documents";
import type { ledgerTasksDue, TTaskDue } from "../ledger";
import type { requestsWaiting } from "../requests";

export type TWaitingWork = {
  requests: Awaited<ReturnType<typeof requestsWaiting>> | null;
  documents: Awaited<ReturnType<typeof documentsAwaitingReview>> | null;
  tasks: Awaited<ReturnType<typeof ledgerTasksDue>> | null;
};

// Enough of a request's subject to recognise it in a list; the full text is on its page.
const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

type TRequestItem = { id: number; receiptNo: string; description: string };

function RequestLink({ r }: { r: TRequestItem }) {
  return (
    <>
      <a href={`/admin/requests/${r.id}`}>{r.receiptNo}</a> {short(r.description)}
    </>
  );
}

function TaskLink({ t }: { t: TTaskDue }) {
  return (
    <>
      <a href={`/admin/ledger/tasks/${t.taskId}`}>
        工作台账第 {t.no} 项：{short(t.requirement)}
      </a>
      （{t.unitName}）
    </>
  );
}

/** A dashboard list stops here; the rest is on the request board and the ledger. */
const LIST_LIMIT = 20;

/** The first items of a list, and where the rest are when there are more. */
function ShortList({ items, total }: { items: Child[]; total: number }) {
  return (
    <>
      <ul>{items.slice(0, LIST_LIMIT)}</ul>
      {total > LIST_LIMIT && (
        <p>
          另有 {total - LIST_LIMIT} 项未列出，见<a href="/admin/requests">在办申请看板</a>和
          <a href="/admin/ledger">工作台账</a>。
        </p>
      )}
    </>
  );
}

/** The work waiting for this person, each item a link to where it is done, past dates said as such. */
export function WaitingWork({
  work,
  today,
  calendar,
}: {
  work: TWaitingWork;
  today: string;
  calendar: WorkCalendar;
}) {
  const { requests, documents, tasks } = work;
  if (!requests && !documents && !tasks) return null;
  const overdue = (requests?.overdue.length ?? 0) + (tasks?.overdue.length ?? 0);
  const dueSoon = (requests?.dueSoon.length ?? 0) + (tasks?.dueSoon.length ?? 0);
  return (
    <section class="waiting-work" aria-labelledby="dash-work">
      <h2 id="dash-work">待办事项</h2>
      {(requests || tasks) && (
        <section aria-labelledby="dash-overdue">
          <h3 id="dash-overdue">已逾期（{overdue} 项）</h3>
          {overdue === 0 ? (
            <p>没有逾期事项。</p>
          ) : (
            <ShortList
              items={[
                ...(requests?.overdue ?? []).map((r) => (
                  <li>
                    <RequestLink r={r} />
                    <strong class="alert">
                      答复期限 {r.dueDate}，{r.note}
                    </strong>
                  </li>
                )),
                // Said only for the items shown: the note counts working days, a dashboard may list thousands.
                ...(tasks?.overdue ?? []).slice(0, LIST_LIMIT).map((t) => (
                  <li>
                    <TaskLink t={t} />
                    <strong class="alert">
                      完成时限 {t.dueDate}，{passedDateNote(t.dueDate, today, calendar)}
                    </strong>
                  </li>
                )),
              ]}
              total={overdue}
            />
          )}
        </section>
      )}
      {(requests || tasks) && (
        <section aria-labelledby="dash-soon">
          <h3 id="dash-soon">5 个工作日内到期（{dueSoon} 项）</h3>
          {dueSoon === 0 ? (
            <p>没有 5 个工作日内到期的事项。</p>
          ) : (
            <ShortList
              items={[
                ...(requests?.dueSoon ?? []).map((r) => (
                  <li>
                    <RequestLink r={r} /> 答复期限 {r.dueDate}
                  </li>
                )),
                ...(tasks?.dueSoon ?? []).map((t) => (
                  <li>
                    <TaskLink t={t} /> 完成时限 {t.dueDate}
                  </li>
                )),
              ]}
              total={dueSoon}
            />
          )}
        </section>
      )}
      {requests && (
        <section aria-labelledby="dash-confirm">
          <h3 id="dash-confirm">待确认受理的申请（{requests.toConfirm.total} 件）</h3>
          {requests.toConfirm.total === 0 ? (
            <p>没有待确认受理的申请。</p>
          ) : (
            <ul>
              {requests.toConfirm.items.map((r) => (
                <li>
                  <RequestLink r={r} />
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/admin/requests?status=awaiting_confirmation">全部待确认的申请</a> ·{" "}
            <a href="/admin/requests">在办申请看板</a>
          </p>
        </section>
      )}
      {documents && (
        <section aria-labelledby="dash-review">
          <h3 id="dash-review">待审核的文件（{documents.total} 件）</h3>
          {documents.total === 0 ? (
            <p>没有待审核的文件。</p>
          ) : (
            <ul>
              {documents.items.map((d) => (
                <li>
                  <a href={`/admin/documents/${d.id}`}>{d.title}</a>（{d.unitName}）
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/admin/documents?status=review">全部待审核的文件</a>
          </p>
        </section>
      )}
    </section>
  );
}
