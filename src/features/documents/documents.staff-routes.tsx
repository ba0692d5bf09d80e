import { Hono } from "hono";
import { z } from "zod";
import { can, type TPrincipal, unitScope } from "../../platform/auth/permissions";
import { AppError, sqlState, type TFieldIssue } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { readForm, submitForm } from "../../platform/http/forms";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { findDocNumber } from "../../platform/text";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { parseOrThrow, toFieldIssues } from "../../platform/validation";
import { loadWorkCalendar, todayInChina } from "../calendar";
import { listUnits, type TUnitRow } from "../org";
import {
  addSpecialTopic,
  addSynonymGroup,
  indexPattern,
  removeSynonymGroup,
  setIndexPattern,
} from "./catalogue-settings";
import {
  addDocumentAttachment,
  removeDocumentAttachment,
  storeDocumentUploads,
} from "./document-attachments";
import { staffPanelsFor } from "./document-hooks";
import { decideProposal } from "./document-relations";
import { pickerStep, type TPicker } from "./documents.related-picker";
import { listSynonyms, listTopics, versionsOf } from "./documents.repository";
import {
  DOCUMENT_KINDS,
  ZCreateDocumentBody,
  ZProposalDecision,
  ZPublishBody,
  ZUpdateDocumentBody,
  ZWithdrawBody,
} from "./documents.schemas";
import {
  CatalogueSettingsPage,
  LatePublicationsPage,
  type TCatalogueForm,
} from "./documents.staff-catalogue-pages";
import { StaffDocumentPage, type TDocumentAction, type TFinding } from "./documents.staff-document-page";
import { DocumentFormPage, StaffDocumentListPage } from "./documents.staff-list-pages";
import { MAX_DRAFT_FILES, MAX_RELATION_ROWS } from "./documents.staff-shared";
import { createGazetteIssue, gazetteIssues, ZGazetteIssueBody } from "./gazette";
import {
  PublishBlocked,
  publishDocument,
  returnToDraft,
  submitForReview,
  withdrawDocument,
} from "./publish-document";
import { readDocument, type TDocumentView } from "./read-document";
import { createDocument, updateDocument } from "./save-document";
import { latePublications } from "./search.repository";
import { listStaffDocuments, STAFF_STATUSES } from "./staff.repository";

const PAGE_SIZE = 20;

type TValues = Record<string, string | string[]>;

const str = (v: unknown): string => (typeof v === "string" ? v : Array.isArray(v) ? String(v[0] ?? "") : "");
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : [];
/** Browsers send text areas with CRLF; the stored text uses LF. */
const lf = (s: string) => s.replace(/\r\n?/g, "\n");
/** A whole number stays a number; anything else is passed on for the schema to name the mistake. */
const idOrText = (v: string): number | string => (/^\d{1,10}$/.test(v.trim()) ? Number(v.trim()) : v.trim());
const dateOrNull = (v: unknown) => str(v).trim() || null;
const splitTerms = (s: string, separators: RegExp) =>
  s
    .split(separators)
    .map((t) => t.trim())
    .filter(Boolean);

/** The units whose documents the user works on: where they may edit or review. */
function documentUnits(p: TPrincipal): "all" | number[] {
  const edit = unitScope(p, "documents.edit");
  const review = unitScope(p, "documents.review");
  if (edit === "all" || review === "all") return "all";
  return [...new Set([...edit, ...review])];
}

function requireDocumentStaff(c: TCtx): { p: TPrincipal; units: "all" | number[] } {
  const p = requireUser(c);
  const units = documentUnits(p);
  if (units !== "all" && units.length === 0) throw new AppError("forbidden", MSG.forbidden);
  return { p, units };
}

// ——— the document form ⇄ the API's body

/** Q&A typed as "问：…" then "答：…", items separated by a blank line. */
function parseQa(text: string): { items: { question: string; answer: string }[]; error?: string } {
  const blocks = lf(text)
    .split(/\n[ \t\u3000]*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const items: { question: string; answer: string }[] = [];
  for (const [n, block] of blocks.entries()) {
    const m = /^问[：:]([\s\S]*?)\n\s*答[：:]([\s\S]*)$/.exec(block);
    if (!m) return { items, error: `第 ${n + 1} 条问答应先写“问：”一行，再另起一行写“答：”。` };
    items.push({ question: (m[1] ?? "").trim(), answer: (m[2] ?? "").trim() });
  }
  return { items };
}

/** The Q&A as the form shows it. */
function qaText(qa: { question: string; answer: string }[]): string {
  return qa.map((q) => `问：${q.question}\n答：${q.answer}`).join("\n\n");
}

type TDocumentInput = { input: Record<string, unknown>; issues: TFieldIssue[]; relationRows: number[] };

/** The posted form as the create or update body; what the form alone can tell is wrong comes back as issues. */
function documentInput(values: TValues, isEdit: boolean): TDocumentInput {
  const issues: TFieldIssue[] = [];
  const qa = parseQa(str(values.qa));
  if (qa.error) issues.push({ path: "qa", message: qa.error });
  const relations: { kind: string; documentId: number | string }[] = [];
  const relationRows: number[] = [];
  for (let i = 0; i < MAX_RELATION_ROWS; i++) {
    const kind = str(values[`relKind_${i}`]);
    const id = str(values[`relId_${i}`]).trim();
    if (!kind && !id) continue;
    if (!kind) issues.push({ path: `relKind_${i}`, message: "请选择关系。" });
    else if (!id) issues.push({ path: `relId_${i}`, message: "请填写被关联文件的编号。" });
    else {
      relations.push({ kind, documentId: idOrText(id) });
      relationRows.push(i);
    }
  }
  const unitId = str(values.unitId).trim();
  const interprets = str(values.interprets).trim();
  const input: Record<string, unknown> = {
    title: str(values.title),
    kind: str(values.kind) || undefined,
    unitId: unitId ? idOrText(unitId) : undefined,
    level: str(values.level),
    disclosure: str(values.disclosure) || undefined,
    docNumber: str(values.docNumber),
    issuer: str(values.issuer),
    writtenAt: dateOrNull(values.writtenAt),
    publishedAt: dateOrNull(values.publishedAt),
    effectiveAt: dateOrNull(values.effectiveAt),
    validity: str(values.validity) || undefined,
    repealedAt: dateOrNull(values.repealedAt),
    topics: list(values.topics),
    keywords: splitTerms(str(values.keywords), /[,，、;；\n]+/),
    summary: lf(str(values.summary)),
    body: lf(str(values.body)),
    interprets: interprets ? idOrText(interprets) : null,
    interpretationForm: str(values.interpretationForm) || undefined,
    videoUrl: str(values.videoUrl).trim(),
    needsInterpretation: values.needsInterpretation === "1",
    qa: qa.error ? [] : qa.items,
    relations,
  };
  if (isEdit) input.changeNote = str(values.changeNote);
  return { input, issues, relationRows };
}

/** Where an issue of the body is shown on the form: nested paths point at the input they came from. */
function formPath(path: string, relationRows: number[]): { path: string; prefix?: string } {
  const [head = path, index, leaf] = path.split(".");
  if (head === "relations" && index !== undefined) {
    const row = relationRows[Number(index)] ?? 0;
    return { path: leaf === "kind" ? `relKind_${row}` : `relId_${row}` };
  }
  if (head === "qa" && index !== undefined) return { path: "qa", prefix: `第 ${Number(index) + 1} 条问答：` };
  return { path: head };
}

/** Runs `fn`, showing any issues it raises beside the form's own inputs. */
async function onForm<T>(relationRows: number[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof AppError) || !err.issues) throw err;
    const issues = err.issues.map((i) => {
      const at = formPath(i.path, relationRows);
      return { path: at.path, message: `${at.prefix ?? ""}${i.message}` };
    });
    throw new AppError(err.code, err.message, { issues });
  }
}

/** The body checked by its schema, together with the form's own issues, all at once. */
function validBody<S extends z.ZodType>(schema: S, d: TDocumentInput): z.infer<S> {
  const r = schema.safeParse(d.input);
  const issues = [...d.issues, ...(r.success ? [] : toFieldIssues(r.error))];
  if (issues.length > 0 || !r.success) throw new AppError("validation_failed", MSG.validation, { issues });
  return r.data;
}

/** The form's values for an existing document. */
function formValuesOf(view: TDocumentView): Record<string, unknown> {
  const d = view.row;
  const values: Record<string, unknown> = {
    version: String(d.version),
    title: d.title,
    kind: d.kind,
    unitId: String(d.unitId),
    level: d.level,
    disclosure: d.disclosure,
    docNumber: d.docNumber,
    issuer: d.issuer,
    writtenAt: d.writtenAt ?? "",
    publishedAt: d.publishedAt ?? "",
    effectiveAt: d.effectiveAt ?? "",
    validity: d.validity,
    repealedAt: d.repealedAt ?? "",
    topics: d.topics,
    keywords: d.keywords.join("、"),
    summary: d.summary,
    body: d.body,
    interprets: d.interpretsId ? String(d.interpretsId) : "",
    interpretationForm: d.interpretationForm,
    videoUrl: d.videoUrl,
    needsInterpretation: d.needsInterpretation ? "1" : "",
    qa: qaText(view.qa),
  };
  view.relations
    .filter((r) => r.direction === "from")
    .forEach((r, i) => {
      values[`relKind_${i}`] = r.kind;
      values[`relId_${i}`] = String(r.id);
    });
  return values;
}

/** "2025-11-01T09:00" from a datetime-local input, as Beijing time with its offset. */
function beijingDateTime(v: string): string {
  const t = v.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(t)) return `${t}:00+08:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(t)) return `${t}+08:00`;
  return t;
}

/** The back office of the document library: list, form, staff view, Art. 26 list and catalogue settings. */
export function documentsStaffRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;
  const topicNames = async () => (await listTopics(db)).map((t) => t.name);

  /** Units a new or changed document may belong to; the document's current unit stays selectable. */
  const editableUnits = async (p: TPrincipal, currentUnitId?: number): Promise<TUnitRow[]> => {
    const scope = unitScope(p, "documents.edit");
    const units = await listUnits(db, { scope });
    return units.filter((u) => u.isActive || u.id === currentUnitId);
  };

  /** The document as its unit's staff see it; anyone else gets 404. */
  const staffView = async (p: TPrincipal, id: number) => {
    const view = await readDocument(db, id, p);
    if (!view.isStaffView) throw new AppError("not_found", MSG.notFound);
    return view;
  };

  // ——— list

  const ZListQuery = z.object({
    status: z.enum(STAFF_STATUSES).optional().catch(undefined),
    kind: z.enum(DOCUMENT_KINDS).optional().catch(undefined),
    q: z.string().trim().max(200).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(10_000).catch(1),
  });

  app.get("/admin/documents", async (c) => {
    const { p, units } = requireDocumentStaff(c);
    const query = ZListQuery.parse(c.req.query());
    const q = query.q || undefined;
    const found = q ? findDocNumber(q) : null;
    const { total, items } = await listStaffDocuments(
      db,
      { units, status: query.status, kind: query.kind, q, docNumberKey: found?.key ?? null },
      todayInChina(),
      query.page,
      PAGE_SIZE,
    );
    const base = new URLSearchParams();
    if (query.status) base.set("status", query.status);
    if (query.kind) base.set("kind", query.kind);
    if (q) base.set("q", q);
    const scope = unitScope(p, "documents.edit");
    return c.html(
      <StaffDocumentListPage
        ctx={await pageCtx(c)}
        items={items}
        total={total}
        pageSize={PAGE_SIZE}
        query={{ ...query, q }}
        base={base}
        canCreate={scope === "all" || scope.length > 0}
      />,
    );
  });

  // ——— Art. 26

  app.get("/admin/documents/late", async (c) => {
    const { units } = requireDocumentStaff(c);
    const calendar = await loadWorkCalendar(db);
    const rows = (await latePublications(db, units)).map((r) => ({
      ...r,
      workdaysLate: calendar.workdaysBetween(r.publishDue, r.publishedAt),
    }));
    return c.html(<LatePublicationsPage ctx={await pageCtx(c)} rows={rows} />);
  });

  // ——— new

  // Files chosen in a form's file field (empty when none was chosen: browsers send an empty part).
  const uploadedFiles = async (c: TCtx, name: string) => {
    const body = await c.req.parseBody({ all: true });
    const parts = ([] as unknown[]).concat(body[name] ?? []);
    return Promise.all(
      parts
        .filter((f): f is File => f instanceof File && f.size > 0)
        .map(async (f) => ({ data: new Uint8Array(await f.arrayBuffer()), name: f.name })),
    );
  };

  const newPage = async (c: TCtx, p: TPrincipal, form?: TFormState, picker?: TPicker) => {
    const units = await editableUnits(p);
    const defaults = {
      kind: "notice",
      validity: "valid",
      disclosure: "proactive",
      interpretationForm: "text",
      unitId: units.length === 1 ? String(units[0]?.id) : "",
    };
    return (
      <DocumentFormPage
        ctx={await pageCtx(c)}
        form={form ?? emptyForm(defaults)}
        units={units}
        topics={await topicNames()}
        picker={picker}
      />
    );
  };

  app.get("/admin/documents/new", async (c) => {
    const p = requirePermission(c, "documents.edit");
    return c.html(await newPage(c, p));
  });

  app.post("/admin/documents", async (c) => {
    const p = requirePermission(c, "documents.edit");
    const values = await readForm(c);
    const step = await pickerStep(db, p, values);
    if (step) return c.html(await newPage(c, p, step.form, step.picker), step.status);
    const d = documentInput(values, false);
    const files = await uploadedFiles(c, "files");
    return submitForm(c, {
      schema: z.unknown(),
      values,
      conflictField: "title",
      render: (form) => newPage(c, p, form),
      run: () =>
        onForm(d.relationRows, async () => {
          const body = validBody(ZCreateDocumentBody, d);
          if (files.length > MAX_DRAFT_FILES)
            throw new AppError("validation_failed", MSG.validation, {
              issues: [{ path: "files", message: `一次最多上传 ${MAX_DRAFT_FILES} 个附件。` }],
            });
          const uploads = await storeDocumentUploads(db, deps.blobs, files);
          const row = await createDocument(db, actorOf(c), p, body, { uploads });
          setFlash(
            c,
            `已保存为草稿，索引号 ${row.indexNo}${uploads.length ? `，附件 ${uploads.length} 个` : ""}。`,
          );
          return c.redirect(`/admin/documents/${row.id}`, 303);
        }),
    });
  });

  // ——— edit

  const editable = async (c: TCtx) => {
    const p = requireUser(c);
    const view = await staffView(p, idParam(c));
    if (!can(p, "documents.edit", view.row.unitId)) throw new AppError("forbidden", MSG.forbidden);
    if (view.row.status === "withdrawn") throw new AppError("conflict", "已撤回的文件不能再修改。");
    return { p, view };
  };

  const editPage = async (
    c: TCtx,
    p: TPrincipal,
    view: TDocumentView,
    form?: TFormState,
    picker?: TPicker,
  ) => (
    <DocumentFormPage
      ctx={await pageCtx(c)}
      form={form ?? emptyForm(formValuesOf(view))}
      units={await editableUnits(p, view.row.unitId)}
      topics={await topicNames()}
      documentId={view.row.id}
      isPublished={view.row.status === "published"}
      picker={picker}
    />
  );

  app.get("/admin/documents/:id/edit", async (c) => {
    const { p, view } = await editable(c);
    return c.html(await editPage(c, p, view));
  });

  app.post("/admin/documents/:id/edit", async (c) => {
    const { p, view } = await editable(c);
    const values = await readForm(c);
    const step = await pickerStep(db, p, values);
    if (step) return c.html(await editPage(c, p, view, step.form, step.picker), step.status);
    const d = documentInput(values, true);
    // A published document keeps a 发布日期: left empty, the one it has stays.
    if (d.input.publishedAt === null && view.row.status === "published") delete d.input.publishedAt;
    // An empty 发文机关 means the unit itself, as when the document was created.
    if (!d.input.issuer) {
      const unitId = typeof d.input.unitId === "number" ? d.input.unitId : view.row.unitId;
      d.input.issuer = (await editableUnits(p, view.row.unitId)).find((u) => u.id === unitId)?.name ?? "";
    }
    return submitForm(c, {
      schema: z.unknown(),
      values,
      conflictField: "version",
      render: (form) => editPage(c, p, view, form),
      run: () =>
        onForm(d.relationRows, async () => {
          const body = validBody(ZUpdateDocumentBody, d);
          // The form was filled in against one version; a change made since then must not be overwritten.
          if (str(values.version) !== String(view.row.version))
            throw new AppError(
              "conflict",
              "文件在您打开修改页面后已有变动（修改、送审或发布），请重新打开修改页面。",
            );
          await updateDocument(db, actorOf(c), p, view.row.id, body);
          setFlash(c, MSG.saved);
          return c.redirect(`/admin/documents/${view.row.id}`, 303);
        }),
    });
  });

  // ——— one document and its actions

  const detailPage = async (
    c: TCtx,
    id: number,
    extra: { forms?: Partial<Record<TDocumentAction, TFormState>>; findings?: TFinding[] } = {},
  ) => {
    const p = requireUser(c);
    const view = await staffView(p, id);
    return (
      <StaffDocumentPage
        ctx={await pageCtx(c)}
        view={view}
        versions={await versionsOf(db, id)}
        canEdit={can(p, "documents.edit", view.row.unitId)}
        canReview={can(p, "documents.review", view.row.unitId)}
        now={new Date()}
        panels={
          await staffPanelsFor({
            db,
            principal: p,
            document: view.row,
            csrfToken: (await pageCtx(c)).csrfToken,
          })
        }
        {...extra}
      />
    );
  };

  app.get("/admin/documents/:id", async (c) => c.html(await detailPage(c, idParam(c))));

  /** One action's form: validated, run, and on a mistake the document page again with the message beside it. */
  const action = <S extends z.ZodType>(
    name: TDocumentAction,
    opts: {
      schema: S;
      input?: (values: TValues) => unknown;
      conflictField: string;
      run: (c: TCtx, p: TPrincipal, id: number, body: z.infer<S>) => Promise<unknown>;
      done: string;
    },
  ) =>
    app.post(`/admin/documents/:id/${name}`, async (c) => {
      const p = requireUser(c);
      const id = idParam(c);
      const values = await readForm(c);
      let findings: TFinding[] = [];
      return submitForm(c, {
        schema: opts.schema,
        values,
        input: opts.input ? opts.input(values) : values,
        conflictField: opts.conflictField,
        render: (form) => detailPage(c, id, { forms: { [name]: form }, findings }),
        run: async (body) => {
          try {
            await opts.run(c, p, id, body);
          } catch (err) {
            if (err instanceof PublishBlocked) findings = err.findings;
            throw err;
          }
          setFlash(c, opts.done);
          return c.redirect(`/admin/documents/${id}`, 303);
        },
      });
    });

  action("submit", {
    schema: z.object({}),
    conflictField: "submit",
    run: (c, p, id) => submitForReview(db, actorOf(c), p, id),
    done: "已送审。",
  });

  action("publish", {
    schema: ZPublishBody,
    input: (v) => ({
      ...(str(v.publishAt).trim() ? { publishAt: beijingDateTime(str(v.publishAt)) } : {}),
      ...(str(v.interpretationWaiver).trim() ? { interpretationWaiver: str(v.interpretationWaiver) } : {}),
      ...(v.confirmPrivacy === "1" ? { confirmPrivacy: true } : {}),
    }),
    conflictField: "publishAt",
    run: (c, p, id, body) => publishDocument(db, actorOf(c), p, id, body),
    done: "已发布。",
  });

  action("return", {
    schema: z.object({ comment: z.string().trim().min(2).max(1000) }),
    conflictField: "comment",
    run: (c, p, id, body) => returnToDraft(db, actorOf(c), p, id, body.comment),
    done: "已退回修改。",
  });

  action("withdraw", {
    schema: ZWithdrawBody,
    input: (v) => ({ notice: lf(str(v.notice)) }),
    conflictField: "notice",
    run: (c, p, id, body) => withdrawDocument(db, actorOf(c), p, id, body.notice),
    done: "已撤回，公开页面显示撤回说明。",
  });

  app.post("/admin/documents/:id/attachments", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    const file = (await c.req.parseBody()).file;
    return submitForm(c, {
      schema: z.unknown(),
      values: {},
      conflictField: "file",
      render: (form) => detailPage(c, id, { forms: { attach: form } }),
      run: async () => {
        if (!(file instanceof File) || file.size === 0)
          throw new AppError("validation_failed", "请选择要上传的文件。", {
            issues: [{ path: "file", message: "请选择要上传的文件。" }],
          });
        const a = await addDocumentAttachment(db, deps.blobs, actorOf(c), p, id, {
          data: new Uint8Array(await file.arrayBuffer()),
          name: file.name,
        });
        setFlash(c, `已上传附件“${a.name}”。`);
        return c.redirect(`/admin/documents/${id}`, 303);
      },
    });
  });

  app.post("/admin/documents/:id/attachments/:attachmentId/remove", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    await removeDocumentAttachment(db, actorOf(c), p, id, idParam(c, "attachmentId"));
    setFlash(c, "附件已删除。");
    return c.redirect(`/admin/documents/${id}`, 303);
  });

  // Another unit's repeal or amendment of this unit's document: the unit's reviewer (or the office)
  // accepts it, and it takes effect, or declines it.
  app.post("/admin/documents/:id/proposals/:relationId", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    const { decision } = parseOrThrow(ZProposalDecision, { decision: (await readForm(c)).decision });
    await decideProposal(db, actorOf(c), p, id, idParam(c, "relationId"), decision);
    setFlash(c, decision === "accept" ? "已接受，废止或修改自来文的实施日期起生效。" : "已不予接受。");
    return c.redirect(`/admin/documents/${id}`, 303);
  });

  // ——— the office's catalogue settings

  const cataloguePage = async (c: TCtx, forms: Partial<Record<TCatalogueForm, TFormState>> = {}) => (
    <CatalogueSettingsPage
      ctx={await pageCtx(c)}
      synonyms={await listSynonyms(db)}
      topics={await listTopics(db)}
      pattern={await indexPattern(db)}
      issues={await gazetteIssues(db)}
      forms={forms}
    />
  );

  app.get("/admin/catalogue", async (c) => {
    requirePermission(c, "catalogue.manage");
    return c.html(await cataloguePage(c));
  });

  app.post("/admin/catalogue/synonyms", async (c) => {
    requirePermission(c, "catalogue.manage");
    const values = await readForm(c);
    return submitForm(c, {
      schema: z.object({ terms: z.string().trim().min(1).max(400) }),
      values,
      conflictField: "terms",
      render: (form) => cataloguePage(c, { synonyms: form }),
      run: async (body) => {
        const terms = splitTerms(body.terms, /[\s,，、;；]+/);
        const wrong =
          terms.length > 10
            ? "一组最多 10 个词。"
            : terms.some((t) => t.length > 30)
              ? "每个词最多 30 个字。"
              : null;
        if (wrong)
          throw new AppError("validation_failed", wrong, { issues: [{ path: "terms", message: wrong }] });
        await addSynonymGroup(db, actorOf(c), terms);
        setFlash(c, `已添加同义词组：${terms.join("、")}。`);
        return c.redirect("/admin/catalogue", 303);
      },
    });
  });

  app.post("/admin/catalogue/synonyms/:id/remove", async (c) => {
    requirePermission(c, "catalogue.manage");
    await removeSynonymGroup(db, actorOf(c), idParam(c));
    setFlash(c, "同义词组已删除。");
    return c.redirect("/admin/catalogue", 303);
  });

  app.post("/admin/catalogue/topics", async (c) => {
    requirePermission(c, "catalogue.manage");
    const values = await readForm(c);
    return submitForm(c, {
      schema: z.object({ name: z.string().trim().min(1).max(50) }),
      values,
      conflictField: "name",
      render: (form) => cataloguePage(c, { topic: form }),
      run: async (body) => {
        await addSpecialTopic(db, actorOf(c), body.name);
        setFlash(c, `已添加特色主题“${body.name}”。`);
        return c.redirect("/admin/catalogue", 303);
      },
    });
  });

  app.post("/admin/catalogue/index-pattern", async (c) => {
    requirePermission(c, "catalogue.manage");
    const values = await readForm(c);
    return submitForm(c, {
      schema: z.object({ pattern: z.string().trim().min(1).max(100) }),
      values,
      conflictField: "pattern",
      render: (form) => cataloguePage(c, { pattern: form }),
      run: async (body) => {
        await setIndexPattern(db, actorOf(c), body.pattern);
        setFlash(c, "索引号格式已保存，此后新建的文件按新格式编号。");
        return c.redirect("/admin/catalogue", 303);
      },
    });
  });

  app.post("/admin/catalogue/gazette", async (c) => {
    requirePermission(c, "catalogue.manage");
    const values = await readForm(c);
    const items = gazetteItems(str(values.items));
    const num = (v: unknown) => (str(v).trim() ? idOrText(str(v)) : undefined);
    return submitForm(c, {
      schema: z.unknown(),
      values,
      conflictField: "number",
      render: (form) => cataloguePage(c, { gazette: form }),
      run: async () => {
        const r = ZGazetteIssueBody.safeParse({
          year: num(values.year),
          number: num(values.number),
          publishedOn: str(values.publishedOn).trim(),
          title: str(values.title),
          items: items.items,
        });
        const issues = [
          ...(items.error ? [{ path: "items", message: items.error }] : []),
          ...(r.success
            ? []
            : toFieldIssues(r.error).map((i) => ({ ...i, path: i.path.split(".")[0] ?? i.path }))),
        ];
        if (issues.length > 0 || !r.success)
          throw new AppError("validation_failed", MSG.validation, { issues });
        try {
          const issue = await createGazetteIssue(db, actorOf(c), r.data);
          setFlash(c, `已新建公报“${issue.title}”。`);
        } catch (err) {
          if (sqlState(err) !== "23505") throw err;
          const message = `${r.data.year}年第${r.data.number}期公报已经存在。`;
          throw new AppError("conflict", message, { issues: [{ path: "number", message }] });
        }
        return c.redirect("/admin/catalogue#gazette-heading", 303);
      },
    });
  });

  return app;
}

/** A 公报's table of contents typed one document a line: its number, then optionally its section. */
function gazetteItems(text: string): { items: { documentId: number; section: string }[]; error?: string } {
  const items: { documentId: number; section: string }[] = [];
  const lines = lf(text)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [n, line] of lines.entries()) {
    const m = /^(\d{1,10})(?:[\s\u3000]+(.+))?$/.exec(line);
    if (!m) return { items, error: `第 ${n + 1} 行应为文件编号，其后可空一格写栏目名称。` };
    items.push({ documentId: Number(m[1]), section: (m[2] ?? "").trim() });
  }
  return { items };
}
