import { canAnywhere, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { waitingFor } from "./signoffs.repository";

/** The dashboard card: documents waiting for the caller's unit's sign-off; null for those who sign none. */
export async function signoffsDashboardCard(db: Db, p: TPrincipal) {
  if (!canAnywhere(p, "signoffs.sign")) return null;
  const rows = await waitingFor(db, unitScope(p, "signoffs.sign"));
  return (
    <section class="card" aria-labelledby="dash-signoffs">
      <h2 id="dash-signoffs">待会签文件</h2>
      {rows.length === 0 ? (
        <p>没有等待本单位会签的文件。</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li>
              <a href={`/admin/signoffs/${r.documentId}`}>{r.title}</a>（{r.ownerName}）
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/admin/signoffs">全部待会签文件</a>
      </p>
    </section>
  );
}
