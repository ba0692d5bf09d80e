import type { TCitation } from "./answer-question";

/**
 * The optional generated answer (GONGKAI_LLM_URL, an OpenAI-compatible chat completions endpoint).
 * The model sees the question and the retrieved clauses, numbered [1]…[n], and is told to answer
 * from them only and to cite them by number. Its answer is checked before it is shown: it must
 * cite at least one clause, and only numbers that were given; an answer that cites anything else,
 * or none, or that arrives late or malformed, is discarded and the page shows the clauses alone.
 */
export async function generateAnswer(
  opts: { url: string; model: string; timeoutMs?: number },
  question: string,
  citations: TCitation[],
): Promise<string | null> {
  if (citations.length === 0) return null;
  const sources = citations
    .map(
      (c, i) => `[${i + 1}] 《${c.title}》${c.docNumber ? `（${c.docNumber}）` : ""}${c.clause}：${c.text}`,
    )
    .join("\n");
  const body = {
    model: opts.model,
    temperature: 0,
    max_tokens: 400,
    messages: [
      {
        role: "system",
        content:
          "你是政务公开咨询助手。只能依据用户消息中给出的条款回答，不得使用其他知识。用不超过150字的中文简要回答，" +
          "每句话后用方括号标注所依据的条款编号，如[1]。条款不足以回答时，只回答“无法根据现有条款回答”。",
      },
      { role: "user", content: `条款：\n${sources}\n\n问题：${question}` },
    ],
  };
  try {
    const res = await fetch(opts.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 8_000),
    });
    if (!res.ok) return null;
    const json = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
    const text = json.choices?.[0]?.message?.content;
    return typeof text === "string" ? checkedAnswer(text, citations.length) : null;
  } catch {
    return null;
  }
}

/** The answer if every citation in it is one of 1…n and there is at least one; else null. */
export function checkedAnswer(text: string, n: number): string | null {
  const answer = text.trim().slice(0, 1_000);
  if (!answer || answer.includes("无法根据现有条款回答")) return null;
  const cited = [...answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  if (cited.length === 0 || cited.some((k) => !Number.isInteger(k) || k < 1 || k > n)) return null;
  return answer;
}
