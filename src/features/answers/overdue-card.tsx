import { canAnywhere, type TPrincipal } from "../../platform/auth/permissions";
import type { Db } from "../../platform/db";
import { overdueQuestions } from "./answers.repository";
import { questionScope } from "./questions";

/** The dashboard card: routed questions past their due date, within the caller's units. */
export async function overdueQuestionsCard(db: Db, p: TPrincipal, today: string) {
  if (!canAnywhere(p, "answers.reply")) return null;
  const rows = await overdueQuestions(db, questionScope(p), today);
  return (
    <section class="card" aria-labelledby="dash-questions">
      <h2 id="dash-questions">政策问答</h2>
      {rows.length === 0 ? (
        <p>没有逾期未答复的问题。</p>
      ) : (
        <>
          <p>{rows.length} 个问题已超过答复期限：</p>
          <ul>
            {rows.slice(0, 10).map((r) => (
              <li>
                <a href={`/admin/questions/${r.id}`}>{r.question}</a>（{r.unitName ?? "未分办"}，期限{" "}
                {r.dueOn}）
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/admin/questions">全部问题</a>
      </p>
    </section>
  );
}
