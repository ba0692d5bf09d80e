import { Hono } from "hono";
import { AppError } from "../../platform/errors";
import { actorOf, publicOrigin, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { download } from "../../platform/http/download";
import { markPublic } from "../../platform/http/edge";
import { issueFormToken, receiptOf, takeFormToken } from "../../platform/http/form-token";
import { formNumber, nestForm, readForm, submitForm } from "../../platform/http/forms";
import { requireUser } from "../../platform/http/guards";
import { idParam, idQuery } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { fieldErrors } from "../../platform/validation";
import { todayInChina } from "../calendar";
import { listUnits } from "../org";
import { assertUnitAccess, canPublishFeedback, participationScope } from "./access";
import {
  ConsultationPage,
  ConsultationsPage,
  DecisionCataloguePage,
  DecisionPage,
} from "./consultations.public-pages";
import {
  allPublicComments,
  commentCounts,
  decisionYears,
  findConsultation,
  listConsultations,
  staffComments,
} from "./consultations.repository";
import {
  type TStage,
  ZCommentBody,
  ZCreateConsultationBody,
  ZCreateDecisionBody,
  ZDispositionBody,
  ZHideBody,
  ZRecordStageBody,
} from "./consultations.schemas";
import {
  AdminConsultationPage,
  AdminConsultationsPage,
  AdminDecisionPage,
  AdminDecisionsPage,
} from "./consultations.staff-pages";
import { createConsultation } from "./create-consultation";
import { createDecision } from "./create-decision";
import { hideComment, setDisposition } from "./dispose-comment";
import { feedbackCsv, feedbackDocx, sectionRss } from "./feedback-export";
import { consultationStatus, STATUS_LABELS } from "./feedback-statistics";
import { publishFeedback } from "./publish-feedback";
import { readPublicConsultation } from "./read-consultation";
import { decisionCatalogue, readDecision } from "./read-decisions";
import { previewStageWarnings, recordStage } from "./record-stage";
import { COMMENT_FORM_PURPOSE, outsideWindow, submitComment } from "./submit-comment";

// Decision pages and closed consultations change only by audited staff writes, which empty the page
// cache, so they may be cached like the document pages. An open consultation's page carries the
// comment form (and so a CSRF cookie) and is never cached; the consultations list shows live comment
// counts and is not cached either: public comments are not audited and must not empty the cache.
const PUBLIC_SECONDS = 300;
const PUBLIC_PAGE_SIZE = 50;
const STAFF_PAGE_SIZE = 50;

const pageOf = (c: TCtx) => {
  const n = Number(c.req.query("page") ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
};

/** The public catalogue, consultation pages, feeds and exports, and the back-office pages. */
export function consultationsRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  // ---- public

  app.get("/decisions", async (c) => {
    const thisYear = Number(todayInChina().slice(0, 4));
    const y = Number(c.req.query("year") ?? thisYear);
    const year = Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : thisYear;
    const unitId = idQuery(c, "unitId");
    const [decisions, years, units] = await Promise.all([
      decisionCatalogue(db, { year, unitId }),
      decisionYears(db),
      listUnits(db, { isActiveOnly: true }),
    ]);
    markPublic(c, PUBLIC_SECONDS);
    return c.html(
      <DecisionCataloguePage
        ctx={await pageCtx(c)}
        year={year}
        years={years}
        unitId={unitId}
        units={units}
        decisions={decisions}
      />,
    );
  });

  app.get("/decisions/:id", async (c) => {
    const { decision, consultations } = await readDecision(db, idParam(c));
    markPublic(c, PUBLIC_SECONDS);
    return c.html(<DecisionPage ctx={await pageCtx(c)} decision={decision} consultations={consultations} />);
  });

  app.get("/consultations", async (c) => {
    const rows = await listConsultations(db);
    return c.html(<ConsultationsPage ctx={await pageCtx(c)} rows={rows} today={todayInChina()} />);
  });

  /** The consultation page; while open, with the comment form (its values and errors after a bad post). */
  const consultationView = async (c: TCtx, id: number, form = emptyForm(), formToken?: string) => {
    const page = pageOf(c);
    const v = await readPublicConsultation(db, id, todayInChina(), page, PUBLIC_PAGE_SIZE);
    const ctx = await pageCtx(c);
    const isOpen = v.status === "open";
    return {
      isOpen,
      view: (
        <ConsultationPage
          ctx={ctx}
          v={v}
          page={page}
          pageSize={PUBLIC_PAGE_SIZE}
          form={isOpen ? form : null}
          formToken={isOpen ? (formToken ?? issueFormToken(ctx.csrfToken)) : null}
        />
      ),
    };
  };

  app.get("/consultations/:id", async (c) => {
    const { isOpen, view } = await consultationView(c, idParam(c));
    if (!isOpen) markPublic(c, PUBLIC_SECONDS);
    return c.html(view);
  });

  app.post("/consultations/:id/comments", async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const token = takeFormToken(c, values);
    const sent = () => {
      setFlash(c, "您的意见已提交，感谢参与。征求意见结束后，本页将公布每条意见的采纳情况。");
      return c.redirect(`/consultations/${id}#comment-form`, 303);
    };
    if (await receiptOf(db, COMMENT_FORM_PURPOSE, token)) return sent();
    const consultation = await findConsultation(db, id);
    if (!consultation) throw new AppError("not_found", MSG.notFound);
    if (consultationStatus(consultation, todayInChina()) !== "open")
      throw new AppError("conflict", outsideWindow(consultation.opensAt, consultation.closesAt));
    return submitForm(c, {
      schema: ZCommentBody,
      values,
      input: nestForm(values),
      conflictField: "body",
      render: async (form) => (await consultationView(c, id, form, token)).view,
      run: async (body) => {
        await submitComment(db, c.get("clientIp"), id, body, token);
        return sent();
      },
    });
  });

  const publishedFeedback = async (id: number) => {
    const v = await readPublicConsultation(db, id, todayInChina(), 1, 1);
    if (!v.feedback) throw new AppError("not_found", MSG.notFound);
    return { v, feedback: v.feedback, comments: await allPublicComments(db, id) };
  };

  app.get("/consultations/:id/feedback.csv", async (c) => {
    const id = idParam(c);
    const { comments } = await publishedFeedback(id);
    markPublic(c, PUBLIC_SECONDS);
    return download(feedbackCsv(comments), {
      name: `consultation-${id}-feedback.csv`,
      type: "text/csv; charset=utf-8",
    });
  });

  app.get("/consultations/:id/feedback.docx", async (c) => {
    const id = idParam(c);
    const { v, feedback, comments } = await publishedFeedback(id);
    const buffer = await feedbackDocx({
      title: v.row.title,
      unitName: v.unitName,
      opensAt: v.row.opensAt,
      closesAt: v.row.closesAt,
      publishedOn: todayInChina(feedback.publishedAt),
      feedback,
      comments,
    });
    markPublic(c, PUBLIC_SECONDS);
    return download(buffer, {
      name: `consultation-${id}-feedback.docx`,
      type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
  });

  app.get("/feeds/decisions.rss", async (c) => {
    const year = Number(todayInChina().slice(0, 4));
    const items = [
      ...(await decisionCatalogue(db, { year })),
      ...(await decisionCatalogue(db, { year: year - 1 })),
    ];
    markPublic(c, PUBLIC_SECONDS);
    const rss = sectionRss(
      publicOrigin(c, deps.config),
      { title: "重大行政决策", path: "/decisions" },
      items.slice(0, 50).map((d) => {
        const last = [...d.stages].sort((a, b) => (a.date < b.date ? 1 : -1))[0];
        return {
          title: d.title,
          path: `/decisions/${d.id}`,
          date: last?.date ?? `${d.year}-01-01`,
          description: [d.unitName, d.summary].filter(Boolean).join(" "),
        };
      }),
    );
    return c.body(rss, 200, { "content-type": "application/rss+xml; charset=utf-8" });
  });

  app.get("/feeds/consultations.rss", async (c) => {
    const today = todayInChina();
    const rows = (await listConsultations(db)).slice(0, 50);
    markPublic(c, PUBLIC_SECONDS);
    const rss = sectionRss(
      publicOrigin(c, deps.config),
      { title: "意见征集", path: "/consultations" },
      rows.map((x) => ({
        title: x.title,
        path: `/consultations/${x.id}`,
        date: x.opensAt,
        // The state only: live counts would change the feed (and a cached copy) with every comment.
        description: `${x.unitName} ${x.opensAt} 至 ${x.closesAt} ${STATUS_LABELS[consultationStatus(x, today)]}${x.feedbackPublishedAt ? "，已公布采纳情况" : ""}`,
      })),
    );
    return c.body(rss, 200, { "content-type": "application/rss+xml; charset=utf-8" });
  });

  // ---- back office

  const myUnits = async (c: TCtx) => {
    const p = requireUser(c);
    return listUnits(db, { scope: participationScope(p), isActiveOnly: true });
  };

  const decisionsView = async (c: TCtx, form = emptyForm({ year: todayInChina().slice(0, 4) })) => {
    const p = requireUser(c);
    const scope = participationScope(p);
    const decisions = await decisionCatalogue(db, scope === "all" ? {} : { unitIds: scope });
    return (
      <AdminDecisionsPage ctx={await pageCtx(c)} decisions={decisions} units={await myUnits(c)} form={form} />
    );
  };

  app.get("/admin/decisions", async (c) => c.html(await decisionsView(c)));

  app.post("/admin/decisions", async (c) => {
    const p = requireUser(c);
    const values = await readForm(c);
    const input = nestForm(values);
    for (const k of ["unitId", "year"]) input[k] = formNumber(input[k]);
    return submitForm(c, {
      schema: ZCreateDecisionBody,
      values,
      input,
      conflictField: "title",
      render: (form) => decisionsView(c, form),
      run: async (body) => {
        const row = await createDecision(db, actorOf(c), p, body);
        setFlash(c, "决策事项已新增。");
        return c.redirect(`/admin/decisions/${row.id}`, 303);
      },
    });
  });

  const decisionView = async (c: TCtx, id: number, form = emptyForm(), warnings: string[] = []) => {
    const p = requireUser(c);
    const { decision } = await readDecision(db, id);
    assertUnitAccess(p, decision.unitId);
    return (
      <AdminDecisionPage ctx={await pageCtx(c)} decision={decision} form={form} pendingWarnings={warnings} />
    );
  };

  app.get("/admin/decisions/:id", async (c) => c.html(await decisionView(c, idParam(c))));

  app.post("/admin/decisions/:id/stages", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    await decisionView(c, id); // 404 before reading a form about a decision one may not see
    const values = await readForm(c);
    const isConfirmed = values.confirm === "1";
    const input = nestForm(values, ["confirm"]);
    input.documentId = formNumber(input.documentId);
    return submitForm(c, {
      schema: ZRecordStageBody,
      values,
      input,
      conflictField: "documentId",
      render: (form) => decisionView(c, id, form),
      run: async (body) => {
        // Out of the law's order: shown first, recorded only once confirmed (never silently).
        const warnings = await previewStageWarnings(db, id, body.stage as TStage, body.date);
        if (warnings.length && !isConfirmed)
          return c.html(
            await decisionView(
              c,
              id,
              { values, errors: { stage: "该阶段的记录与条例规定的程序不符，请确认后再记录。" } },
              warnings,
            ),
            422,
          );
        const r = await recordStage(db, actorOf(c), p, id, body);
        setFlash(c, r.warnings.length ? "已记录，程序提示已保留在目录中。" : "已记录。");
        return c.redirect(`/admin/decisions/${id}`, 303);
      },
    });
  });

  const consultationsView = async (c: TCtx, form = emptyForm()) => {
    const p = requireUser(c);
    const scope = participationScope(p);
    const units = await myUnits(c);
    const rows = await listConsultations(db, scope === "all" ? {} : { unitIds: scope });
    const decisions = await decisionCatalogue(db, scope === "all" ? {} : { unitIds: scope });
    return (
      <AdminConsultationsPage
        ctx={await pageCtx(c)}
        rows={rows}
        today={todayInChina()}
        units={units}
        decisions={decisions}
        form={form}
      />
    );
  };

  app.get("/admin/consultations", async (c) => c.html(await consultationsView(c)));

  app.post("/admin/consultations", async (c) => {
    const p = requireUser(c);
    const values = await readForm(c);
    const input = nestForm(values);
    for (const k of ["unitId", "decisionId"]) input[k] = formNumber(input[k]);
    return submitForm(c, {
      schema: ZCreateConsultationBody,
      values,
      input,
      conflictField: "title",
      render: (form) => consultationsView(c, form),
      run: async (body) => {
        const row = await createConsultation(db, actorOf(c), p, body);
        setFlash(c, "征求意见稿已发布。");
        return c.redirect(`/admin/consultations/${row.id}`, 303);
      },
    });
  });

  const consultationPage = async (
    c: TCtx,
    id: number,
    error: string | null = null,
    status: 200 | 422 | 409 = 200,
  ) => {
    const p = requireUser(c);
    const row = await findConsultation(db, id);
    if (!row) throw new AppError("not_found", MSG.notFound);
    assertUnitAccess(p, row.unitId);
    const page = pageOf(c);
    const pendingOnly = c.req.query("pending") === "1";
    const [counts, comments, units] = await Promise.all([
      commentCounts(db, id),
      staffComments(db, id, { limit: STAFF_PAGE_SIZE, offset: (page - 1) * STAFF_PAGE_SIZE, pendingOnly }),
      listUnits(db),
    ]);
    return c.html(
      <AdminConsultationPage
        ctx={await pageCtx(c)}
        c={row}
        unitName={units.find((u) => u.id === row.unitId)?.name ?? ""}
        counts={counts}
        comments={comments}
        page={page}
        pageSize={STAFF_PAGE_SIZE}
        pendingOnly={pendingOnly}
        today={todayInChina()}
        canPublish={canPublishFeedback(p)}
        error={error}
      />,
      status,
    );
  };

  app.get("/admin/consultations/:id", (c) => consultationPage(c, idParam(c)));

  /** A per-comment form: on a refusal the page again with the message (422/409), nothing changed. */
  const commentAction = async (
    c: TCtx,
    run: (id: number, commentId: number, values: Record<string, unknown>) => Promise<string>,
  ) => {
    requireUser(c);
    const id = idParam(c);
    const commentId = idParam(c, "commentId");
    const values = nestForm(await readForm(c));
    try {
      setFlash(c, await run(id, commentId, values));
      return c.redirect(`/admin/consultations/${id}#comment-${commentId}`, 303);
    } catch (err) {
      if (
        !(err instanceof AppError) ||
        !["validation_failed", "unprocessable", "conflict"].includes(err.code)
      )
        throw err;
      const detail = err.issues ? Object.values(fieldErrors(err.issues)).join(" ") : "";
      return consultationPage(
        c,
        id,
        `意见 ${commentId}：${err.message}${detail ? ` ${detail}` : ""}`,
        err.code === "conflict" ? 409 : 422,
      );
    }
  };

  app.post("/admin/consultations/:id/comments/:commentId/disposition", (c) =>
    commentAction(c, async (id, commentId, values) => {
      const body = ZDispositionBody.safeParse(values);
      if (!body.success) throw new AppError("validation_failed", MSG.validation);
      await setDisposition(db, actorOf(c), requireUser(c), id, commentId, body.data);
      return "处理结果已保存。";
    }),
  );

  app.post("/admin/consultations/:id/comments/:commentId/hide", (c) =>
    commentAction(c, async (id, commentId, values) => {
      const body = ZHideBody.safeParse(values);
      if (!body.success) throw new AppError("unprocessable", "请填写隐藏理由。");
      await hideComment(db, actorOf(c), requireUser(c), id, commentId, body.data);
      return "该意见已隐藏。";
    }),
  );

  app.post("/admin/consultations/:id/publish", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    try {
      await publishFeedback(db, actorOf(c), p, id);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "conflict") throw err;
      return consultationPage(c, id, err.message, 409);
    }
    setFlash(c, "采纳情况反馈已公布。");
    return c.redirect(`/admin/consultations/${id}`, 303);
  });

  return app;
}
