import { Hono } from "hono";
import { can, unitScope } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { markPublic } from "../../platform/http/edge";
import {
  issueFormToken,
  onceOnlyPost,
  receiptOf,
  rememberedToken,
  submitOnce,
} from "../../platform/http/form-token";
import { readForm, submitForm } from "../../platform/http/forms";
import { requirePermission } from "../../platform/http/guards";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { parseOrThrow } from "../../platform/validation";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { activeUnits } from "../org";
import { answerFor } from "./answer-for";
import { retrieveClauses } from "./answer-question";
import { AnswersPage, FaqPage } from "./answers.public-pages";
import { enquiryCounts, recentEnquiries } from "./answers.repository";
import {
  ZAnswersQuery,
  ZCreateQuestionBody,
  ZFaqQuery,
  ZLogEnquiryBody,
  ZReplyQuestionBody,
  ZRouteQuestionBody,
} from "./answers.schemas";
import { EnquiriesPage, QuestionPage, QuestionsPage } from "./answers.staff-pages";
import { logEnquiry } from "./enquiries";
import {
  ANSWER_WORKDAYS,
  decideQuestion,
  faqFor,
  findQuestion,
  listQuestions,
  questionScope,
  replyToQuestion,
  routeQuestion,
  submitQuestion,
} from "./questions";

const QUESTION_FORM_PURPOSE = "policy_question";
const FAQ_PAGE_SECONDS = 300;

/** "12 第十九条" lines as cited clauses; a line that is not of that form is a field error. */
function parseCitationLines(text: string) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(\d{1,9})\s+(第\S+)$/.exec(line);
      if (!m)
        throw new AppError("unprocessable", `无法识别的引用：“${line.slice(0, 40)}”，应为“文件编号 第X条”`, {
          issues: [
            { path: "citations", message: `无法识别的引用：“${line.slice(0, 40)}”，应为“文件编号 第X条”` },
          ],
        });
      return { documentId: Number(m[1]), clause: m[2] as string };
    });
}

/** 政策问答: the public question page and 问答库, the back-office queue and the enquiry log. */
export function answersRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  app.get("/answers", async (c) => {
    const raw = c.req.query("q")?.trim() ?? "";
    const q = raw ? parseOrThrow(ZAnswersQuery, { q: raw }).q : "";
    const ctx = await pageCtx(c);
    const result = q ? await answerFor(db, deps.config, q) : null;
    const sent = rememberedToken(c, QUESTION_FORM_PURPOSE);
    const isSent =
      c.req.query("sent") === "1" && !!sent && !!(await receiptOf(db, QUESTION_FORM_PURPOSE, sent));
    return c.html(
      <AnswersPage
        ctx={ctx}
        q={q}
        result={result}
        formToken={issueFormToken(ctx.csrfToken)}
        isSent={isSent}
      />,
    );
  });

  app.post("/answers/questions", async (c) => {
    const values = await readForm(c);
    const {
      token,
      toReceipt: done,
      wasSent,
    } = await onceOnlyPost(c, db, values, {
      purpose: QUESTION_FORM_PURPOSE,
      cookiePath: "/answers",
      receiptUrl: "/answers?sent=1",
      trustProxy: deps.config.trustProxy,
    });
    if (wasSent) return done();
    const ctx = await pageCtx(c);
    return submitForm(c, {
      schema: ZCreateQuestionBody,
      values,
      input: { ...values, website: values.website || undefined, contact: values.contact || undefined },
      conflictField: "question",
      render: (form) => (
        <AnswersPage ctx={ctx} q="" result={null} form={form} formToken={token} isSent={false} />
      ),
      run: async (body) => {
        await submitOnce(db, QUESTION_FORM_PURPOSE, token, (tx) =>
          submitQuestion(tx, c.get("clientIp"), body),
        );
        return done();
      },
    });
  });

  app.get("/faq", async (c) => {
    const query = parseOrThrow(
      ZFaqQuery,
      Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== "")),
    );
    const found = await faqFor(db, query);
    markPublic(c, FAQ_PAGE_SECONDS);
    return c.html(
      <FaqPage
        ctx={await pageCtx(c)}
        q={query.q ?? ""}
        total={found.total}
        items={found.items}
        page={query.page}
        pages={Math.max(1, Math.ceil(found.total / query.pageSize))}
      />,
    );
  });

  // ---- back office

  app.get("/admin/questions", async (c) => {
    const p = requirePermission(c, "answers.reply");
    const rows = await listQuestions(db, { units: questionScope(p), limit: 500 });
    return c.html(<QuestionsPage ctx={await pageCtx(c)} rows={rows} today={todayInChina()} />);
  });

  const questionPage = async (
    c: TCtx,
    id: number,
    forms: { routeForm?: ReturnType<typeof emptyForm>; replyForm?: ReturnType<typeof emptyForm> } = {},
  ) => {
    const p = requirePermission(c, "answers.reply");
    const q = await findQuestion(db, id);
    const canManage = can(p, "answers.manage");
    if (!q || !(canManage || (q.unitId !== null && can(p, "answers.reply", q.unitId))))
      throw new AppError("not_found", MSG.notFound);
    const canReply = canManage || (q.unitId !== null && can(p, "answers.reply", q.unitId));
    const suggestions =
      canReply && q.status !== "published" ? (await retrieveClauses(db, q.question)).citations : [];
    const defaultDue = (await loadWorkCalendar(db)).addWorkdays(todayInChina(), ANSWER_WORKDAYS).date;
    return (
      <QuestionPage
        ctx={await pageCtx(c)}
        q={q}
        units={(await activeUnits(db)).map((u) => ({ id: u.id, name: u.name }))}
        canManage={canManage}
        canReply={canReply}
        suggestions={suggestions}
        defaultDue={defaultDue}
        {...forms}
      />
    );
  };

  app.get("/admin/questions/:id", async (c) => c.html(await questionPage(c, idParam(c))));

  app.post("/admin/questions/:id/route", async (c) => {
    const p = requirePermission(c, "answers.manage");
    const id = idParam(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZRouteQuestionBody,
      values,
      conflictField: "unitId",
      render: (form) => questionPage(c, id, { routeForm: form }),
      run: async (body) => {
        await routeQuestion(db, actorOf(c), p, id, body);
        setFlash(c, "已分办。");
        return c.redirect(`/admin/questions/${id}`, 303);
      },
    });
  });

  app.post("/admin/questions/:id/reply", async (c) => {
    const p = requirePermission(c, "answers.reply");
    const id = idParam(c);
    const values = await readForm(c);
    const render = (form: ReturnType<typeof emptyForm>) => questionPage(c, id, { replyForm: form });
    let citations: { documentId: number; clause: string }[];
    try {
      citations = parseCitationLines(String(values.citations ?? ""));
    } catch (err) {
      if (err instanceof AppError)
        return c.html(await render({ values, errors: { citations: err.message } }), 422);
      throw err;
    }
    return submitForm(c, {
      schema: ZReplyQuestionBody,
      values,
      input: { answer: values.answer, citations },
      conflictField: "citations",
      render,
      run: async (body) => {
        await replyToQuestion(db, actorOf(c), p, id, body);
        setFlash(c, "答复已保存。");
        return c.redirect(`/admin/questions/${id}`, 303);
      },
    });
  });

  for (const decision of ["publish", "close"] as const)
    app.post(`/admin/questions/:id/${decision}`, async (c) => {
      const p = requirePermission(c, "answers.manage");
      const id = idParam(c);
      await decideQuestion(db, actorOf(c), p, id, decision);
      setFlash(c, decision === "publish" ? "已发布到问答库。" : "已关闭。");
      return c.redirect(`/admin/questions/${id}`, 303);
    });

  const enquiriesPage = async (c: TCtx, form = emptyForm()) => {
    const p = requirePermission(c, "answers.reply");
    const scope = unitScope(p, "answers.reply");
    const year = Number(todayInChina().slice(0, 4));
    const units = (await activeUnits(db)).filter((u) => scope === "all" || scope.includes(u.id));
    return (
      <EnquiriesPage
        ctx={await pageCtx(c)}
        form={form}
        units={units.map((u) => ({ id: u.id, name: u.name }))}
        year={year}
        counts={await enquiryCounts(db, scope, year)}
        recent={await recentEnquiries(db, scope, 20)}
      />
    );
  };

  app.get("/admin/enquiries", async (c) =>
    c.html(await enquiriesPage(c, emptyForm({ occurredOn: todayInChina(), channel: "phone" }))),
  );

  app.post("/admin/enquiries", async (c) => {
    const p = requirePermission(c, "answers.reply");
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZLogEnquiryBody,
      values,
      conflictField: "occurredOn",
      render: (form) => enquiriesPage(c, form),
      run: async (body) => {
        await logEnquiry(db, actorOf(c), p, body);
        setFlash(c, "已登记。");
        return c.redirect("/admin/enquiries", 303);
      },
    });
  });

  return app;
}
