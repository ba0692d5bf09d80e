import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { download } from "../../platform/http/download";
import { markPublic } from "../../platform/http/edge";
import { onceOnlyForm, onceOnlyPost, receiptOf, rememberedToken } from "../../platform/http/form-token";
import { formNumber, readForm, submitForm } from "../../platform/http/forms";
import { requirePermission } from "../../platform/http/guards";
import { idParam, idQuery } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm, Pagination } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { listUnits } from "../org";
import { loadVisibleOpinion, opinionScope } from "./access";
import { boardByUnit, runningItems } from "./board";
import { toChinaIso } from "./compute-clocks";
import { confirmTopic } from "./confirm-topic";
import { createOpinion } from "./create-opinion";
import { importWorkOrders } from "./import-work-orders";
import { MAILBOX_FORM_PURPOSE, submitMailboxLetter, type TMailboxReceipt } from "./mailbox";
import {
  acknowledgeSpike,
  changeSpikeRule,
  createTopic,
  splitKeywords,
  updateTopicKeywords,
} from "./manage-topics";
import { MailboxFormPage, MailboxReceiptPage, ResponsesPage } from "./opinions.public-pages";
import { listAlerts, listEvents, listOpinions, listTopics } from "./opinions.repository";
import {
  ZConfirmTopicBody,
  ZCreateOpinionBody,
  ZMailboxBody,
  ZOpinionEventBody,
  ZPublishResponseBody,
  ZSpikeRule,
  ZTopicBody,
} from "./opinions.schemas";
import {
  BoardPage,
  ImportPage,
  NewOpinionPage,
  OpinionListPage,
  OpinionPage,
  TopicsPage,
  TrendsPage,
} from "./opinions.staff-pages";
import { publicResponses } from "./public-responses";
import { publishResponse, unpublishResponse } from "./publish-response";
import { readWorkOrderUpload } from "./read-upload";
import { recordOpinionEvent } from "./record-event";
import { loadSpikeRule } from "./spikes";
import { monthlyAnalysis, monthlyAnalysisXlsx } from "./trends";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PAGE_SIZE = 20;

/** A datetime-local value ("2026-03-14T22:30") is Beijing time; anything else goes to the schema as sent. */
const beijing = (v: unknown) =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)
    ? `${v.length === 16 ? `${v}:00` : v}+08:00`
    : v;

/** A timestamp as a datetime-local value in Beijing time. */
const localValue = (d: Date) => toChinaIso(d).slice(0, 16);

/** The 领导信箱 and 回应关切 pages, and the back-office 政务舆情 pages. */
export function opinionsRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  // ---- public

  app.get("/mailbox", async (c) => {
    const once = await onceOnlyForm<TMailboxReceipt>(c, db, MAILBOX_FORM_PURPOSE);
    return c.html(<MailboxFormPage ctx={await pageCtx(c)} form={emptyForm()} {...once} />);
  });

  app.post("/mailbox", async (c) => {
    const values = await readForm(c);
    const { token, toReceipt, wasSent } = await onceOnlyPost(c, db, values, {
      purpose: MAILBOX_FORM_PURPOSE,
      cookiePath: "/mailbox",
      receiptUrl: "/mailbox/receipt",
      trustProxy: deps.config.trustProxy,
    });
    if (wasSent) return toReceipt();
    const ctx = await pageCtx(c);
    const { website, ...rest } = values;
    return submitForm(c, {
      schema: ZMailboxBody,
      values: rest,
      input: { ...rest, website: website || undefined },
      conflictField: "body",
      render: (form) => <MailboxFormPage ctx={ctx} form={form} formToken={token} sentReceipt={null} />,
      run: async (body) => {
        await submitMailboxLetter(db, c.get("clientIp"), body, token);
        return toReceipt();
      },
    });
  });

  app.get("/mailbox/receipt", async (c) => {
    const token = rememberedToken(c, MAILBOX_FORM_PURPOSE);
    const receipt = token ? await receiptOf<TMailboxReceipt>(db, MAILBOX_FORM_PURPOSE, token) : null;
    return c.html(<MailboxReceiptPage ctx={await pageCtx(c)} receipt={receipt} />, receipt ? 200 : 404);
  });

  app.get("/responses", async (c) => {
    const page = z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .catch(1)
      .parse(c.req.query("page") ?? 1);
    const { total, items } = await publicResponses(db, page, PAGE_SIZE);
    markPublic(c, 300);
    return c.html(
      <ResponsesPage ctx={await pageCtx(c)} total={total} items={items} page={page} pageSize={PAGE_SIZE} />,
    );
  });

  // ---- back office

  const unitNames = async () => new Map((await listUnits(db)).map((u) => [u.id, u.name]));

  app.get("/admin/opinions", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    const now = new Date();
    const unitId = idQuery(c, "unitId");
    const [units, items, names, topics, alerts] = await Promise.all([
      boardByUnit(db, p, now),
      runningItems(db, p, { unitId, limit: 200 }),
      unitNames(),
      listTopics(db),
      opinionScope(p) === "all" ? listAlerts(db, { isOpenOnly: true, limit: 20 }) : Promise.resolve([]),
    ]);
    return c.html(
      <BoardPage
        ctx={await pageCtx(c)}
        now={now}
        units={units}
        items={items}
        unitNames={names}
        topics={topics}
        alerts={alerts}
      />,
    );
  });

  app.get("/admin/opinions/list", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    const page = z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .catch(1)
      .parse(c.req.query("page") ?? 1);
    const [{ total, items }, topics, names] = await Promise.all([
      listOpinions(db, { scope: opinionScope(p), unitId: idQuery(c, "unitId") }, page, PAGE_SIZE),
      listTopics(db),
      unitNames(),
    ]);
    return c.html(
      <OpinionListPage
        ctx={await pageCtx(c)}
        now={new Date()}
        items={items}
        topics={topics}
        unitNames={names}
        pagination={
          <Pagination total={total} page={page} pageSize={PAGE_SIZE} baseQuery={new URLSearchParams()} />
        }
      />,
    );
  });

  const newForm = async (
    c: TCtx,
    form = emptyForm({ topic: "auto", severity: "ordinary", discoveredAt: localValue(new Date()) }),
  ) => {
    const p = requirePermission(c, "opinions.handle");
    const scope = opinionScope(p);
    const units = (await listUnits(db, { isActiveOnly: true })).filter(
      (u) => scope === "all" || scope.includes(u.id),
    );
    return (
      <NewOpinionPage
        ctx={await pageCtx(c)}
        form={form}
        units={units}
        topics={await listTopics(db, { isActiveOnly: true })}
      />
    );
  };

  app.get("/admin/opinions/new", async (c) => c.html(await newForm(c)));

  app.post("/admin/opinions/new", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZCreateOpinionBody,
      values,
      input: { ...values, unitId: formNumber(values.unitId), discoveredAt: beijing(values.discoveredAt) },
      conflictField: "title",
      render: async (form) => newForm(c, form),
      run: async (body) => {
        const row = await createOpinion(db, actorOf(c), p, body);
        setFlash(c, "已登记。");
        return c.redirect(`/admin/opinions/${row.id}`, 303);
      },
    });
  });

  app.get("/admin/opinions/import", async (c) => {
    requirePermission(c, "opinions.handle");
    return c.html(<ImportPage ctx={await pageCtx(c)} form={emptyForm()} result={null} />);
  });

  app.post("/admin/opinions/import", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    const ctx = await pageCtx(c);
    try {
      const { sheet, name } = await readWorkOrderUpload(c);
      const result = await importWorkOrders(db, actorOf(c), p, sheet, name);
      return c.html(<ImportPage ctx={ctx} form={emptyForm()} result={result} />);
    } catch (err) {
      if (err instanceof AppError && err.code !== "forbidden" && err.code !== "unauthorized")
        return c.html(
          <ImportPage ctx={ctx} form={{ values: {}, errors: { file: err.message } }} result={null} />,
          err.code === "payload_too_large" ? 413 : 422,
        );
      throw err;
    }
  });

  const monthOf = (c: TCtx) => {
    const m = c.req.query("month");
    return m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : toChinaIso(new Date()).slice(0, 7);
  };

  app.get("/admin/opinions/trends", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    return c.html(<TrendsPage ctx={await pageCtx(c)} a={await monthlyAnalysis(db, p, monthOf(c))} />);
  });

  app.get("/admin/opinions/trends.xlsx", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    const a = await monthlyAnalysis(db, p, monthOf(c));
    return download(await monthlyAnalysisXlsx(a), { name: `opinions-${a.month}.xlsx`, type: XLSX });
  });

  const topicsPage = async (c: TCtx, form = emptyForm(), status: 200 | 422 = 200) =>
    c.html(
      <TopicsPage
        ctx={await pageCtx(c)}
        topics={await listTopics(db)}
        rule={await loadSpikeRule(db)}
        form={form}
      />,
      status,
    );

  app.get("/admin/opinions/topics", async (c) => {
    requirePermission(c, "opinions.manage");
    return topicsPage(c);
  });

  app.post("/admin/opinions/topics", async (c) => {
    requirePermission(c, "opinions.manage");
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZTopicBody,
      values,
      input: { name: values.name, keywords: splitKeywords(String(values.keywords ?? "")) },
      conflictField: "name",
      render: async (form) => (await topicsPage(c, form, 422)).text(),
      run: async (body) => {
        await createTopic(db, actorOf(c), body);
        setFlash(c, MSG.saved);
        return c.redirect("/admin/opinions/topics", 303);
      },
    });
  });

  app.post("/admin/opinions/topics/:id", async (c) => {
    requirePermission(c, "opinions.manage");
    const id = idParam(c);
    const values = await readForm(c);
    const parsed = ZTopicBody.shape.keywords.safeParse(splitKeywords(String(values.keywords ?? "")));
    if (!parsed.success)
      return topicsPage(
        c,
        { values: {}, errors: { name: "关键词过多或过长（每个不超过 20 字，最多 100 个）。" } },
        422,
      );
    await updateTopicKeywords(db, actorOf(c), id, parsed.data);
    setFlash(c, MSG.saved);
    return c.redirect("/admin/opinions/topics", 303);
  });

  app.post("/admin/opinions/spike-rule", async (c) => {
    requirePermission(c, "opinions.manage");
    const values = await readForm(c);
    const parsed = ZSpikeRule.safeParse({ threshold: formNumber(values.threshold) });
    if (!parsed.success)
      return topicsPage(c, { values, errors: { threshold: "请填写 2 至 100000 之间的整数。" } }, 422);
    await changeSpikeRule(db, actorOf(c), parsed.data);
    setFlash(c, MSG.saved);
    return c.redirect("/admin/opinions/topics", 303);
  });

  app.post("/admin/opinions/alerts/:id/ack", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    if (opinionScope(p) !== "all") throw new AppError("not_found", MSG.notFound);
    await acknowledgeSpike(db, actorOf(c), idParam(c));
    return c.redirect("/admin/opinions", 303);
  });

  const detail = async (
    c: TCtx,
    id: number,
    forms: Partial<
      Record<
        "event" | "topic" | "publish",
        { values: Record<string, unknown>; errors: Record<string, string> }
      >
    > = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const p = requirePermission(c, "opinions.handle");
    const row = await loadVisibleOpinion(db, p, id);
    const [events, topics, names] = await Promise.all([listEvents(db, id), listTopics(db), unitNames()]);
    const topicCode = topics.find((t) => t.id === row.topicId)?.code ?? "";
    return c.html(
      <OpinionPage
        ctx={await pageCtx(c)}
        now={new Date()}
        row={row}
        events={events}
        topics={topics}
        unitName={row.unitId ? (names.get(row.unitId) ?? "") : "（未指定）"}
        forms={{
          event: forms.event ?? emptyForm({ at: localValue(new Date()) }),
          topic: forms.topic ?? emptyForm({ topic: topicCode }),
          publish:
            forms.publish ??
            emptyForm({ question: row.publishedAt ? row.publicQuestion : "", answer: row.responseText }),
        }}
      />,
      status,
    );
  };

  app.get("/admin/opinions/:id", async (c) => detail(c, idParam(c)));

  app.post("/admin/opinions/:id/events", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    const id = idParam(c);
    await loadVisibleOpinion(db, p, id);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZOpinionEventBody,
      values,
      input: {
        type: values.type,
        at: beijing(values.at),
        documentId: formNumber(values.documentId),
        note: values.note || undefined,
      },
      conflictField: "type",
      render: async (form) => (await detail(c, id, { event: form }, 422)).text(),
      run: async (body) => {
        const r = await recordOpinionEvent(db, actorOf(c), p, id, body);
        setFlash(c, r.isOnTime ? "已记录，按时完成。" : "已记录。该项已超过时限。");
        return c.redirect(`/admin/opinions/${id}`, 303);
      },
    });
  });

  app.post("/admin/opinions/:id/topic", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    const id = idParam(c);
    await loadVisibleOpinion(db, p, id);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZConfirmTopicBody,
      values,
      conflictField: "topic",
      render: async (form) => (await detail(c, id, { topic: form }, 422)).text(),
      run: async (body) => {
        await confirmTopic(db, actorOf(c), p, id, body.topic);
        setFlash(c, "主题已确认。");
        return c.redirect(`/admin/opinions/${id}`, 303);
      },
    });
  });

  app.post("/admin/opinions/:id/publish", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    const id = idParam(c);
    await loadVisibleOpinion(db, p, id);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZPublishResponseBody,
      values,
      conflictField: "answer",
      render: async (form) => (await detail(c, id, { publish: form }, 422)).text(),
      run: async (body) => {
        await publishResponse(db, actorOf(c), p, id, body);
        setFlash(c, "已在“回应关切”栏目公开。");
        return c.redirect(`/admin/opinions/${id}`, 303);
      },
    });
  });

  app.post("/admin/opinions/:id/unpublish", async (c) => {
    const p = requirePermission(c, "opinions.handle");
    const id = idParam(c);
    await unpublishResponse(db, actorOf(c), p, id);
    setFlash(c, "已撤下。");
    return c.redirect(`/admin/opinions/${id}`, 303);
  });

  return app;
}
