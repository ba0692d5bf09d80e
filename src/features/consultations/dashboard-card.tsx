import type { TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { addDays } from "../calendar";
import { participationScope } from "./access";
import { consultationsNeedingWork } from "./consultations.repository";

/**
 * The dashboard card: consultations closing within 7 days and those with comments still without a
 * disposition, for whoever keeps those units' consultations. Null for everyone else.
 */
export async function participationCard(db: Db, p: TPrincipal, today: string) {
  const scope = participationScope(p);
  if (scope !== "all" && scope.length === 0) return null;
  const rows = await consultationsNeedingWork(db, scope, today, addDays(today, 7));
  const closing = rows.filter((r) => r.isClosingSoon);
  const pending = rows.filter((r) => r.pending > 0);
  return (
    <section class="card" aria-labelledby="dash-consultations">
      <h2 id="dash-consultations">意见征集</h2>
      {closing.length === 0 && pending.length === 0 ? (
        <p>没有 7 日内截止的征求意见，也没有待处理的意见。</p>
      ) : (
        <ul>
          {closing.map((r) => (
            <li>
              <a href={`/admin/consultations/${r.id}`}>{r.title}</a>：{r.closesAt} 截止
            </li>
          ))}
          {pending.map((r) => (
            <li>
              <a href={`/admin/consultations/${r.id}?pending=1`}>{r.title}</a>：{r.pending} 条意见待处理
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/admin/consultations">意见征集</a> · <a href="/admin/decisions">重大行政决策</a>
      </p>
    </section>
  );
}
