import { Hono } from "hono";
import { can, canAnywhere } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { download } from "../../platform/http/download";
import { formNumber, readForm, submitForm } from "../../platform/http/forms";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { idParam, idQuery } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { todayInChina } from "../calendar";
import { listUnits } from "../org";
import { publicPartsOf } from "./accountability.repository";
import { assessmentXlsx, assessPlan, saveWeights, ZWeights } from "./assessment";
import { importPlan, readPlanCsv, ZPlanMeta } from "./import-plan";
import {
  AssessmentPage,
  LedgerHomePage,
  PlanBoardPage,
  ReviewQueuePage,
  TaskPage,
  YearEndPage,
} from "./ledger.pages";
import { findPlan, findReport, listPlans, submittedReports, taskCounts } from "./ledger.repository";
import { overdueOnBoard } from "./overdue-reminders";
import { planBoard } from "./plan-board";
import { readPlanXlsx } from "./read-plan-xlsx";
import {
  openEvidence,
  readTask,
  reportFormInput,
  reviewReport,
  submitReport,
  ZReportBody,
  ZReviewBody,
} from "./report-progress";
import { taskStatus } from "./task-status";
import { checkTaskAtYearEnd, ZYearEndBody } from "./year-end-review";

/** 403 unless the user works with the ledger: the office, or a unit that reports on it. */
function requireLedgerUser(c: TCtx) {
  const p = requireUser(c);
  if (!canAnywhere(p, "ledger.manage") && !canAnywhere(p, "ledger.report"))
    throw new AppError("forbidden", MSG.forbidden);
  return p;
}

/** Field errors keyed by the form field ("urls.1" belongs beside "urls"). */
const byField = (form: TFormState): TFormState => ({
  values: form.values,
  errors: Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [k.split(".")[0] as string, v])),
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Uploaded files under `name` that are not empty. */
async function uploadsOf(c: TCtx, name: string) {
  const raw = (await c.req.parseBody({ all: true }))[name];
  const files = [raw].flat().filter((f): f is File => f instanceof File && f.size > 0);
  return Promise.all(files.map(async (f) => ({ data: new Uint8Array(await f.arrayBuffer()), name: f.name })));
}

/** Reads an uploaded task breakdown: XLSX by its signature, otherwise CSV text; problems go beside the file field. */
async function readUploadedPlan(data: Uint8Array) {
  try {
    const isZip = data[0] === 0x50 && data[1] === 0x4b;
    return isZip ? await readPlanXlsx(data) : readPlanCsv(new TextDecoder().decode(data));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const details = (err.issues ?? []).slice(0, 5).map((i) => `${i.path}：${i.message}`);
    const message = [err.message, ...details].join(" ");
    throw new AppError("validation_failed", message, { issues: [{ path: "file", message }] });
  }
}

/** The back-office pages of the work-plan ledger. */
export function ledgerRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  const home = async (c: TCtx, form = emptyForm()) => {
    const p = requireLedgerUser(c);
    const counts = await taskCounts(db);
    const canManage = can(p, "ledger.manage");
    return (
      <LedgerHomePage
        ctx={await pageCtx(c)}
        plans={(await listPlans(db)).map((plan) => ({ plan, taskCount: counts.get(plan.id) ?? 0 }))}
        canManage={canManage}
        awaitingReview={canManage ? (await submittedReports(db)).length : 0}
        form={form}
      />
    );
  };

  app.get("/admin/ledger", async (c) =>
    c.html(await home(c, emptyForm({ year: String(Number(todayInChina().slice(0, 4))) }))),
  );

  app.post("/admin/ledger/import", async (c) => {
    requirePermission(c, "ledger.manage");
    const values = await readForm(c);
    const [file] = await uploadsOf(c, "file");
    return submitForm(c, {
      schema: ZPlanMeta,
      values,
      conflictField: "file",
      render: (form) => home(c, form),
      run: async (meta) => {
        if (!file)
          throw new AppError("validation_failed", MSG.validation, {
            issues: [{ path: "file", message: "请选择任务分解表文件。" }],
          });
        const rows = await readUploadedPlan(file.data);
        const r = await importPlan(db, actorOf(c), meta, rows);
        const notes = [
          r.unresolvedUnits.length ? `${r.unresolvedUnits.length} 个单位名称未能识别` : "",
          r.unreadableDeadlines.length ? `${r.unreadableDeadlines.length} 项期限未能识别` : "",
        ].filter(Boolean);
        setFlash(c, `已导入 ${r.taskCount} 项任务${notes.length ? `；${notes.join("，")}，请核对` : ""}。`);
        return c.redirect(`/admin/ledger/plans/${r.id}`, 303);
      },
    });
  });

  app.get("/admin/ledger/plans/:id", async (c) => {
    const p = requireLedgerUser(c);
    const plan = await findPlan(db, idParam(c));
    if (!plan) throw new AppError("not_found", MSG.notFound);
    const today = todayInChina();
    const board = await planBoard(db, plan.id, today, p);
    return c.html(
      <PlanBoardPage
        ctx={await pageCtx(c)}
        plan={plan}
        board={board}
        today={today}
        overdue={await overdueOnBoard(db, board)}
        filter={{
          unit: idQuery(c, "unit"),
          status: c.req.query("status"),
        }}
        canManage={can(p, "ledger.manage")}
        publicParts={(await publicPartsOf(db, plan.id)).map((x) => x.section)}
      />,
    );
  });

  const taskPage = async (
    c: TCtx,
    id: number,
    opts: {
      form?: TFormState;
      reviewError?: { reportId: number; message: string; comment: string };
      yearEndForm?: TFormState;
    } = {},
  ) => {
    const p = requireUser(c);
    const { task, responsible, own, reports } = await readTask(db, p, id);
    const plan = await findPlan(db, task.planId);
    const canManage = can(p, "ledger.manage");
    const otherPlans = canManage ? (await listPlans(db)).filter((x) => x.id !== task.planId) : [];
    return (
      <TaskPage
        ctx={await pageCtx(c)}
        task={{ ...task, shownStatus: taskStatus(task, todayInChina()) }}
        planTitle={plan?.title ?? ""}
        responsible={responsible}
        reports={reports}
        units={await listUnits(db)}
        own={own}
        canManage={canManage}
        form={opts.form ?? emptyForm({ reportedOn: todayInChina() })}
        reviewError={opts.reviewError}
        yearEnd={canManage ? { plans: otherPlans, form: opts.yearEndForm ?? emptyForm() } : undefined}
      />
    );
  };

  app.get("/admin/ledger/tasks/:id", async (c) => c.html(await taskPage(c, idParam(c))));

  app.post("/admin/ledger/tasks/:id/reports", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    const values = await readForm(c);
    const uploads = await uploadsOf(c, "files");
    return submitForm(c, {
      schema: ZReportBody,
      values,
      input: reportFormInput(values),
      conflictField: "body",
      render: (form) => taskPage(c, id, { form: byField(form) }),
      run: async (body) => {
        await submitReport(db, actorOf(c), p, id, body, { blobs: deps.blobs, uploads });
        setFlash(c, "进展报告已提交，等待公开办审核。");
        return c.redirect(`/admin/ledger/tasks/${id}`, 303);
      },
    });
  });

  app.post("/admin/ledger/reports/:id/review", async (c) => {
    const p = requirePermission(c, "ledger.manage");
    const reportId = idParam(c);
    const values = await readForm(c);
    const parsed = ZReviewBody.safeParse(values);
    const fail = async (message: string) => {
      const report = await findReport(db, reportId);
      if (!report) throw new AppError("not_found", MSG.notFound);
      const comment = String(values.comment ?? "");
      return c.html(await taskPage(c, report.taskId, { reviewError: { reportId, message, comment } }), 422);
    };
    if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? MSG.validation);
    try {
      const r = await reviewReport(db, actorOf(c), p, reportId, parsed.data);
      setFlash(c, r.status === "accepted" ? "已通过。" : "已退回，单位可修改后重新报告。");
      return c.redirect(`/admin/ledger/tasks/${r.taskId}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict") return fail(err.message);
      throw err;
    }
  });

  app.post("/admin/ledger/tasks/:id/year-end", async (c) => {
    requirePermission(c, "ledger.manage");
    const id = idParam(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZYearEndBody,
      values,
      input: { ...values, targetPlanId: formNumber(values.targetPlanId) },
      conflictField: "outcome",
      render: (form) => taskPage(c, id, { yearEndForm: form }),
      run: async (body) => {
        const r = await checkTaskAtYearEnd(db, actorOf(c), id, body);
        setFlash(c, r.carriedTaskId ? "已结转，新任务已加入目标工作要点。" : "已销号。");
        return c.redirect(`/admin/ledger/tasks/${id}`, 303);
      },
    });
  });

  const plannedPage = async (c: TCtx) => {
    requirePermission(c, "ledger.manage");
    const plan = await findPlan(db, idParam(c));
    if (!plan) throw new AppError("not_found", MSG.notFound);
    return plan;
  };

  app.get("/admin/ledger/plans/:id/year-end", async (c) => {
    const plan = await plannedPage(c);
    return c.html(
      <YearEndPage ctx={await pageCtx(c)} plan={plan} board={await planBoard(db, plan.id, todayInChina())} />,
    );
  });

  const assessmentPage = async (c: TCtx, planId: number, form?: TFormState) => {
    const r = await assessPlan(db, planId, todayInChina());
    return (
      <AssessmentPage
        ctx={await pageCtx(c)}
        plan={r.plan}
        items={r.items}
        form={form ?? emptyForm({ ...r.weights })}
      />
    );
  };

  app.get("/admin/ledger/plans/:id/assessment", async (c) => {
    const plan = await plannedPage(c);
    return c.html(await assessmentPage(c, plan.id));
  });

  app.post("/admin/ledger/plans/:id/assessment", async (c) => {
    const plan = await plannedPage(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZWeights,
      values,
      conflictField: "onTime",
      render: (form) => assessmentPage(c, plan.id, form),
      run: async (weights) => {
        await saveWeights(db, actorOf(c), plan.id, weights);
        setFlash(c, "考核权重已保存。");
        return c.redirect(`/admin/ledger/plans/${plan.id}/assessment`, 303);
      },
    });
  });

  app.get("/admin/ledger/plans/:id/assessment.xlsx", async (c) => {
    const plan = await plannedPage(c);
    const data = await assessmentXlsx(await assessPlan(db, plan.id, todayInChina()));
    return download(data, { name: `assessment-${plan.id}.xlsx`, type: XLSX });
  });

  app.get("/admin/ledger/review", async (c) => {
    requirePermission(c, "ledger.manage");
    return c.html(
      <ReviewQueuePage
        ctx={await pageCtx(c)}
        items={await submittedReports(db)}
        units={await listUnits(db)}
      />,
    );
  });

  app.get("/admin/ledger/evidence/:id", async (c) => {
    const p = requireUser(c);
    const file = await openEvidence(db, deps.blobs, p, idParam(c));
    return download(file.data, { name: file.name, type: file.mime });
  });

  return app;
}
