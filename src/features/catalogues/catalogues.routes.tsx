import { Hono } from "hono";
import { can, canAnywhere, type TPrincipal } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { download } from "../../platform/http/download";
import { markPublic } from "../../platform/http/edge";
import { formNumber, readForm, submitForm } from "../../platform/http/forms";
import { requireUnitPermission, requireUser } from "../../platform/http/guards";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { parseOrThrow } from "../../platform/validation";
import { addDays, todayInChina } from "../calendar";
import { listUnits } from "../org";
import {
  AdminCataloguePage,
  AdminCataloguesPage,
  AreasPage,
  CoveragePage,
  PublicCataloguePage,
  PublicCataloguesPage,
  RectificationsPage,
} from "./catalogues.pages";
import {
  areasFor,
  findItem,
  itemCountsByUnit,
  latestDocumentsOfUnit,
  rectificationsOf,
  type TItemDocumentRow,
} from "./catalogues.repository";
import {
  ZAreaBody,
  ZCoverageQuery,
  ZCreateItemBody,
  ZFollowUpBody,
  ZPostingBody,
  ZRectifyBody,
} from "./catalogues.schemas";
import {
  checkCoverage,
  coverageByUnit,
  coverageXlsx,
  createRectifications,
  followUpRectification,
  recordPosting,
} from "./check-coverage";
import { catalogueXlsx } from "./export-catalogue";
import { importCatalogue, type TImportResult, XLSX_MIME } from "./import-catalogue";
import { createArea, setAreaRetired } from "./manage-areas";
import { publicCatalogue } from "./read-catalogue";
import { createItem, requireUnit, retireItem } from "./save-item";
import { setDocumentItems } from "./tag-document";

const isOffice = (p: TPrincipal) => can(p, "catalogue.manage");
const list = (v: unknown) =>
  v === undefined ? [] : [v].flat().filter((x) => typeof x === "string" && x !== "");

/** The item form's strings as the item schema expects them. */
function itemInput(v: Record<string, string | string[]>) {
  const s = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : "");
  return {
    area: formNumber(s("area")) ?? "",
    level1: s("level1"),
    level2: s("level2"),
    content: s("content"),
    basis: s("basis"),
    timeLimit: s("timeLimit"),
    subject: s("subject"),
    channels: list(v.channels),
    audience: s("audience") || undefined,
    mode: s("mode") || undefined,
    levels: list(v.levels),
    keywords: s("keywords")
      .split(/[、，,；;\s]+/)
      .map((k) => k.trim())
      .filter(Boolean),
  };
}

/** The default period of the check: the last full quarter before today. */
function lastQuarter(today: string) {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const [yy, qq] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const from = `${yy}-${String(qq * 3 + 1).padStart(2, "0")}-01`;
  const nextStart = qq === 3 ? `${yy + 1}-01-01` : `${yy}-${String(qq * 3 + 4).padStart(2, "0")}-01`;
  return { from, to: addDays(nextStart, -1) };
}

/** The public catalogue pages and the back-office pages of catalogues, the check and rectifications. */
export function cataloguesRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  // ---- public ----
  app.get("/catalogues", async (c) => {
    const counts = new Map((await itemCountsByUnit(db)).map((r) => [r.unit_id, r.items]));
    const units = (await listUnits(db))
      .filter((u) => u.isActive && counts.has(u.id))
      .map((u) => ({ id: u.id, name: u.name, items: counts.get(u.id) ?? 0 }));
    markPublic(c, 300);
    return c.html(
      <PublicCataloguesPage ctx={await pageCtx(c)} units={units} areas={await areasFor(db, null)} />,
    );
  });

  app.get("/catalogues/:unitId{[0-9]+\\.xlsx}", async (c) => {
    const unitId = Number(c.req.param("unitId").replace(/\.xlsx$/, ""));
    if (!Number.isSafeInteger(unitId) || unitId > 2_147_483_647)
      throw new AppError("not_found", MSG.notFound);
    const { unit, items } = await publicCatalogue(db, unitId);
    markPublic(c, 300);
    return download(await catalogueXlsx(unit.name, items), {
      name: `${unit.name}标准目录.xlsx`,
      type: XLSX_MIME,
    });
  });

  app.get("/catalogues/:unitId", async (c) => {
    const unitId = idParam(c, "unitId");
    const { unit, items } = await publicCatalogue(db, unitId);
    const area = c.req.query("area")?.trim() || null;
    if (area && !items.some((i) => i.areaName === area)) throw new AppError("not_found", MSG.notFound);
    const docs = new Map<number, TItemDocumentRow[]>();
    for (const d of await latestDocumentsOfUnit(db, unitId))
      docs.set(d.item_id, [...(docs.get(d.item_id) ?? []), d]);
    markPublic(c, 300);
    return c.html(
      <PublicCataloguePage ctx={await pageCtx(c)} unit={unit} items={items} area={area} docs={docs} />,
    );
  });

  // ---- back office ----
  /** Units whose catalogue the user edits: all for the office, else those where the user edits documents. */
  const editableUnits = async (p: TPrincipal) =>
    (await listUnits(db)).filter((u) => u.isActive && can(p, "documents.edit", u.id));
  const readableUnits = async (p: TPrincipal) =>
    (await listUnits(db)).filter((u) => can(p, "unit.read", u.id));

  const requireCatalogueUser = (c: TCtx) => {
    const p = requireUser(c);
    if (!canAnywhere(p, "documents.edit") && !canAnywhere(p, "unit.read"))
      throw new AppError("forbidden", MSG.forbidden);
    return p;
  };
  const requireOffice = (c: TCtx) => {
    const p = requireUser(c);
    if (!isOffice(p)) throw new AppError("forbidden", "只有政务公开办公室可以进行此操作。");
    return p;
  };

  app.get("/admin/catalogues", async (c) => {
    const p = requireCatalogueUser(c);
    const counts = new Map((await itemCountsByUnit(db)).map((r) => [r.unit_id, r.items]));
    const units = (await editableUnits(p)).map((u) => ({
      id: u.id,
      name: u.name,
      items: counts.get(u.id) ?? 0,
    }));
    const readable = new Set((await readableUnits(p)).map((u) => u.id));
    const open = (await rectificationsOf(db, null)).filter(
      (r) => r.r.status === "open" && readable.has(r.r.unitId),
    );
    return c.html(
      <AdminCataloguesPage
        ctx={await pageCtx(c)}
        units={units}
        isOffice={isOffice(p)}
        openRectifications={open.length}
      />,
    );
  });

  const unitPage = async (
    c: TCtx,
    unitId: number,
    form: TFormState,
    importForm: TFormState = emptyForm(),
    imported?: TImportResult,
  ) => {
    const unit = await requireUnit(db, unitId);
    const { items } = await publicCatalogue(db, unitId).catch(() => ({ items: [] }));
    return (
      <AdminCataloguePage
        ctx={await pageCtx(c)}
        unit={unit}
        items={items}
        areas={await areasFor(db, unitId)}
        form={form}
        importForm={importForm}
        imported={imported}
      />
    );
  };

  app.get("/admin/catalogues/coverage", async (c) => {
    const p = requireCatalogueUser(c);
    const units = await readableUnits(p);
    const def = lastQuarter(todayInChina());
    const raw = { from: c.req.query("from") || def.from, to: c.req.query("to") || def.to };
    const period = parseOrThrow(ZCoverageQuery, raw);
    const unitText = c.req.query("unitId");
    let unitId: number | null = unitText ? Number(unitText) : null;
    if (unitId !== null && !units.some((u) => u.id === unitId)) throw new AppError("not_found", MSG.notFound);
    if (unitId === null && !isOffice(p)) unitId = units[0]?.id ?? null;
    if (unitId === null && !isOffice(p)) throw new AppError("forbidden", MSG.forbidden);
    const result = await checkCoverage(db, unitId, period.from, period.to);
    return c.html(
      <CoveragePage
        ctx={await pageCtx(c)}
        units={units}
        unitId={unitId}
        from={period.from}
        to={period.to}
        result={result}
        byUnit={coverageByUnit(result)}
        isOffice={isOffice(p)}
        postingForm={emptyForm({ postedOn: todayInChina() })}
        rectifyForm={emptyForm()}
      />,
    );
  });

  app.get("/admin/catalogues/coverage.xlsx", async (c) => {
    const p = requireCatalogueUser(c);
    const period = parseOrThrow(ZCoverageQuery, { from: c.req.query("from"), to: c.req.query("to") });
    const unitText = c.req.query("unitId");
    const unitId = unitText ? Number(unitText) : null;
    if (unitId === null ? !isOffice(p) : !can(p, "unit.read", unitId))
      throw new AppError("not_found", MSG.notFound);
    const result = await checkCoverage(db, unitId, period.from, period.to);
    return download(await coverageXlsx(db, result, period.from, period.to), {
      name: `标准目录回头看${period.from}至${period.to}.xlsx`,
      type: XLSX_MIME,
    });
  });

  app.post("/admin/catalogues/postings", async (c) => {
    const p = requireCatalogueUser(c);
    const values = await readForm(c);
    const itemId = Number(values.itemId);
    const item =
      Number.isSafeInteger(itemId) && itemId > 0 && itemId <= 2_147_483_647
        ? await findItem(db, itemId)
        : undefined;
    if (item && !can(p, "documents.edit", item.unitId)) throw new AppError("not_found", MSG.notFound);
    const input = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
    return submitForm(c, {
      schema: ZPostingBody,
      values,
      input: { ...input, itemId: formNumber(values.itemId), documentId: formNumber(values.documentId) },
      conflictField: "title",
      render: async (form) => {
        const q = new URL(c.req.url).searchParams;
        const period = ZCoverageQuery.safeParse({ from: q.get("from"), to: q.get("to") });
        const { from, to } = period.success ? period.data : lastQuarter(todayInChina());
        const units = await readableUnits(p);
        const result = await checkCoverage(db, isOffice(p) ? null : (units[0]?.id ?? -1), from, to);
        return (
          <CoveragePage
            ctx={await pageCtx(c)}
            units={units}
            unitId={null}
            from={from}
            to={to}
            result={result}
            byUnit={coverageByUnit(result)}
            isOffice={isOffice(p)}
            postingForm={form}
            rectifyForm={emptyForm()}
          />
        );
      },
      run: async (body) => {
        if (!item) throw new AppError("not_found", MSG.notFound);
        await recordPosting(db, actorOf(c), body);
        setFlash(c, "已登记。");
        const q = new URL(c.req.url).search;
        return c.redirect(`/admin/catalogues/coverage${q}#item-${body.itemId}`, 303);
      },
    });
  });

  app.post("/admin/catalogues/rectifications", async (c) => {
    requireOffice(c);
    const values = await readForm(c);
    const body = ZRectifyBody.safeParse({
      from: values.from,
      to: values.to,
      deadline: values.deadline,
      itemIds: list(values.itemIds).map(Number),
    });
    if (!body.success) {
      const first = body.error.issues[0];
      throw new AppError(
        "validation_failed",
        first?.path[0] === "deadline" ? "请填写整改期限。" : (first?.message ?? MSG.validation),
      );
    }
    const n = await createRectifications(db, actorOf(c), body.data);
    setFlash(c, n ? `已列入整改清单 ${n} 项。` : "选中的问题均已在整改清单中。");
    return c.redirect("/admin/catalogues/rectifications", 303);
  });

  app.get("/admin/catalogues/rectifications", async (c) => {
    const p = requireCatalogueUser(c);
    const units = await readableUnits(p);
    const ids = new Set(units.map((u) => u.id));
    const rows = (await rectificationsOf(db, null)).filter((r) => ids.has(r.r.unitId));
    return c.html(
      <RectificationsPage
        ctx={await pageCtx(c)}
        units={units}
        rows={rows}
        isOffice={isOffice(p)}
        today={todayInChina()}
      />,
    );
  });

  app.post("/admin/catalogues/rectifications/:id", async (c) => {
    const p = requireCatalogueUser(c);
    const id = idParam(c);
    const row = (await rectificationsOf(db, null)).find((r) => r.r.id === id);
    if (!row || !can(p, "unit.read", row.r.unitId)) throw new AppError("not_found", MSG.notFound);
    const values = await readForm(c);
    const body = ZFollowUpBody.safeParse({ followUp: values.followUp ?? "", isDone: values.isDone === "1" });
    if (!body.success) throw new AppError("validation_failed", "请填写整改情况（最多 2000 字）。");
    await followUpRectification(db, actorOf(c), id, body.data, isOffice(p));
    setFlash(c, "已保存整改情况。");
    return c.redirect("/admin/catalogues/rectifications", 303);
  });

  app.get("/admin/catalogues/areas", async (c) => {
    requireOffice(c);
    return c.html(
      <AreasPage
        ctx={await pageCtx(c)}
        areas={await areasFor(db, null)}
        units={await listUnits(db)}
        form={emptyForm({ tier: "city" })}
      />,
    );
  });

  app.post("/admin/catalogues/areas", async (c) => {
    requireOffice(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZAreaBody,
      values,
      input: {
        name: values.name,
        tier: values.tier,
        source: values.source ?? "",
        ...(values.unitId ? { unitId: formNumber(values.unitId) } : {}),
      },
      render: async (form) => (
        <AreasPage
          ctx={await pageCtx(c)}
          areas={await areasFor(db, null)}
          units={await listUnits(db)}
          form={form}
        />
      ),
      run: async (body) => {
        const existing = await areasFor(db, body.unitId ?? null);
        if (
          existing.some(
            (a) => a.name === body.name.replace(/领域$/, "") && (a.unitId ?? null) === (body.unitId ?? null),
          )
        )
          throw new AppError("conflict", "已有同名领域。");
        await createArea(db, actorOf(c), body);
        setFlash(c, `已添加领域“${body.name}”。`);
        return c.redirect("/admin/catalogues/areas", 303);
      },
    });
  });

  for (const action of ["retire", "restore"] as const)
    app.post(`/admin/catalogues/areas/:id/${action}`, async (c) => {
      requireOffice(c);
      const area = await setAreaRetired(db, actorOf(c), idParam(c), action === "retire");
      setFlash(c, `已${action === "retire" ? "停用" : "恢复"}领域“${area.name}”。`);
      return c.redirect("/admin/catalogues/areas", 303);
    });

  app.get("/admin/catalogues/:unitId", async (c) => {
    const unitId = idParam(c, "unitId");
    requireUnitPermission(c, "documents.edit", unitId);
    return c.html(
      await unitPage(c, unitId, emptyForm({ audience: "public", mode: "proactive", levels: ["township"] })),
    );
  });

  app.post("/admin/catalogues/:unitId/items", async (c) => {
    const unitId = idParam(c, "unitId");
    requireUnitPermission(c, "documents.edit", unitId);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZCreateItemBody,
      values,
      input: itemInput(values),
      conflictField: "area",
      render: (form) => unitPage(c, unitId, form),
      run: async (body) => {
        const row = await createItem(db, actorOf(c), unitId, body);
        setFlash(
          c,
          `已新增事项“${row.level2}”。${row.timeRule ? "" : "公开时限未能解析为工作日规则，“回头看”不检查该事项的时限。"}`,
        );
        return c.redirect(`/admin/catalogues/${unitId}`, 303);
      },
    });
  });

  app.post("/admin/catalogues/:unitId/items/:id/retire", async (c) => {
    const unitId = idParam(c, "unitId");
    requireUnitPermission(c, "documents.edit", unitId);
    const item = await findItem(db, idParam(c));
    if (!item || item.unitId !== unitId) throw new AppError("not_found", MSG.notFound);
    await retireItem(db, actorOf(c), item.id);
    setFlash(c, `已将“${item.level2}”移出目录。`);
    return c.redirect(`/admin/catalogues/${unitId}`, 303);
  });

  app.post("/admin/catalogues/:unitId/import", async (c) => {
    const unitId = idParam(c, "unitId");
    requireUnitPermission(c, "documents.edit", unitId);
    const body = await c.req.parseBody({ all: true });
    const file = [body.file].flat().find((f): f is File => f instanceof File && f.size > 0);
    const area = typeof body.importArea === "string" && body.importArea ? body.importArea : undefined;
    const fail = async (message: string) =>
      c.html(await unitPage(c, unitId, emptyForm(), { values: {}, errors: { file: message } }), 422);
    if (!file) return fail("请选择要导入的 Excel 文件（.xlsx）。");
    try {
      const result = await importCatalogue(
        db,
        actorOf(c),
        unitId,
        new Uint8Array(await file.arrayBuffer()),
        area,
      );
      return c.html(await unitPage(c, unitId, emptyForm(), emptyForm(), result));
    } catch (err) {
      if (err instanceof AppError && err.code !== "not_found") return fail(err.message);
      throw err;
    }
  });

  app.post("/admin/catalogues/documents/:id/items", async (c) => {
    const p = requireUser(c);
    const id = idParam(c);
    const values = await readForm(c);
    const itemIds = list(values.itemIds).map(Number);
    if (itemIds.some((n) => !Number.isSafeInteger(n) || n < 1 || n > 2_147_483_647))
      throw new AppError("validation_failed", "所选事项无效。");
    await setDocumentItems(db, actorOf(c), p, id, itemIds);
    setFlash(c, `已保存标注（${new Set(itemIds).size} 个事项）。`);
    return c.redirect(`/admin/documents/${id}#catalogue-tags-h`, 303);
  });

  return app;
}
