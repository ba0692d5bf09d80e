import { Hono } from "hono";
import { can } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, publicOrigin, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { markPublic } from "../../platform/http/edge";
import { readForm, submitForm } from "../../platform/http/forms";
import { requirePermission } from "../../platform/http/guards";
import { idParam, idQuery } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { todayInChina } from "../calendar";
import { activeUnits, findUnit, listUnits } from "../org";
import { withRows } from "./present";
import {
  actsForVillage,
  hashKey,
  issueTerminalKey,
  isVillage,
  keptThrough,
  publishSubsidyNotice,
  retentionYears,
  setRetentionYears,
  villageScope,
} from "./publish-notice";
import {
  SubsidiesAdminPage,
  SubsidyNoticeAdminPage,
  SubsidyNoticeFormPage,
  TerminalPage,
  TerminalsPage,
  VillagePage,
  VillagesPage,
} from "./subsidies.pages";
import {
  findNotice,
  noticesOnFile,
  noticesPublicOn,
  publicCounts,
  terminalUnit,
  terminalUnits,
} from "./subsidies.repository";
import { ZRetentionForm, ZSubsidyNoticeForm } from "./subsidies.schemas";
import { parseRowsText } from "./subsidy-rows";

const PUBLIC_SECONDS = 60;

/** The public village pages, the village terminal and the staff pages of subsidy notices. */
export function subsidiesRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  app.get("/villages", async (c) => {
    const units = await activeUnits(db);
    markPublic(c, PUBLIC_SECONDS);
    return c.html(
      <VillagesPage
        ctx={await pageCtx(c)}
        subdistricts={units.filter((u) => u.kind === "subdistrict")}
        villages={units.filter(isVillage)}
        counts={await publicCounts(db, todayInChina())}
      />,
    );
  });

  app.get("/villages/:id", async (c) => {
    const village = await findUnit(db, idParam(c));
    if (!isVillage(village) || !village.isActive) throw new AppError("not_found", MSG.notFound);
    const parent = village.parentId ? await findUnit(db, village.parentId) : undefined;
    const notices = await withRows(db, await noticesPublicOn(db, todayInChina(), village.id));
    markPublic(c, PUBLIC_SECONDS);
    return c.html(<VillagePage ctx={await pageCtx(c)} village={village} parent={parent} notices={notices} />);
  });

  // The terminal in the village: its key is the credential, so the page is never cached or indexed.
  app.get("/terminal/:key", async (c) => {
    const key = c.req.param("key");
    const unitId = key.length <= 64 ? await terminalUnit(db, hashKey(key)) : undefined;
    const village = unitId ? await findUnit(db, unitId) : undefined;
    if (!village) throw new AppError("not_found", MSG.notFound);
    const q = (c.req.query("q") ?? "").trim().slice(0, 30);
    const notices = await withRows(db, await noticesOnFile(db, [village.id], { payee: q || undefined }));
    c.header("x-robots-tag", "noindex, nofollow");
    c.header("referrer-policy", "no-referrer");
    return c.html(
      <TerminalPage
        ctx={await pageCtx(c)}
        village={village}
        notices={notices}
        q={q}
        path={`/terminal/${key}`}
      />,
    );
  });

  const villagesFor = async (c: TCtx, permission: "subsidies.publish" | "subsidies.read") => {
    const p = requirePermission(c, permission);
    const scope = await villageScope(db, p, permission);
    const villages = (await listUnits(db)).filter(
      (u) => isVillage(u) && u.isActive && (scope === "all" || scope.includes(u.id)),
    );
    return { p, scope, villages };
  };

  const listPage = async (c: TCtx, retentionForm?: TFormState) => {
    const { p, scope, villages } = await villagesFor(c, "subsidies.read");
    const filter = {
      unitId: idQuery(c, "unitId"),
      payee: (c.req.query("payee") ?? "").trim().slice(0, 30) || undefined,
    };
    const years = await retentionYears(db);
    const manage = can(p, "registries.manage");
    return (
      <SubsidiesAdminPage
        ctx={await pageCtx(c)}
        notices={await withRows(db, await noticesOnFile(db, scope, filter))}
        villages={villages}
        today={todayInChina()}
        keptThrough={(endsOn) => keptThrough(endsOn, years)}
        filter={filter}
        canPublish={villages.some((v) => actsForVillage(p, "subsidies.publish", v))}
        retention={manage ? { years, form: retentionForm ?? emptyForm({ years }) } : null}
      />
    );
  };

  app.get("/admin/subsidies", async (c) => c.html(await listPage(c)));

  app.post("/admin/subsidies/retention", async (c) => {
    requirePermission(c, "registries.manage");
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZRetentionForm,
      values,
      render: (form) => listPage(c, form),
      run: async ({ years }) => {
        await setRetentionYears(db, actorOf(c), years);
        setFlash(c, MSG.saved);
        return c.redirect("/admin/subsidies", 303);
      },
    });
  });

  app.get("/admin/subsidies/new", async (c) => {
    const { villages } = await villagesFor(c, "subsidies.publish");
    const today = todayInChina();
    return c.html(
      <SubsidyNoticeFormPage
        ctx={await pageCtx(c)}
        form={emptyForm({ startsAt: today })}
        villages={villages}
      />,
    );
  });

  app.post("/admin/subsidies", async (c) => {
    const { p, villages } = await villagesFor(c, "subsidies.publish");
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    return submitForm(c, {
      schema: ZSubsidyNoticeForm,
      values,
      render: (form) => <SubsidyNoticeFormPage ctx={ctx} form={form} villages={villages} />,
      run: async (form) => {
        const parsed = parseRowsText(form.rowsText);
        try {
          if (parsed.issues.length)
            throw new AppError("validation_failed", MSG.validation, { issues: parsed.issues });
          const notice = await publishSubsidyNotice(db, p, actorOf(c), { ...form, rows: parsed.rows });
          setFlash(c, "补贴公示已发布。");
          return c.redirect(`/admin/subsidies/${notice.id}`, 303);
        } catch (err) {
          // Every row's problems, beside the one text field that holds the rows.
          if (err instanceof AppError && err.issues?.some((i) => i.path.startsWith("rows")))
            throw new AppError("validation_failed", err.message, {
              issues: [
                ...err.issues.filter((i) => !i.path.startsWith("rows")),
                {
                  path: "rowsText",
                  message: err.issues
                    .filter((i) => i.path.startsWith("rows"))
                    .map((i) => i.message)
                    .join(" "),
                },
              ],
            });
          throw err;
        }
      },
    });
  });

  app.get("/admin/subsidies/terminals", async (c) => {
    const { villages } = await villagesFor(c, "subsidies.publish");
    return c.html(
      <TerminalsPage ctx={await pageCtx(c)} villages={villages} issued={await terminalUnits(db)} />,
    );
  });

  app.post("/admin/subsidies/terminals/:id", async (c) => {
    const { villages } = await villagesFor(c, "subsidies.publish");
    const village = villages.find((v) => v.id === idParam(c));
    if (!village) throw new AppError("not_found", MSG.notFound);
    const key = await issueTerminalKey(db, actorOf(c), village);
    return c.html(
      <TerminalsPage
        ctx={await pageCtx(c)}
        villages={villages}
        issued={await terminalUnits(db)}
        newKey={{ village, url: `${publicOrigin(c, deps.config)}/terminal/${key}` }}
      />,
    );
  });

  app.get("/admin/subsidies/:id", async (c) => {
    const { scope } = await villagesFor(c, "subsidies.read");
    const notice = await findNotice(db, idParam(c));
    if (!notice || (scope !== "all" && !scope.includes(notice.unitId)))
      throw new AppError("not_found", MSG.notFound);
    const [full] = await withRows(db, [notice]);
    if (!full) throw new AppError("not_found", MSG.notFound);
    return c.html(
      <SubsidyNoticeAdminPage
        ctx={await pageCtx(c)}
        notice={full}
        today={todayInChina()}
        keptThrough={keptThrough(notice.endsOn, await retentionYears(db))}
      />,
    );
  });

  return app;
}
