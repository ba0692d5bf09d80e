import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, type TApi } from "../../platform/http/api";
import type { TDeps } from "../../platform/http/context";
import { answerFor } from "./answer-for";
import { ZAnswer, ZAnswersQuery, ZCreateQuestionBody, ZFaqItem, ZFaqQuery } from "./answers.schemas";
import { faqFor, submitQuestion } from "./questions";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** The policy services of the stable API: answers, questions from the public, the 问答库. */
export function registerAnswersApi(api: TApi, deps: TDeps) {
  const { db } = deps;
  api.openapi(
    createRoute({
      method: "get",
      path: "/answers",
      tags: ["政策问答"],
      summary:
        "政策问答（无需登录）：返回最相关的至多 5 个条款及出处（文件名称、文号、条号、效力、链接到条文锚点）；相关度不足时 answered=false 并给出固定的拒答说明。只引用现行有效的已发布文件。",
      request: { query: ZAnswersQuery },
      responses: { 200: json(ZAnswer, "回答"), ...errorResponses(400) },
    }),
    async (c) => {
      const r = await answerFor(db, deps.config, c.req.valid("query").q);
      return c.json(
        {
          answered: r.answered,
          citations: r.citations.map(({ score: _s, publishedAt: _p, ...c }) => c),
          ...(r.refusal ? { refusal: r.refusal } : {}),
          ...(r.generated ? { generated: r.generated } : {}),
          faq: r.faq,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/public/questions",
      tags: ["政策问答"],
      summary: "留下问题（无需登录）：联系方式可不填，且从不公开；同一地址每小时最多 10 个",
      request: { body: { content: { "application/json": { schema: ZCreateQuestionBody } }, required: true } },
      responses: {
        201: json(z.object({ id: z.number().int() }), "已收到"),
        ...errorResponses(400, 422, 429),
      },
    }),
    async (c) => c.json(await submitQuestion(db, c.get("clientIp"), c.req.valid("json")), 201),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/faq",
      tags: ["政策问答"],
      summary: "问答库（无需登录）：已发布的问题与答复及其引用条款；有 q 时按相关度排序",
      request: { query: ZFaqQuery },
      responses: {
        200: json(z.object({ total: z.number().int(), items: z.array(ZFaqItem) }), "问答列表"),
        ...errorResponses(400),
      },
    }),
    async (c) => c.json(await faqFor(db, c.req.valid("query")), 200),
  );
}
