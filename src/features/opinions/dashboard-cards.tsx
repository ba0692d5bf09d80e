import { canAnywhere, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { opinionScope } from "./access";
import { clockCounts } from "./opinions.repository";

const CARDS = [
  { kind: "release", title: "舆情：5 小时内发布权威信息" },
  { kind: "press_conference", title: "舆情：24 小时内举行新闻发布会" },
  { kind: "response", title: "舆情：48 小时内回应" },
] as const;

/** One dashboard card per 舆情 clock, in the person's units; nothing for those who do not handle 舆情. */
export async function opinionDashboardCards(db: Db, p: TPrincipal, now = new Date()) {
  if (!canAnywhere(p, "opinions.handle")) return null;
  const counts = await clockCounts(db, opinionScope(p), now);
  return (
    <>
      {CARDS.map((card) => {
        const c = counts[card.kind];
        return (
          <section class="card" aria-labelledby={`dash-op-${card.kind}`}>
            <h2 id={`dash-op-${card.kind}`}>{card.title}</h2>
            <p>
              在办 {c.open} 条，1 小时内到期 {c.dueWithinHour} 条，
              <span class={c.overdue > 0 ? "overdue" : undefined}>已超时 {c.overdue} 条</span>。
            </p>
            <p>
              <a href="/admin/opinions">打开舆情看板</a>
            </p>
          </section>
        );
      })}
    </>
  );
}
