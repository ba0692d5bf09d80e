import { Hono } from "hono";
import { can, canAnywhere, type TPermission, unitScope } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { download } from "../../platform/http/download";
import { markPublic } from "../../platform/http/edge";
import { readForm, submitForm } from "../../platform/http/forms";
import { requirePermission, requireUnitPermission } from "../../platform/http/guards";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { parseOrThrow } from "../../platform/validation";
import { todayInChina } from "../calendar";
import { activeUnits, listUnits } from "../org";
import { createCase } from "./cases";
import { saveEnterprise, saveReadingRoom } from "./directory";
import {
  exportWorkTables,
  newMediaScores,
  recordInspection,
  registerAccount,
  updateAccount,
} from "./new-media";
import {
  CasePage,
  CasesPage,
  EnterprisesAdminPage,
  EnterprisesPage,
  NewMediaAccountPage,
  NewMediaPage,
  ReadingRoomsAdminPage,
  ReadingRoomsPage,
  RegistriesHubPage,
  SectorPage,
  TrainingPage,
} from "./registries.pages";
import {
  accountsIn,
  findAccount,
  findCase,
  findEnterprise,
  findReadingRoom,
  inspectionsOf,
  listCases,
  listEnterprises,
  listReadingRooms,
  trainingIn,
} from "./registries.repository";
import {
  SECTORS,
  type TSector,
  ZCaseForm,
  ZEnterpriseForm,
  ZInspectionForm,
  ZNewMediaAccountForm,
  ZReadingRoomForm,
  ZTrainingForm,
  ZYearQuery,
} from "./registries.schemas";
import { boardFor, recordTraining } from "./training";

const PUBLIC_SECONDS = 300;

/** Public enterprises by sector, reading rooms, and the back-office registers. */
export function registriesRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  // ---- public

  app.get("/enterprises", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    return c.html(
      <EnterprisesPage
        ctx={await pageCtx(c)}
        enterprises={await listEnterprises(db, { isActiveOnly: true })}
      />,
    );
  });

  app.get("/enterprises/:sector", async (c) => {
    const sector = c.req.param("sector");
    if (!(SECTORS as readonly string[]).includes(sector)) throw new AppError("not_found", MSG.notFound);
    markPublic(c, PUBLIC_SECONDS);
    return c.html(
      <SectorPage
        ctx={await pageCtx(c)}
        sector={sector as TSector}
        enterprises={await listEnterprises(db, { sector, isActiveOnly: true })}
        units={await activeUnits(db)}
      />,
    );
  });

  app.get("/reading-rooms", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    return c.html(<ReadingRoomsPage ctx={await pageCtx(c)} rooms={await listReadingRooms(db, true)} />);
  });

  // ---- back office

  const yearOf = (c: TCtx) =>
    parseOrThrow(ZYearQuery, { year: c.req.query("year") || undefined }).year ??
    Number(todayInChina().slice(0, 4));
  /** Active units where the principal holds `permission`. */
  const unitsFor = async (c: TCtx, permission: TPermission) => {
    const p = requirePermission(c, permission);
    const scope = unitScope(p, permission);
    const units = (await listUnits(db, { isActiveOnly: true })).filter(
      (u) => scope === "all" || scope.includes(u.id),
    );
    return { p, scope, units };
  };

  app.get("/admin/registries", async (c) => {
    const p = requirePermission(c, "unit.read");
    const links = [
      canAnywhere(p, "newmedia.register") && {
        href: "/admin/new-media",
        label: "政务新媒体",
        text: "账号备案登记、检查和年度报表",
      },
      canAnywhere(p, "training.record") && {
        href: "/admin/training",
        label: "培训台账",
        text: "培训记录和通识培训完成情况",
      },
      { href: "/admin/cases", label: "案例库", text: "匿名处理后的答复和复议诉讼案例" },
      can(p, "registries.manage") && {
        href: "/admin/enterprises",
        label: "公共企事业单位",
        text: "按领域登记、主管部门和公开事项",
      },
      can(p, "registries.manage") && {
        href: "/admin/reading-rooms",
        label: "政府信息查阅点",
        text: "地址、开放时间和地图链接",
      },
    ].filter((l): l is { href: string; label: string; text: string } => !!l);
    return c.html(<RegistriesHubPage ctx={await pageCtx(c)} links={links} />);
  });

  // new media
  const newMediaPage = async (c: TCtx, form: TFormState) => {
    const { p, scope, units } = await unitsFor(c, "newmedia.register");
    const year = yearOf(c);
    const all = can(p, "registries.manage");
    return (
      <NewMediaPage
        ctx={await pageCtx(c)}
        accounts={await accountsIn(db, scope)}
        units={all ? await listUnits(db) : units}
        scores={all ? await newMediaScores(db, year) : null}
        year={year}
        form={form}
      />
    );
  };
  app.get("/admin/new-media", async (c) =>
    c.html(await newMediaPage(c, emptyForm({ filingStatus: "filed" }))),
  );
  app.post("/admin/new-media", async (c) => {
    const { p } = await unitsFor(c, "newmedia.register");
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZNewMediaAccountForm,
      values,
      render: (form) => newMediaPage(c, form),
      run: async (input) => {
        if (!can(p, "newmedia.register", input.unitId)) throw new AppError("not_found", MSG.notFound);
        const row = await registerAccount(db, actorOf(c), input);
        setFlash(c, `已登记账号“${row.name}”。`);
        return c.redirect(`/admin/new-media/${row.id}`, 303);
      },
    });
  });
  app.get("/admin/new-media/export", async (c) => {
    requirePermission(c, "registries.manage");
    const year = yearOf(c);
    const data = await exportWorkTables(db, year, await listUnits(db));
    return download(data, {
      name: `${year}年政务新媒体工作报表.xlsx`,
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
  });
  const accountPage = async (
    c: TCtx,
    id: number,
    forms: { form?: TFormState; inspectionForm?: TFormState } = {},
  ) => {
    const { p, units } = await unitsFor(c, "newmedia.register");
    const account = await findAccount(db, id);
    if (!account || !can(p, "newmedia.register", account.unitId))
      throw new AppError("not_found", MSG.notFound);
    return (
      <NewMediaAccountPage
        ctx={await pageCtx(c)}
        account={account}
        inspections={await inspectionsOf(db, [account.id])}
        units={can(p, "registries.manage") ? await listUnits(db) : units}
        form={forms.form ?? emptyForm({ ...account, closedOn: account.closedOn ?? "" })}
        inspectionForm={
          can(p, "registries.manage")
            ? (forms.inspectionForm ?? emptyForm({ inspectedOn: todayInChina() }))
            : null
        }
      />
    );
  };
  app.get("/admin/new-media/:id", async (c) => c.html(await accountPage(c, idParam(c))));
  app.post("/admin/new-media/:id", async (c) => {
    const id = idParam(c);
    const { p } = await unitsFor(c, "newmedia.register");
    const account = await findAccount(db, id);
    if (!account || !can(p, "newmedia.register", account.unitId))
      throw new AppError("not_found", MSG.notFound);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZNewMediaAccountForm,
      values,
      render: (form) => accountPage(c, id, { form }),
      run: async (input) => {
        if (!can(p, "newmedia.register", input.unitId)) throw new AppError("not_found", MSG.notFound);
        await updateAccount(db, actorOf(c), id, input);
        setFlash(c, MSG.saved);
        return c.redirect(`/admin/new-media/${id}`, 303);
      },
    });
  });
  app.post("/admin/new-media/:id/inspections", async (c) => {
    const id = idParam(c);
    requirePermission(c, "registries.manage");
    const account = await findAccount(db, id);
    if (!account) throw new AppError("not_found", MSG.notFound);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZInspectionForm,
      values,
      render: (form) => accountPage(c, id, { inspectionForm: form }),
      run: async (input) => {
        const row = await recordInspection(db, actorOf(c), account, input);
        setFlash(
          c,
          row.isVetoed ? "已记录检查：两周内无更新，单项否决。" : `已记录检查，得分 ${row.score}。`,
        );
        return c.redirect(`/admin/new-media/${id}`, 303);
      },
    });
  });

  // training
  const trainingPage = async (c: TCtx, form: TFormState) => {
    const { scope, units } = await unitsFor(c, "training.record");
    const year = yearOf(c);
    return (
      <TrainingPage
        ctx={await pageCtx(c)}
        year={year}
        board={await boardFor(db, scope, units, year)}
        sessions={await trainingIn(db, scope, year)}
        units={units}
        form={form}
      />
    );
  };
  app.get("/admin/training", async (c) => c.html(await trainingPage(c, emptyForm({ kind: "general" }))));
  app.post("/admin/training", async (c) => {
    await unitsFor(c, "training.record");
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZTrainingForm,
      values,
      render: (form) => trainingPage(c, form),
      run: async (input) => {
        requireUnitPermission(c, "training.record", input.unitId);
        await recordTraining(db, actorOf(c), input);
        setFlash(c, "培训已登记。");
        return c.redirect(`/admin/training?year=${input.heldOn.slice(0, 4)}`, 303);
      },
    });
  });

  // cases (staff only)
  const casesPage = async (c: TCtx, form?: TFormState) => {
    const p = requirePermission(c, "unit.read");
    return (
      <CasesPage
        ctx={await pageCtx(c)}
        cases={await listCases(db)}
        form={can(p, "registries.manage") ? (form ?? emptyForm({ kind: "request_reply" })) : null}
      />
    );
  };
  app.get("/admin/cases", async (c) => c.html(await casesPage(c)));
  app.post("/admin/cases", async (c) => {
    const p = requirePermission(c, "registries.manage");
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZCaseForm,
      values,
      render: (form) => casesPage(c, form),
      conflictField: "sourceRequestId",
      run: async (input) => {
        let row: Awaited<ReturnType<typeof createCase>>;
        try {
          row = await createCase(db, p, actorOf(c), input);
        } catch (err) {
          // A request the caller may not see is, for this form, a number that names no request.
          if (err instanceof AppError && err.code === "not_found")
            throw new AppError("validation_failed", MSG.validation, {
              issues: [{ path: "sourceRequestId", message: "没有这个申请，或您无权查看。" }],
            });
          throw err;
        }
        setFlash(c, "案例已匿名处理并保存。");
        return c.redirect(`/admin/cases/${row.id}`, 303);
      },
    });
  });
  app.get("/admin/cases/:id", async (c) => {
    requirePermission(c, "unit.read");
    const entry = await findCase(db, idParam(c));
    if (!entry) throw new AppError("not_found", MSG.notFound);
    return c.html(<CasePage ctx={await pageCtx(c)} entry={entry} />);
  });

  // public enterprises
  const enterprisesPage = async (c: TCtx, form: TFormState, editId?: number) => (
    <EnterprisesAdminPage
      ctx={await pageCtx(c)}
      enterprises={await listEnterprises(db)}
      units={await listUnits(db, { isActiveOnly: true })}
      form={form}
      editId={editId}
    />
  );
  app.get("/admin/enterprises", async (c) => {
    requirePermission(c, "registries.manage");
    return c.html(await enterprisesPage(c, emptyForm({ sector: "school" })));
  });
  app.get("/admin/enterprises/:id", async (c) => {
    requirePermission(c, "registries.manage");
    const e = await findEnterprise(db, idParam(c));
    if (!e) throw new AppError("not_found", MSG.notFound);
    const values = { ...e, disclosureItems: e.disclosureItems.join("\n"), isActive: e.isActive ? "1" : "0" };
    return c.html(await enterprisesPage(c, emptyForm(values), e.id));
  });
  for (const path of ["/admin/enterprises", "/admin/enterprises/:id"])
    app.post(path, async (c) => {
      requirePermission(c, "registries.manage");
      const id = path.endsWith(":id") ? idParam(c) : undefined;
      const values = await readForm(c);
      return submitForm(c, {
        schema: ZEnterpriseForm,
        values,
        render: (form) => enterprisesPage(c, form, id),
        run: async (input) => {
          await saveEnterprise(db, actorOf(c), id, input);
          setFlash(c, MSG.saved);
          return c.redirect("/admin/enterprises", 303);
        },
      });
    });

  // reading rooms
  const roomsPage = async (c: TCtx, form: TFormState, editId?: number) => (
    <ReadingRoomsAdminPage
      ctx={await pageCtx(c)}
      rooms={await listReadingRooms(db)}
      form={form}
      editId={editId}
    />
  );
  app.get("/admin/reading-rooms", async (c) => {
    requirePermission(c, "registries.manage");
    return c.html(await roomsPage(c, emptyForm()));
  });
  app.get("/admin/reading-rooms/:id", async (c) => {
    requirePermission(c, "registries.manage");
    const r = await findReadingRoom(db, idParam(c));
    if (!r) throw new AppError("not_found", MSG.notFound);
    return c.html(await roomsPage(c, emptyForm({ ...r, isActive: r.isActive ? "1" : "0" }), r.id));
  });
  for (const path of ["/admin/reading-rooms", "/admin/reading-rooms/:id"])
    app.post(path, async (c) => {
      requirePermission(c, "registries.manage");
      const id = path.endsWith(":id") ? idParam(c) : undefined;
      const values = await readForm(c);
      return submitForm(c, {
        schema: ZReadingRoomForm,
        values,
        render: (form) => roomsPage(c, form, id),
        run: async (input) => {
          await saveReadingRoom(db, actorOf(c), id, input);
          setFlash(c, MSG.saved);
          return c.redirect("/admin/reading-rooms", 303);
        },
      });
    });

  return app;
}
