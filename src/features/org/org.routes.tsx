import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { assertStrongPassword } from "../../platform/auth/password-policy";
import { can, DISTRICT_ROLES, type TRole, type TRoleGrant, unitScope } from "../../platform/auth/permissions";
import { listApiTokens } from "../../platform/auth/sessions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { markPublic } from "../../platform/http/edge";
import { formNumber, readForm, submitForm } from "../../platform/http/forms";
import { requirePermission, requireUnitPermission, requireUser } from "../../platform/http/guards";
import { isSecure, SESSION_COOKIE } from "../../platform/http/middleware";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { handOverLiaison } from "./hand-over-liaison";
import { createUser, resetPassword, updateUser } from "./manage-users";
import {
  AccountPage,
  LiaisonRosterPage,
  LiaisonUnitPage,
  LoginPage,
  PublicUnitsPage,
  UnitFormPage,
  UnitsAdminPage,
  UserFormPage,
  UsersAdminPage,
} from "./org.pages";
import {
  currentLiaisons,
  findUnit,
  findUser,
  liaisonHistory,
  listUnits,
  listUsers,
  rolesOf,
  usersOfUnit,
} from "./org.repository";
import {
  ZChangePasswordBody,
  ZCreateUnitBody,
  ZCreateUserBody,
  ZHandoverBody,
  ZLoginBody,
  ZUpdateUnitBody,
} from "./org.schemas";
import { activeUnits } from "./public-units";
import { createUnit, updateUnit } from "./save-unit";
import { changePassword, revokeOwnApiToken, signIn, signOut } from "./sign-in";

/** Only local paths are followed after login, never another site. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : "/admin";
}

const asArray = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);

/** The user form's role inputs (district role boxes, then rows of unit + role boxes) as grants. */
function grantsFromForm(values: Record<string, unknown>): TRoleGrant[] {
  const grants: TRoleGrant[] = asArray(values.districtRoles).map((r) => ({ role: r as TRole, unitId: null }));
  for (let i = 0; i < 20; i++) {
    const roles = asArray(values[`unitRoles_${i}`]);
    // Not a number yet when mistyped: the grant schema refuses it beside the field.
    const unitId = (formNumber(values[`unitId_${i}`]) ?? null) as number | null;
    for (const r of roles) grants.push({ role: r as TRole, unitId });
  }
  return grants;
}

function formFromGrants(grants: TRoleGrant[]) {
  const values: Record<string, string | string[]> = {
    districtRoles: grants.filter((g) => DISTRICT_ROLES.includes(g.role)).map((g) => g.role),
  };
  const unitIds = [...new Set(grants.flatMap((g) => (g.unitId === null ? [] : [g.unitId])))];
  unitIds.forEach((unitId, i) => {
    values[`unitId_${i}`] = String(unitId);
    values[`unitRoles_${i}`] = grants.filter((g) => g.unitId === unitId).map((g) => g.role);
  });
  return values;
}

const ZUserForm = z.object({
  displayName: z.string().trim().min(1).max(40),
  email: z.union([z.literal(""), z.email()]).default(""),
  password: z.union([z.literal(""), z.string().min(10).max(200)]),
  isActive: z.enum(["0", "1"]).default("1"),
});

/** Login, account, unit, user and liaison pages. */
export function orgRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  app.get("/units", async (c) => {
    markPublic(c, 300);
    return c.html(<PublicUnitsPage ctx={await pageCtx(c)} units={await activeUnits(db)} />);
  });

  // ---- sign-in

  app.get("/login", async (c) => {
    if (c.get("principal")) return c.redirect(safeNext(c.req.query("next")), 303);
    return c.html(
      <LoginPage ctx={await pageCtx(c)} form={emptyForm()} next={safeNext(c.req.query("next"))} />,
    );
  });

  app.post("/login", async (c) => {
    const values = await readForm(c);
    const next = safeNext(c.req.query("next"));
    const ctx = await pageCtx(c);
    return submitForm(c, {
      schema: ZLoginBody,
      values: { username: values.username },
      input: values,
      conflictField: "password",
      render: (form) => <LoginPage ctx={ctx} form={form} next={next} />,
      run: async (input) => {
        try {
          const s = await signIn(db, input, {
            ip: c.get("clientIp"),
            userAgent: c.req.header("user-agent") ?? "",
            requestId: c.get("requestId"),
          });
          setCookie(c, SESSION_COOKIE, s.token, {
            path: "/",
            httpOnly: true,
            sameSite: "Lax",
            secure: isSecure(c, deps.config.trustProxy),
          });
          return c.redirect(s.mustChangePassword ? "/admin/account" : next, 303);
        } catch (err) {
          if (err instanceof AppError && (err.code === "unauthorized" || err.code === "too_many_requests")) {
            const status = err.code === "unauthorized" ? 401 : 429;
            if (err.retryAfterSeconds) c.header("Retry-After", String(err.retryAfterSeconds));
            return c.html(
              <LoginPage
                ctx={ctx}
                form={{ values: { username: input.username }, errors: { password: err.message } }}
                next={next}
              />,
              status,
            );
          }
          throw err;
        }
      },
    });
  });

  app.post("/logout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(db, actorOf(c), token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/", 303);
  });

  // ---- own account

  app.get("/admin/account", async (c) => {
    const p = requireUser(c);
    const tokens = await listApiTokens(db, p.userId);
    return c.html(<AccountPage ctx={await pageCtx(c)} form={emptyForm()} tokens={tokens} />);
  });

  app.post("/admin/account/password", async (c) => {
    const p = requireUser(c);
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    const tokens = await listApiTokens(db, p.userId);
    return submitForm(c, {
      schema: ZChangePasswordBody,
      values: {},
      input: values,
      render: (form) => <AccountPage ctx={ctx} form={form} tokens={tokens} />,
      run: async (input) => {
        await changePassword(db, { ...actorOf(c), userId: p.userId }, input, c.get("session")?.id);
        setFlash(c, "密码已修改；您在其他地方的登录已退出，全部访问令牌已撤销。");
        return c.redirect("/admin/account", 303);
      },
    });
  });

  app.post("/admin/account/tokens/:id/revoke", async (c) => {
    const p = requireUser(c);
    await revokeOwnApiToken(db, { ...actorOf(c), userId: p.userId }, idParam(c));
    setFlash(c, "访问令牌已撤销。");
    return c.redirect("/admin/account", 303);
  });

  // ---- units

  app.get("/admin/units", async (c) => {
    requirePermission(c, "units.manage");
    return c.html(<UnitsAdminPage ctx={await pageCtx(c)} units={await listUnits(db)} />);
  });

  const subdistricts = async () => (await listUnits(db)).filter((u) => u.kind === "subdistrict");

  app.get("/admin/units/new", async (c) => {
    requirePermission(c, "units.manage");
    return c.html(
      <UnitFormPage
        ctx={await pageCtx(c)}
        form={emptyForm({ kind: "department" })}
        subdistricts={await subdistricts()}
      />,
    );
  });

  app.post("/admin/units", async (c) => {
    requirePermission(c, "units.manage");
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    const parents = await subdistricts();
    return submitForm(c, {
      schema: ZCreateUnitBody,
      values,
      render: (form) => <UnitFormPage ctx={ctx} form={form} subdistricts={parents} />,
      run: async (body) => {
        await createUnit(db, actorOf(c), body);
        setFlash(c, `已新增机构“${body.name}”。`);
        return c.redirect("/admin/units", 303);
      },
    });
  });

  app.get("/admin/units/:id", async (c) => {
    requirePermission(c, "units.manage");
    const unit = await findUnit(db, idParam(c));
    if (!unit) throw new AppError("not_found", MSG.unknownUnit);
    const values = {
      ...unit,
      aliases: unit.aliases.join("\n"),
      isActive: unit.isActive ? "1" : "0",
      parentId: unit.parentId ?? "",
    };
    return c.html(
      <UnitFormPage
        ctx={await pageCtx(c)}
        form={emptyForm(values)}
        unitId={unit.id}
        subdistricts={await subdistricts()}
      />,
    );
  });

  app.post("/admin/units/:id", async (c) => {
    requirePermission(c, "units.manage");
    const id = idParam(c);
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    const parents = await subdistricts();
    return submitForm(c, {
      schema: ZUpdateUnitBody,
      values,
      input: { ...values, isActive: values.isActive !== "0" },
      render: (form) => <UnitFormPage ctx={ctx} form={form} unitId={id} subdistricts={parents} />,
      run: async (body) => {
        await updateUnit(db, actorOf(c), id, body);
        setFlash(c, MSG.saved);
        return c.redirect("/admin/units", 303);
      },
    });
  });

  // ---- users

  app.get("/admin/users", async (c) => {
    requirePermission(c, "users.manage");
    return c.html(
      <UsersAdminPage ctx={await pageCtx(c)} users={await listUsers(db)} units={await listUnits(db)} />,
    );
  });

  app.get("/admin/users/new", async (c) => {
    requirePermission(c, "users.manage");
    return c.html(<UserFormPage ctx={await pageCtx(c)} form={emptyForm()} units={await listUnits(db)} />);
  });

  app.post("/admin/users", async (c) => {
    requirePermission(c, "users.manage");
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    const units = await listUnits(db);
    return submitForm(c, {
      schema: ZCreateUserBody,
      values,
      input: { ...values, roles: grantsFromForm(values) },
      conflictField: "username",
      render: (form) => <UserFormPage ctx={ctx} form={form} units={units} />,
      run: async (body) => {
        await createUser(db, actorOf(c), body);
        setFlash(c, `已新增用户“${body.username}”。`);
        return c.redirect("/admin/users", 303);
      },
    });
  });

  app.get("/admin/users/:id", async (c) => {
    requirePermission(c, "users.manage");
    const user = await findUser(db, idParam(c));
    if (!user) throw new AppError("not_found", MSG.unknownUser);
    const values = {
      ...user,
      isActive: user.isActive ? "1" : "0",
      ...formFromGrants(await rolesOf(db, user.id)),
    };
    return c.html(
      <UserFormPage
        ctx={await pageCtx(c)}
        form={emptyForm(values)}
        units={await listUnits(db)}
        userId={user.id}
      />,
    );
  });

  app.post("/admin/users/:id", async (c) => {
    requirePermission(c, "users.manage");
    const id = idParam(c);
    const user = await findUser(db, id);
    if (!user) throw new AppError("not_found", MSG.unknownUser);
    const values = { ...(await readForm(c)), username: user.username };
    const ctx = await pageCtx(c);
    const units = await listUnits(db);
    return submitForm(c, {
      schema: ZUserForm,
      values,
      conflictField: "isActive",
      render: (form) => <UserFormPage ctx={ctx} form={form} units={units} userId={id} />,
      run: async (input) => {
        // Checked before the profile is saved, so that a refused password changes nothing.
        if (input.password)
          assertStrongPassword(input.password, [user.username, input.displayName], "password");
        await updateUser(db, actorOf(c), id, {
          displayName: input.displayName,
          email: input.email,
          isActive: input.isActive === "1",
          roles: grantsFromForm(values),
        });
        if (input.password) {
          await resetPassword(db, actorOf(c), user.username, input.password);
        }
        setFlash(c, MSG.saved);
        return c.redirect("/admin/users", 303);
      },
    });
  });

  // ---- liaison roster

  app.get("/admin/liaisons", async (c) => {
    const p = requirePermission(c, "liaisons.read");
    const scope = unitScope(p, "liaisons.read");
    const units = await listUnits(db, { isActiveOnly: true, scope });
    return c.html(
      <LiaisonRosterPage
        ctx={await pageCtx(c)}
        units={units}
        current={
          await currentLiaisons(
            db,
            units.map((u) => u.id),
          )
        }
      />,
    );
  });

  const liaisonPage = async (c: TCtx, unitId: number, form = emptyForm()) => {
    const p = requireUnitPermission(c, "liaisons.read", unitId);
    const unit = await findUnit(db, unitId);
    if (!unit) throw new AppError("not_found", MSG.unknownUnit);
    return (
      <LiaisonUnitPage
        ctx={await pageCtx(c)}
        unit={unit}
        history={await liaisonHistory(db, unitId)}
        accounts={await usersOfUnit(db, unitId)}
        form={form}
        canManage={can(p, "liaisons.manage", unitId)}
      />
    );
  };

  app.get("/admin/liaisons/:unitId", async (c) => c.html(await liaisonPage(c, idParam(c, "unitId"))));

  app.post("/admin/liaisons/:unitId", async (c) => {
    const unitId = idParam(c, "unitId");
    requireUnitPermission(c, "liaisons.manage", unitId);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZHandoverBody,
      values,
      input: { ...values, userId: values.userId || undefined },
      conflictField: "startedOn",
      render: (form) => liaisonPage(c, unitId, form),
      run: async (body) => {
        await handOverLiaison(db, actorOf(c), unitId, body);
        setFlash(c, "联络员信息已保存。");
        return c.redirect(`/admin/liaisons/${unitId}`, 303);
      },
    });
  });

  return app;
}
