import { Hono } from "hono";
import { can, canAnywhere } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { download } from "../../platform/http/download";
import { markPublic } from "../../platform/http/edge";
import { formNumber, readForm, submitForm } from "../../platform/http/forms";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { parseOrThrow } from "../../platform/validation";
import { todayInChina } from "../calendar";
import { activeUnits, findUnit } from "../org";
import { recordSatisfaction, replyToProposal, sendCoOpinion } from "./handle-proposal";
import { presentPublic, publicStatistics } from "./present-public";
import {
  PublicProposalPage,
  PublicProposalsPage,
  RegisterProposalPage,
  StaffProposalPage,
  StaffProposalsPage,
} from "./proposals.pages";
import { coUnitsOf, findPublished, listForStaff, listPublished } from "./proposals.repository";
import {
  ZCoOpinionBody,
  ZCreateProposalBody,
  ZPublicListQuery,
  ZReplyBody,
  ZSatisfactionBody,
} from "./proposals.schemas";
import { proposalScope, readProposal } from "./read-proposal";
import { registerProposal } from "./register-proposal";
import { renderProposalReplyDocx } from "./reply-docx";

type TValues = Record<string, string | string[]>;
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const present = (v: string | string[] | undefined) =>
  typeof v === "string" && v.trim() !== "" ? v : undefined;

/** Field errors named after their form field ("coUnitIds.0" → "coUnitIds"). */
const byField = (form: TFormState): TFormState => ({
  values: form.values,
  errors: Object.fromEntries(
    Object.entries(form.errors)
      .map(([k, v]) => [k.split(".")[0] as string, v])
      .reverse(),
  ),
});

const registerInput = (v: TValues) => ({
  kind: present(v.kind),
  number: present(v.number),
  title: present(v.title),
  submitters:
    typeof v.submitters === "string"
      ? v.submitters
          .split(/[\n、，,;；]+/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  leadUnitId: formNumber(v.leadUnitId),
  coUnitIds: list(v.coUnitIds).map(formNumber),
  assignedAt: present(v.assignedAt),
  complex: v.complex === "1",
  coOpinionDue: present(v.coOpinionDue),
});

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The public pages of published replies and the back-office pages for handling proposals. */
export function proposalsRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  // ---- public

  app.get("/proposals", async (c) => {
    const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ""));
    const q = parseOrThrow(ZPublicListQuery, raw);
    const thisYear = Number(todayInChina().slice(0, 4));
    const year = q.year ?? thisYear;
    const pageSize = 20;
    const found = await listPublished(db, { year, kind: q.kind, page: q.page, pageSize });
    markPublic(c, 300);
    return c.html(
      <PublicProposalsPage
        ctx={await pageCtx(c)}
        year={year}
        years={Array.from({ length: 6 }, (_, i) => thisYear - i)}
        kind={q.kind}
        page={q.page}
        pageSize={pageSize}
        list={{ total: found.total, items: found.items.map(presentPublic) }}
        stats={await publicStatistics(db, year, q.kind)}
      />,
    );
  });

  const published = async (c: TCtx) => {
    const found = await findPublished(db, idParam(c));
    if (!found) throw new AppError("not_found", MSG.notFound);
    return presentPublic({
      ...found,
      replies: found.replies.map((r) => ({
        round: r.round,
        repliedAt: r.repliedAt,
        category: r.category,
        body: r.body,
      })),
    });
  };

  app.get("/proposals/:id", async (c) => {
    const p = await published(c);
    markPublic(c, 300);
    return c.html(<PublicProposalPage ctx={await pageCtx(c)} p={p} />);
  });

  app.get("/proposals/:id/replies/:file", async (c) => {
    const p = await published(c);
    const reply = p.replies.find((r) => `${r.round}.docx` === c.req.param("file"));
    if (!reply) throw new AppError("not_found", MSG.notFound);
    const lead = p.leadUnit.name;
    const buffer = await renderProposalReplyDocx({
      ...p,
      unitName: lead,
      round: reply.round,
      date: reply.date,
      text: reply.text,
    });
    markPublic(c, 300);
    return download(buffer, { name: `proposal-${p.year}-${p.number}-${reply.round}.docx`, type: DOCX });
  });

  // ---- back office

  app.get("/admin/proposals", async (c) => {
    const p = requireUser(c);
    if (!canAnywhere(p, "proposals.reply") && !canAnywhere(p, "proposals.manage"))
      throw new AppError("forbidden", MSG.forbidden);
    const year = Number(c.req.query("year")) || Number(todayInChina().slice(0, 4));
    if (year < 2000 || year > 2100) throw new AppError("not_found", MSG.notFound);
    return c.html(
      <StaffProposalsPage
        ctx={await pageCtx(c)}
        year={year}
        rows={await listForStaff(db, proposalScope(p), { year })}
        today={todayInChina()}
        canRegister={can(p, "proposals.manage")}
        stats={await publicStatistics(db, year)}
      />,
    );
  });

  const registerPage = async (c: TCtx, form: TFormState) => (
    <RegisterProposalPage ctx={await pageCtx(c)} form={byField(form)} units={await activeUnits(db)} />
  );

  app.get("/admin/proposals/new", async (c) => {
    requirePermission(c, "proposals.manage");
    return c.html(await registerPage(c, emptyForm({ kind: "npc_suggestion", assignedAt: todayInChina() })));
  });

  app.post("/admin/proposals/new", async (c) => {
    requirePermission(c, "proposals.manage");
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZCreateProposalBody,
      values,
      input: registerInput(values),
      conflictField: "number",
      render: (form) => registerPage(c, form),
      run: async (body) => {
        const row = await registerProposal(db, actorOf(c), body);
        setFlash(c, `已登记，答复期限 ${row.dueDate}。`);
        return c.redirect(`/admin/proposals/${row.id}`, 303);
      },
    });
  });

  const detailPage = async (
    c: TCtx,
    id: number,
    forms: Parameters<typeof StaffProposalPage>[0]["forms"] = {},
  ) => {
    const p = requireUser(c);
    const view = await readProposal(db, p, id);
    const coUnits = await coUnitsOf(db, id);
    return (
      <StaffProposalPage
        ctx={await pageCtx(c)}
        p={view}
        leadUnitName={(await findUnit(db, view.leadUnitId))?.name ?? ""}
        today={todayInChina()}
        canReply={can(p, "proposals.reply", view.leadUnitId)}
        canManage={can(p, "proposals.manage")}
        opinionUnits={coUnits.filter(
          (u) => can(p, "proposals.reply", u.unitId) && !can(p, "proposals.manage"),
        )}
        forms={forms}
      />
    );
  };

  app.get("/admin/proposals/:id", async (c) => c.html(await detailPage(c, idParam(c))));

  app.get("/admin/proposals/:id/replies/:file", async (c) => {
    const view = await readProposal(db, requireUser(c), idParam(c));
    const reply = view.replies.find((r) => `${r.round}.docx` === c.req.param("file"));
    if (!reply) throw new AppError("not_found", MSG.notFound);
    const unitName = (await findUnit(db, view.leadUnitId))?.name ?? "";
    const buffer = await renderProposalReplyDocx({
      ...view,
      unitName,
      round: reply.round,
      date: reply.date,
      text: reply.text,
    });
    return download(buffer, { name: `proposal-${view.year}-${view.number}-${reply.round}.docx`, type: DOCX });
  });

  app.post("/admin/proposals/:id/reply", async (c) => {
    const id = idParam(c);
    const p = requireUser(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZReplyBody,
      values,
      input: {
        date: present(values.date),
        category: present(values.category),
        text: present(values.text),
        publish: values.publish === "1",
        privateReason: present(values.privateReason),
      },
      conflictField: "text",
      render: (form) => detailPage(c, id, { reply: form }),
      run: async (body) => {
        await replyToProposal(db, actorOf(c), p, id, body);
        setFlash(c, "答复已保存。");
        return c.redirect(`/admin/proposals/${id}`, 303);
      },
    });
  });

  app.post("/admin/proposals/:id/satisfaction", async (c) => {
    const id = idParam(c);
    const p = requireUser(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZSatisfactionBody,
      values,
      input: { result: present(values.result), date: present(values.date) },
      conflictField: "result",
      render: (form) => detailPage(c, id, { satisfaction: form }),
      run: async (body) => {
        const r = await recordSatisfaction(db, actorOf(c), p, id, body);
        setFlash(
          c,
          r.status === "handling" ? `已登记，进入第二轮办理，答复期限 ${r.dueDate}。` : "已登记，本件办结。",
        );
        return c.redirect(`/admin/proposals/${id}`, 303);
      },
    });
  });

  app.post("/admin/proposals/:id/opinion", async (c) => {
    const id = idParam(c);
    const p = requireUser(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZCoOpinionBody,
      values,
      input: { unitId: formNumber(values.unitId), text: present(values.text) },
      conflictField: "text",
      render: (form) => detailPage(c, id, { opinion: form }),
      run: async (body) => {
        await sendCoOpinion(db, actorOf(c), p, id, body);
        setFlash(c, "会办意见已提交主办单位。");
        return c.redirect(`/admin/proposals/${id}`, 303);
      },
    });
  });

  return app;
}
