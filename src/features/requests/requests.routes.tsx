import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { download } from "../../platform/http/download";
import { onceOnlyForm, onceOnlyPost, receiptOf, rememberedToken } from "../../platform/http/form-token";
import { formNumber, nestForm, readForm, submitForm } from "../../platform/http/forms";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { activeUnits, listUnits } from "../org";
import { requestScope } from "./access";
import { recordAppeal, ZAppealBody } from "./appeals";
import { applyAction } from "./apply-action";
import { openAttachment, type TUpload } from "./attachments";
import { logContact, ZContactBody } from "./contacts";
import {
  CONSENT_REQUIRED,
  REQUEST_FORM_PURPOSE,
  registerRequest,
  submitPublicRequest,
  type TPublicReceipt,
} from "./create-request";
import { discloseReply, ZDiscloseReplyBody } from "./disclose-reply";
import { feeNoticeRoutes } from "./fee-notice/fee-notice.routes";
import { readPublicLetterDocx, readPublicStatus, readRequest } from "./read-request";
import { letterDocxFor, letterFor } from "./reply-letter/letter-for-request";
import { ReplyLetterPrintPage } from "./reply-letter/reply-letter.page";
import { loadReplyTemplates, saveReplyTemplate } from "./reply-letter/reply-templates";
import { ReplyTemplatesPage } from "./reply-letter/reply-templates.page";
import { isTemplateKey } from "./reply-letter/templates";
import { ReceiptPage, RequestFormPage, receiptText, StatusLookupPage } from "./requests.public-pages";
import { boardByUnit, listRequests } from "./requests.repository";
import { type TActionType, ZAction, ZPublicRequestBody, ZRegisterRequestBody } from "./requests.schemas";
import { RegisterRequestPage, RequestDetailPage, RequestsBoardPage } from "./requests.staff-pages";
import { loadVisibleRequest } from "./visible-request";

/** Form fields named "applicant.name" become { applicant: { name } }; the honeypot and consent box are not data. */
const nest = (values: Record<string, string | string[]>) => nestForm(values, ["website", "consent"]);
const toNumber = formNumber;

/** An action form's strings as the action schema expects them. */
function actionInput(values: Record<string, string | string[]>) {
  const v = nest(values);
  for (const k of ["workdays", "pages", "amount", "unitId"]) if (k in v) v[k] = toNumber(v[k]);
  if ("unitIds" in v) v.unitIds = (Array.isArray(v.unitIds) ? v.unitIds : [v.unitIds]).map(toNumber);
  return v;
}

const docxResponse = (buffer: Buffer, receiptNo: string) =>
  download(buffer, {
    name: `reply-${receiptNo}.docx`,
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  });

/** The public request form and status pages, and the back-office request pages. */
export function requestsRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  // ---- public

  app.get("/requests/new", async (c) => {
    // "填写新的申请" on the receipt is ?another=1.
    const once = await onceOnlyForm<TPublicReceipt>(c, db, REQUEST_FORM_PURPOSE);
    return c.html(
      <RequestFormPage
        ctx={await pageCtx(c)}
        form={emptyForm({ "applicant.kind": "natural_person" })}
        {...once}
        units={await activeUnits(db)}
      />,
    );
  });

  app.post("/requests/new", async (c) => {
    const values = await readForm(c);
    const { token, toReceipt, wasSent } = await onceOnlyPost(c, db, values, {
      purpose: REQUEST_FORM_PURPOSE,
      cookiePath: "/requests",
      receiptUrl: "/requests/receipt",
      trustProxy: deps.config.trustProxy,
    });
    if (wasSent) return toReceipt();
    const ctx = await pageCtx(c);
    const units = await activeUnits(db);
    const input: Record<string, unknown> = {
      ...nest(values),
      consent: values.consent === "1",
      website: values.website || undefined,
    };
    if (input.unitId) input.unitId = toNumber(input.unitId);
    return submitForm(c, {
      schema: ZPublicRequestBody,
      values,
      input,
      conflictField: "description",
      render: (form) => {
        // Shown with the other mistakes at once; the use case is what refuses it.
        if (values.consent !== "1") form.errors.consent ??= CONSENT_REQUIRED;
        return <RequestFormPage ctx={ctx} form={form} formToken={token} sentReceipt={null} units={units} />;
      },
      run: async (body) => {
        const file = (await c.req.parseBody()).idCopy;
        const uploads: TUpload[] =
          file instanceof File && file.size > 0
            ? [{ data: new Uint8Array(await file.arrayBuffer()), name: file.name, kind: "id_copy" }]
            : [];
        await submitPublicRequest(db, deps.blobs, c.get("clientIp"), body, uploads, token);
        return toReceipt();
      },
    });
  });

  const rememberedReceipt = async (c: TCtx) => {
    const token = rememberedToken(c, REQUEST_FORM_PURPOSE);
    return token ? receiptOf<TPublicReceipt>(db, REQUEST_FORM_PURPOSE, token) : null;
  };

  app.get("/requests/receipt", async (c) => {
    const receipt = await rememberedReceipt(c);
    return c.html(<ReceiptPage ctx={await pageCtx(c)} receipt={receipt} />, receipt ? 200 : 404);
  });

  app.get("/requests/receipt.txt", async (c) => {
    const receipt = await rememberedReceipt(c);
    if (!receipt) throw new AppError("not_found", MSG.notFound);
    return download(receiptText(receipt, new URL(c.req.url).origin), {
      name: `申请回执-${receipt.receiptNo}.txt`,
      type: "text/plain; charset=utf-8",
    });
  });

  app.get("/requests/status", async (c) =>
    c.html(<StatusLookupPage ctx={await pageCtx(c)} form={emptyForm()} />),
  );

  const ZLookup = z.object({
    receiptNo: z.string().trim().min(1).max(40),
    queryCode: z.string().trim().min(1).max(20),
  });

  app.post("/requests/status", async (c) => {
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    return submitForm(c, {
      schema: ZLookup,
      values,
      conflictField: "queryCode",
      render: (form) => <StatusLookupPage ctx={ctx} form={form} />,
      run: async ({ receiptNo, queryCode }) => {
        try {
          const status = await readPublicStatus(db, c.get("clientIp"), receiptNo, queryCode);
          return c.html(
            <StatusLookupPage
              ctx={ctx}
              form={{ values, errors: {} }}
              status={status}
              letter={status.letter}
            />,
          );
        } catch (err) {
          // On the page a miss is shown beside the query code, as a form mistake.
          if (err instanceof AppError && err.code === "not_found")
            throw new AppError("unprocessable", err.message);
          throw err;
        }
      },
    });
  });

  app.post("/requests/reply.docx", async (c) => {
    const { receiptNo, queryCode } = ZLookup.parse(await readForm(c));
    const letter = await readPublicLetterDocx(db, c.get("clientIp"), receiptNo, queryCode);
    return docxResponse(letter.docx, letter.receiptNo);
  });

  // ---- back office

  app.get("/admin/requests", async (c) => {
    const p = requirePermission(c, "requests.handle");
    const status = c.req.query("status") || undefined;
    const overdue = c.req.query("overdue");
    const today = todayInChina();
    const calendar = await loadWorkCalendar(db);
    const soon = calendar.addWorkdays(today, 5).date;
    const scope = requestScope(p);
    const { total, items } = await listRequests(
      db,
      { scope, status, isOverdueOnly: overdue === "1" },
      1,
      100,
      today,
    );
    return c.html(
      <RequestsBoardPage
        ctx={await pageCtx(c)}
        board={await boardByUnit(db, scope, today, soon)}
        items={items}
        total={total}
        units={await listUnits(db)}
        today={today}
        calendar={calendar}
        filter={{ status, overdue }}
      />,
    );
  });

  app.get("/admin/requests/new", async (c) => {
    requirePermission(c, "requests.handle");
    return c.html(
      <RegisterRequestPage
        ctx={await pageCtx(c)}
        form={emptyForm({ channel: "mail", receivedAt: todayInChina() })}
        units={await listUnits(db)}
      />,
    );
  });

  app.post("/admin/requests/new", async (c) => {
    const p = requirePermission(c, "requests.handle");
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    const units = await listUnits(db);
    const input = nest(values);
    if (input.unitId) input.unitId = toNumber(input.unitId);
    return submitForm(c, {
      schema: ZRegisterRequestBody,
      values,
      input,
      conflictField: "receivedAt",
      render: (form) => <RegisterRequestPage ctx={ctx} form={form} units={units} />,
      run: async (body) => {
        const r = await registerRequest(db, actorOf(c), p, body);
        setFlash(c, `已登记，受理编号 ${r.receiptNo}。`);
        return c.redirect(`/admin/requests/${r.id}`, 303);
      },
    });
  });

  const detail = async (
    c: TCtx,
    id: number,
    extra: {
      action?: string;
      failed?: { type: TActionType; form: ReturnType<typeof emptyForm> };
      contactForm?: ReturnType<typeof emptyForm>;
      appealForm?: ReturnType<typeof emptyForm>;
      discloseForm?: ReturnType<typeof emptyForm>;
      isRevealed?: boolean;
    } = {},
  ) => {
    const p = requireUser(c);
    const r = await readRequest(db, actorOf(c), p, id, extra.isRevealed);
    return <RequestDetailPage ctx={await pageCtx(c)} r={r} units={await listUnits(db)} {...extra} />;
  };

  app.get("/admin/requests/:id", async (c) =>
    c.html(await detail(c, idParam(c), { action: c.req.query("action") })),
  );

  app.post("/admin/requests/:id/contacts", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZContactBody,
      values,
      conflictField: "date",
      render: (form) => detail(c, id, { action: "contact", contactForm: form }),
      run: async (body) => {
        await logContact(db, actorOf(c), p, id, body);
        setFlash(c, "沟通记录已保存。");
        return c.redirect(`/admin/requests/${id}`, 303);
      },
    });
  });

  app.post("/admin/requests/:id/appeals", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZAppealBody,
      values,
      input: nest(values),
      conflictField: "filedAt",
      render: (form) => detail(c, id, { action: "appeal", appealForm: form }),
      run: async (body) => {
        await recordAppeal(db, actorOf(c), p, id, body);
        setFlash(c, "已登记。");
        return c.redirect(`/admin/requests/${id}`, 303);
      },
    });
  });

  app.post("/admin/requests/:id/disclose", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZDiscloseReplyBody,
      values,
      conflictField: "title",
      render: (form) => detail(c, id, { action: "disclose", discloseForm: form }),
      run: async (body) => {
        const { documentId } = await discloseReply(db, actorOf(c), p, id, body);
        setFlash(c, "已生成主动公开文件草稿，请补充后送审。");
        return c.redirect(`/admin/documents/${documentId}`, 303);
      },
    });
  });

  app.post("/admin/requests/:id/reveal", async (c) =>
    c.html(await detail(c, idParam(c), { isRevealed: true })),
  );

  app.post("/admin/requests/:id/actions", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    const values = await readForm(c);
    const type = String(values.type ?? "") as TActionType;
    return submitForm(c, {
      schema: ZAction,
      values,
      input: actionInput(values),
      conflictField: "date",
      render: (form) => detail(c, id, { failed: { type, form } }),
      run: async (action) => {
        await applyAction(db, actorOf(c), p, id, action);
        setFlash(c, "已办理。");
        return c.redirect(`/admin/requests/${id}`, 303);
      },
    });
  });

  app.get("/admin/requests/:id/attachments/:attachmentId", async (c) => {
    const p = requireUser(c);
    const file = await openAttachment(db, deps.blobs, actorOf(c), p, idParam(c), idParam(c, "attachmentId"));
    return download(file.data, { name: file.name, type: file.mime });
  });

  app.get("/admin/requests/:id/reply", async (c) => {
    const { r, actions } = await loadVisibleRequest(db, requireUser(c), idParam(c));
    return c.html(
      <ReplyLetterPrintPage
        letter={await letterFor(db, r, actions)}
        docxHref={`/admin/requests/${r.id}/reply.docx`}
      />,
    );
  });

  app.get("/admin/requests/:id/reply.docx", async (c) => {
    const { r, actions } = await loadVisibleRequest(db, requireUser(c), idParam(c));
    return docxResponse(await letterDocxFor(db, r, actions), r.receiptNo);
  });

  // The fee notice (收费通知书) of a request with a recorded fee notice.
  app.route("/", feeNoticeRoutes(deps));

  // ---- reply templates (the office)

  const templatesPage = async (c: TCtx, outcome: string | undefined, form = emptyForm()) => {
    const templates = await loadReplyTemplates(db);
    const selected = outcome && isTemplateKey(outcome) ? outcome : undefined;
    const shown = selected && !("text" in form.values) ? emptyForm({ text: templates[selected] }) : form;
    return (
      <ReplyTemplatesPage ctx={await pageCtx(c)} templates={templates} selected={selected} form={shown} />
    );
  };

  app.get("/admin/reply-templates", async (c) => {
    requirePermission(c, "guide.edit");
    return c.html(await templatesPage(c, c.req.query("outcome")));
  });

  app.post("/admin/reply-templates", async (c) => {
    requirePermission(c, "guide.edit");
    const outcome = c.req.query("outcome");
    if (!outcome || !isTemplateKey(outcome)) throw new AppError("not_found", MSG.notFound);
    const values = await readForm(c);
    return submitForm(c, {
      schema: z.object({ text: z.string().max(8000).default("") }),
      values,
      conflictField: "text",
      render: (form) => templatesPage(c, outcome, form),
      run: async ({ text }) => {
        await saveReplyTemplate(db, actorOf(c), outcome, text);
        setFlash(c, "模板已保存。");
        return c.redirect(`/admin/reply-templates?outcome=${encodeURIComponent(outcome)}`, 303);
      },
    });
  });

  return app;
}
