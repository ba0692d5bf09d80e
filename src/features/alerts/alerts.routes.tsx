import { Hono } from "hono";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit";
import { can, canAnywhere } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { issueFormToken, submitOnce, takeFormToken } from "../../platform/http/form-token";
import { formNumber, readForm, submitForm } from "../../platform/http/forms";
import { requireUser } from "../../platform/http/guards";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { activeUnits } from "../org";
import {
  ConfirmPage,
  EligibilityPage,
  EligibilityPanel,
  ManagePage,
  NoticePage,
  ReachPage,
  SubscribePage,
} from "./alerts.pages";
import {
  addEligibilityAttribute,
  audienceCounts,
  documentState,
  eligibilityAttributes,
  eligibilityOf,
  listWebhooks,
  profileByToken,
  reachByDocument,
  reachByMonth,
  setFrequency,
  subscriptionByToken,
  unitName,
} from "./alerts.repository";
import {
  ALERT_DOCUMENT_KINDS,
  AUDIENCES,
  FREQUENCIES,
  type TFrequency,
  ZEligibilityForm,
  ZPolicyEligibility,
  ZSubscribeForm,
  ZToken,
} from "./alerts.schemas";
import { confirmByToken, unsubscribeByToken } from "./alerts-tokens";
import { describeFilter } from "./describe-filter";
import { findEligiblePolicies, keepProfile } from "./eligibility";
import { updateEligibility } from "./save-eligibility";
import { createSubscription } from "./subscribe";

const SUBSCRIBE_PURPOSE = "alert-subscribe";
const PROFILE_PURPOSE = "eligibility-profile";
const FILTER_KEYS = ["unit", "topic", "kind", "q"] as const;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
const one = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);

/** The filter of the catalogue page the visitor came from (its query string), as hidden fields. */
function filterFrom(source: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = one(source[k]);
    if (v) out[k] = v.trim();
  }
  return out;
}

async function subdistrictNames(db: TDeps["db"]): Promise<string[]> {
  return (await activeUnits(db)).filter((u) => u.kind === "subdistrict").map((u) => u.name);
}

/** The form of the back-office panel as the eligibility schema expects it. */
function eligibilityInput(values: Record<string, unknown>) {
  const nullable = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);
  return {
    audiences: list(values.audiences),
    subdistricts: list(values.subdistricts),
    industries: list(values.industries),
    sizes: list(values.sizes),
    attributes: list(values.attributes),
    ageMin: nullable(formNumber(values.ageMin)),
    ageMax: nullable(formNumber(values.ageMax)),
    startsOn: nullable(values.startsOn),
    endsOn: nullable(values.endsOn),
  };
}

/** The subscribe, confirm, manage and 政策找人 pages, and the back-office reach and eligibility pages. */
export function alertsRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  const filterText = async (f: Record<string, string>) => {
    const unit = f.unit && /^\d{1,9}$/.test(f.unit) ? await unitName(db, Number(f.unit)) : null;
    return describeFilter({ topic: f.topic ?? null, kind: f.kind ?? null, q: f.q ?? null }, unit);
  };

  const subscribePage = async (c: TCtx, form: TFormState, token?: string, status = 200) => {
    const ctx = await pageCtx(c);
    const hidden = filterFrom(form.values);
    if (hidden.kind && !(ALERT_DOCUMENT_KINDS as readonly string[]).includes(hidden.kind)) delete hidden.kind;
    return c.html(
      <SubscribePage
        ctx={ctx}
        form={form}
        formToken={token ?? issueFormToken(ctx.csrfToken)}
        filterText={await filterText(hidden)}
        hidden={hidden}
      />,
      status as 200,
    );
  };

  app.get("/alerts/subscribe", (c) =>
    subscribePage(c, emptyForm({ ...c.req.query(), frequency: "immediate" })),
  );

  app.post("/alerts/subscribe", async (c) => {
    const values = await readForm(c);
    const token = takeFormToken(c, values);
    const sent = () => c.redirect("/alerts/subscribe/sent", 303);
    // The honeypot: a robot is told it worked, and nothing is written.
    if (one(values.website)) return sent();
    return submitForm(c, {
      schema: ZSubscribeForm,
      values,
      input: { ...values, unit: formNumber(values.unit), website: undefined },
      conflictField: "email",
      render: async (form) => (await subscribePage(c, form, token, 422)).text(),
      run: async (body) => {
        await submitOnce(db, SUBSCRIBE_PURPOSE, token, (tx) =>
          createSubscription(tx, {
            email: body.email,
            frequency: body.frequency,
            filter: { unit: body.unit, topic: body.topic, kind: body.kind, q: body.q },
          }),
        );
        return sent();
      },
    });
  });

  app.get("/alerts/subscribe/sent", async (c) =>
    c.html(
      <NoticePage ctx={await pageCtx(c)} title="请查收确认邮件">
        <p role="status">
          我们已向您填写的邮箱发送确认邮件。请打开邮件中的链接并按“确认订阅”，订阅才会生效。如果几分钟后仍未收到，请检查垃圾邮件箱。
        </p>
        <p>
          <a href="/documents">返回信息公开目录</a>
        </p>
      </NoticePage>,
    ),
  );

  /** The subscription or profile a link names, described in words; 404 for an unknown token. */
  const ownerOf = async (c: TCtx) => {
    const parsed = ZToken.safeParse(c.req.param("token"));
    if (!parsed.success) throw new AppError("not_found", "链接无效或已失效，请重新订阅。");
    const token = parsed.data;
    const s = await subscriptionByToken(db, token);
    if (s) {
      const unit = s.unit_id ? await unitName(db, s.unit_id) : null;
      return {
        token,
        status: s.status,
        frequency: s.frequency,
        what: `新文件提醒：${describeFilter(s, unit)}`,
      };
    }
    const p = await profileByToken(db, token);
    if (p)
      return { token, status: p.status, frequency: undefined, what: "政策找人：有符合您情况的新政策时推送" };
    throw new AppError("not_found", "链接无效或已失效，请重新订阅。");
  };

  app.get("/alerts/confirm/:token", async (c) => {
    const o = await ownerOf(c);
    return c.html(<ConfirmPage ctx={await pageCtx(c)} token={o.token} what={o.what} />);
  });

  app.post("/alerts/confirm/:token", async (c) => {
    const o = await ownerOf(c);
    await confirmByToken(db, o.token);
    setFlash(c, "订阅已生效。");
    return c.redirect(`/alerts/manage/${o.token}`, 303);
  });

  const documentQuery = (c: TCtx) => {
    const d = c.req.query("document");
    return d && /^\d{1,9}$/.test(d) ? Number(d) : null;
  };

  app.get("/alerts/manage/:token", async (c) => {
    const o = await ownerOf(c);
    return c.html(
      <ManagePage
        ctx={await pageCtx(c)}
        token={o.token}
        what={o.what}
        status={o.status}
        frequency={o.frequency}
        documentId={documentQuery(c)}
      />,
    );
  });

  app.post("/alerts/manage/:token/unsubscribe", async (c) => {
    const o = await ownerOf(c);
    await unsubscribeByToken(db, o.token, documentQuery(c));
    setFlash(c, "已退订，您不会再收到此订阅的邮件。");
    return c.redirect(`/alerts/manage/${o.token}`, 303);
  });

  app.post("/alerts/manage/:token/frequency", async (c) => {
    const o = await ownerOf(c);
    const f = (await readForm(c)).frequency;
    if (typeof f !== "string" || !(FREQUENCIES as readonly string[]).includes(f))
      throw new AppError("bad_request", "请选择发送频率");
    await setFrequency(db, o.token, f as TFrequency);
    setFlash(c, "发送频率已保存。");
    return c.redirect(`/alerts/manage/${o.token}`, 303);
  });

  // ---- 政策找人

  const eligibilityPage = async (
    c: TCtx,
    form: TFormState,
    extra: {
      results?: Awaited<ReturnType<typeof findEligiblePolicies>>;
      keptNotice?: string;
      status?: number;
    } = {},
  ) => {
    const ctx = await pageCtx(c);
    return c.html(
      <EligibilityPage
        ctx={ctx}
        form={form}
        formToken={issueFormToken(ctx.csrfToken)}
        attributes={await eligibilityAttributes(db)}
        subdistricts={await subdistrictNames(db)}
        results={extra.results ?? null}
        keptNotice={extra.keptNotice}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get("/eligibility", (c) => eligibilityPage(c, emptyForm({ audience: "person" })));

  app.post("/eligibility", async (c) => {
    const values = await readForm(c);
    const token = takeFormToken(c, values);
    const isEnterprise = values.audience === "enterprise";
    const input = {
      audience: one(values.audience),
      attributes: list(isEnterprise ? values.enterpriseAttributes : values.personAttributes),
      age: isEnterprise ? undefined : formNumber(values.age),
      industry: isEnterprise ? one(values.industry) : undefined,
      size: isEnterprise ? one(values.size) : undefined,
      subdistrict: one(values.subdistrict),
      email: one(values.email),
      consent: list(values.consent).includes("1"),
    };
    const fail = (errors: Record<string, string>) => eligibilityPage(c, { values, errors }, { status: 422 });
    const parsed = ZEligibilityForm.safeParse(input);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "audience")] ??= issue.message;
      return fail(errors);
    }
    const { email, consent, ...answers } = parsed.data;
    if (email && !consent)
      return fail({ consent: "要接收推送，请勾选同意保存回答；只查看结果请不要填写邮箱。" });
    if (consent && !email) return fail({ email: "要接收推送，请填写电子邮箱。" });
    const results = await findEligiblePolicies(db, answers);
    let keptNotice: string | undefined;
    if (email && consent && !one(values.website)) {
      await submitOnce(db, PROFILE_PURPOSE, token, async (tx) => {
        await keepProfile(tx, email, answers);
        return { kept: true };
      });
      keptNotice = "已向您的邮箱发送确认邮件，确认后，有符合您情况的新政策时我们会通知您。";
    }
    return eligibilityPage(c, { values: { ...values, email: "" }, errors: {} }, { results, keptNotice });
  });

  // ---- back office

  /** A document this user edits; others' documents answer 404. */
  const editableDocument = async (c: TCtx) => {
    const p = requireUser(c);
    const d = await documentState(db, idParam(c));
    if (!d || !can(p, "documents.edit", d.unitId)) throw new AppError("not_found", MSG.notFound);
    return d;
  };

  app.post("/admin/documents/:id/eligibility", async (c) => {
    const d = await editableDocument(c);
    const values = await readForm(c);
    const parsed = ZPolicyEligibility.safeParse(eligibilityInput(values));
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues)
        errors[String(issue.path[0] ?? "audiences")] ??= "内容不正确，请检查后重新填写";
      const ctx = await pageCtx(c);
      return c.html(
        <AdminLayout ctx={ctx} title="政策找人：适用对象">
          <p>
            <a href={`/admin/documents/${d.id}`}>返回文件：{d.title}</a>
          </p>
          <EligibilityPanel
            documentId={d.id}
            csrfToken={ctx.csrfToken}
            form={{ values, errors }}
            attributes={await eligibilityAttributes(db)}
            subdistricts={await subdistrictNames(db)}
            canEdit
          />
        </AdminLayout>,
        422,
      );
    }
    await updateEligibility(db, actorOf(c), d, parsed.data);
    setFlash(c, "适用对象已保存。");
    return c.redirect(`/admin/documents/${d.id}`, 303);
  });

  const reachPage = async (c: TCtx, attributeForm: TFormState, status = 200) => {
    const p = requireUser(c);
    if (!canAnywhere(p, "documents.edit") && !canAnywhere(p, "documents.review"))
      throw new AppError("forbidden", MSG.forbidden);
    const y = Number(c.req.query("year"));
    const year =
      Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(new Date().toISOString().slice(0, 4));
    const canManage = canAnywhere(p, "catalogue.manage");
    return c.html(
      <ReachPage
        ctx={await pageCtx(c)}
        year={year}
        months={await reachByMonth(db, year)}
        documents={await reachByDocument(db, year)}
        counts={await audienceCounts(db)}
        webhooks={canManage ? await listWebhooks(db) : []}
        attributes={await eligibilityAttributes(db)}
        attributeForm={attributeForm}
        canManage={canManage}
      />,
      status as 200,
    );
  };

  app.get("/admin/alerts", (c) => reachPage(c, emptyForm({ audience: "person" })));

  app.post("/admin/alerts/attributes", async (c) => {
    const p = requireUser(c);
    if (!canAnywhere(p, "catalogue.manage")) throw new AppError("forbidden", MSG.forbidden);
    const values = await readForm(c);
    const audience = one(values.audience);
    const name = one(values.name)?.trim();
    const errors: Record<string, string> = {};
    if (!audience || !(AUDIENCES as readonly string[]).includes(audience))
      errors.audience = "请选择个人或企业";
    if (!name || name.length > 30) errors.name = "请填写 30 个字以内的名称";
    if (Object.keys(errors).length > 0) return reachPage(c, { values, errors }, 422);
    const isAdded = await db.transaction(async (tx) => {
      const added = await addEligibilityAttribute(tx, audience as string, name as string);
      if (added)
        await recordAudit(tx, actorOf(c), {
          action: "eligibility.attribute_add",
          entity: "eligibility_attribute",
          after: { audience, name },
        });
      return added;
    });
    if (!isAdded) return reachPage(c, { values, errors: { name: "已有同名选项" } }, 422);
    setFlash(c, "选项已添加。");
    return c.redirect("/admin/alerts", 303);
  });

  return app;
}

/** The panel of the back-office document page (registered as a document hook in app.ts). */
export async function eligibilityStaffPanel(args: {
  db: TDeps["db"];
  principal: Parameters<typeof can>[0];
  document: { id: number; unitId: number; kind: string };
  csrfToken: string;
}) {
  const { db, document: d } = args;
  if (d.kind !== "policy" && d.kind !== "normative") return null;
  const e = await eligibilityOf(db, d.id);
  const form = emptyForm(
    e
      ? {
          ...e,
          ageMin: e.ageMin ?? "",
          ageMax: e.ageMax ?? "",
          startsOn: e.startsOn ?? "",
          endsOn: e.endsOn ?? "",
        }
      : {},
  );
  return (
    <EligibilityPanel
      documentId={d.id}
      csrfToken={args.csrfToken}
      form={form}
      attributes={await eligibilityAttributes(db)}
      subdistricts={await subdistrictNames(db)}
      canEdit={can(args.principal, "documents.edit", d.unitId)}
    />
  );
}

export type TEligibilityFormValues = z.input<typeof ZPolicyEligibility>;
