import { can, canAnywhere, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { countUnassigned, pastRectification } from "./complaints.repository";

/**
 * The dashboard card for the complaints clock: complaints still being rectified after their
 * deadline in the caller's units, and (for the office) those not yet routed; null for others.
 */
export async function complaintsDashboardCard(db: Db, p: TPrincipal, today: string) {
  if (!canAnywhere(p, "complaints.handle")) return null;
  const late = await pastRectification(db, unitScope(p, "complaints.handle"), today);
  const unassigned = can(p, "complaints.handle") ? await countUnassigned(db) : 0;
  return (
    <section class="card" aria-labelledby="dash-complaints">
      <h2 id="dash-complaints">公共企事业单位投诉</h2>
      {unassigned > 0 && <p>待转主管部门的投诉 {unassigned} 件。</p>}
      {late.length === 0 ? (
        <p>没有超过整改期限的投诉。</p>
      ) : (
        <>
          <p>已过整改期限（{late.length} 件）：</p>
          <ul>
            {late.map((r) => (
              <li>
                <a href={`/admin/complaints/${r.id}`}>{r.receiptNo}</a> {r.organisation}（{r.unitName}）
                <strong class="alert">整改期限 {r.rectifyBy}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/admin/complaints">投诉办理</a>
      </p>
    </section>
  );
}
