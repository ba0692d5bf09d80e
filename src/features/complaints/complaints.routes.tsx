import { Hono } from "hono";
import { can, unitScope } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { markPublic } from "../../platform/http/edge";
import { onceOnlyForm, onceOnlyPost, receiptOf, rememberedToken } from "../../platform/http/form-token";
import { formNumber, readForm, submitForm } from "../../platform/http/forms";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { todayInChina } from "../calendar";
import { activeUnits, findUnit } from "../org";
import {
  ComplaintFormPage,
  ComplaintReceiptPage,
  ComplaintStatusPage,
  PublicComplaintsPage,
  StaffComplaintPage,
  StaffComplaintsPage,
} from "./complaints.pages";
import { listForStaff } from "./complaints.repository";
import { ZComplaintAction, ZLookup, ZPublicComplaintBody } from "./complaints.schemas";
import { applyComplaintAction, visibleComplaint } from "./handle-complaint";
import { presentStaff, presentStatus, publicComplaints } from "./present";
import {
  COMPLAINT_FORM_PURPOSE,
  readComplaintStatus,
  submitComplaint,
  type TComplaintReceipt,
} from "./submit-complaint";

type TValues = Record<string, string | string[]>;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

/** A back-office action form's strings as the action schema expects them. */
function actionInput(v: TValues): Record<string, unknown> {
  switch (v.type) {
    case "assign":
      return { type: "assign", unitId: formNumber(v.unitId) };
    case "order_rectification":
      return { type: "order_rectification", date: one(v.date), rectifyBy: one(v.rectifyBy) };
    default:
      return {
        type: "conclude",
        date: one(v.concludeDate),
        finding: one(v.finding),
        result: one(v.result),
        publish: v.publish === "1",
        publicSummary: one(v.publicSummary),
      };
  }
}

/** The public complaint pages (outcomes, form, receipt, status) and the back-office pages. */
export function complaintsRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  // ---- public

  app.get("/complaints", async (c) => {
    const thisYear = Number(todayInChina().slice(0, 4));
    const asked = Number(c.req.query("year") || thisYear);
    if (!Number.isInteger(asked) || asked < 2000 || asked > 2100)
      throw new AppError("not_found", MSG.notFound);
    markPublic(c, 300);
    return c.html(
      <PublicComplaintsPage
        ctx={await pageCtx(c)}
        data={await publicComplaints(db, asked)}
        years={Array.from({ length: 6 }, (_, i) => thisYear - i)}
      />,
    );
  });

  app.get("/complaints/new", async (c) => {
    const once = await onceOnlyForm<TComplaintReceipt>(c, db, COMPLAINT_FORM_PURPOSE);
    return c.html(<ComplaintFormPage ctx={await pageCtx(c)} form={emptyForm()} {...once} />);
  });

  app.post("/complaints/new", async (c) => {
    const values = await readForm(c);
    const { token, toReceipt, wasSent } = await onceOnlyPost(c, db, values, {
      purpose: COMPLAINT_FORM_PURPOSE,
      cookiePath: "/complaints",
      receiptUrl: "/complaints/receipt",
      trustProxy: deps.config.trustProxy,
    });
    if (wasSent) return toReceipt();
    const ctx = await pageCtx(c);
    return submitForm(c, {
      schema: ZPublicComplaintBody,
      values,
      input: {
        organisation: one(values.organisation),
        sector: one(values.sector),
        description: one(values.description),
        contact: one(values.contact),
        website: one(values.website),
      },
      conflictField: "description",
      render: (form) => <ComplaintFormPage ctx={ctx} form={form} formToken={token} sentReceipt={null} />,
      run: async (body) => {
        await submitComplaint(db, c.get("clientIp"), body, token);
        return toReceipt();
      },
    });
  });

  app.get("/complaints/receipt", async (c) => {
    const token = rememberedToken(c, COMPLAINT_FORM_PURPOSE);
    const receipt = token ? await receiptOf<TComplaintReceipt>(db, COMPLAINT_FORM_PURPOSE, token) : null;
    return c.html(<ComplaintReceiptPage ctx={await pageCtx(c)} receipt={receipt} />, receipt ? 200 : 404);
  });

  app.get("/complaints/status", async (c) =>
    c.html(<ComplaintStatusPage ctx={await pageCtx(c)} form={emptyForm()} />),
  );

  app.post("/complaints/status", async (c) => {
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    return submitForm(c, {
      schema: ZLookup,
      values,
      conflictField: "queryCode",
      render: (form) => <ComplaintStatusPage ctx={ctx} form={form} />,
      run: async ({ receiptNo, queryCode }) => {
        try {
          const row = await readComplaintStatus(db, c.get("clientIp"), receiptNo, queryCode);
          return c.html(
            <ComplaintStatusPage
              ctx={ctx}
              form={{ values, errors: {} }}
              status={await presentStatus(db, row)}
            />,
          );
        } catch (err) {
          if (err instanceof AppError && err.code === "not_found")
            throw new AppError("unprocessable", err.message);
          throw err;
        }
      },
    });
  });

  // ---- back office

  app.get("/admin/complaints", async (c) => {
    const p = requirePermission(c, "complaints.handle");
    return c.html(
      <StaffComplaintsPage
        ctx={await pageCtx(c)}
        rows={await listForStaff(db, unitScope(p, "complaints.handle"), {})}
        today={todayInChina()}
      />,
    );
  });

  const detailPage = async (c: TCtx, id: number, forms?: Record<string, TFormState>) => {
    const p = requireUser(c);
    const row = await visibleComplaint(db, p, id);
    return (
      <StaffComplaintPage
        ctx={await pageCtx(c)}
        c={presentStaff(row)}
        unitName={row.unitId ? ((await findUnit(db, row.unitId))?.name ?? null) : null}
        units={await activeUnits(db)}
        canAssign={can(p, "complaints.handle")}
        forms={forms}
      />
    );
  };

  app.get("/admin/complaints/:id", async (c) => c.html(await detailPage(c, idParam(c))));

  app.post("/admin/complaints/:id/actions", async (c) => {
    const id = idParam(c);
    const p = requireUser(c);
    const values = await readForm(c);
    const input = actionInput(values);
    const type = String(input.type);
    return submitForm(c, {
      schema: ZComplaintAction,
      values,
      input,
      conflictField: type === "assign" ? "unitId" : type === "conclude" ? "finding" : "rectifyBy",
      // The conclude form's date field is named concludeDate on the page.
      render: (form) =>
        detailPage(c, id, {
          [type]: {
            values: form.values,
            errors: Object.fromEntries(
              Object.entries(form.errors).map(([k, v]) => [
                type === "conclude" && k === "date" ? "concludeDate" : k,
                v,
              ]),
            ),
          },
        }),
      run: async (body) => {
        await applyComplaintAction(db, actorOf(c), p, id, body);
        setFlash(c, "已保存。");
        return c.redirect(`/admin/complaints/${id}`, 303);
      },
    });
  });

  return app;
}
