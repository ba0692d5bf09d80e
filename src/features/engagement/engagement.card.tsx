import { canAnywhere, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { meetingsAwaitingDraw, registrationCounts } from "./engagement.repository";

/** The dashboard card: meetings whose registration has closed and whose draw is not yet published. */
export async function EngagementCard({
  db,
  principal,
  today,
}: {
  db: Db;
  principal: TPrincipal;
  today: string;
}) {
  if (!canAnywhere(principal, "engagement.manage")) return null;
  const rows = await meetingsAwaitingDraw(db, unitScope(principal, "engagement.manage"), today);
  const counts = await registrationCounts(
    db,
    rows.map((m) => m.id),
  );
  return (
    <section class="card" aria-labelledby="dash-engagement">
      <h2 id="dash-engagement">列席抽签</h2>
      {rows.length === 0 ? (
        <p>没有等待抽签的会议。</p>
      ) : (
        <>
          <p>以下 {rows.length} 个会议报名已截止，抽签结果尚未公布：</p>
          <ul>
            {rows.slice(0, 10).map((m) => (
              <li>
                <a href={`/admin/engagement/meetings/${m.id}`}>{m.title}</a>（{m.heldAt}，
                {counts.get(m.id) ?? 0} 人报名，
                {m.seats} 个席位）
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/admin/engagement">公众参与</a>
      </p>
    </section>
  );
}
