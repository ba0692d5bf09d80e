import { canAnywhere, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { loadWorkCalendar, passedDateNote } from "../calendar";
import { proposalsDueBy } from "./proposals.repository";
import { KIND_LABELS } from "./proposals.schemas";

/**
 * The dashboard card for the proposals clock: the caller's units' proposals waiting for a reply that
 * are overdue or due within 10 working days; null for those who reply to none.
 */
export async function proposalsDashboardCard(db: Db, p: TPrincipal, today: string) {
  if (!canAnywhere(p, "proposals.reply")) return null;
  const calendar = await loadWorkCalendar(db);
  const until = calendar.addWorkdays(today, 10).date;
  const rows = await proposalsDueBy(db, unitScope(p, "proposals.reply"), until);
  return (
    <section class="card" aria-labelledby="dash-proposals">
      <h2 id="dash-proposals">建议提案答复期限</h2>
      {rows.length === 0 ? (
        <p>没有逾期或 10 个工作日内到期的建议提案。</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li>
              <a href={`/admin/proposals/${r.id}`}>
                {KIND_LABELS[r.kind]}第 {r.number} 号
              </a>{" "}
              {r.title}（{r.leadUnitName}）{" "}
              {r.dueDate < today ? (
                <strong class="alert">
                  答复期限 {r.dueDate}，{passedDateNote(r.dueDate, today, calendar)}
                </strong>
              ) : (
                <>答复期限 {r.dueDate}</>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/admin/proposals">建议提案办理</a>
      </p>
    </section>
  );
}
