import { PASSWORD_RULE } from "../../platform/auth/password-policy";
import { DISTRICT_ROLES, ROLE_LABELS, ROLES, type TRoleGrant } from "../../platform/auth/permissions";
import {
  CheckboxGroup,
  Form,
  SelectField,
  TextArea,
  TextField,
  type TFormState,
} from "../../platform/ui/forms";
import { AdminLayout, PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { DataTable } from "../../platform/ui/table";
import type { TLiaisonTerm, TUnitRow, TUserRow } from "./org.repository";
import { UNIT_KIND_LABELS, UNIT_KINDS } from "./org.schemas";

const kindOptions = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));
const unitOptions = (units: TUnitRow[]) => units.map((u) => ({ value: String(u.id), label: u.name }));

export function LoginPage({ ctx, form, next }: { ctx: TPageCtx; form: TFormState; next: string }) {
  return (
    <PortalLayout ctx={ctx} title="工作人员登录">
      <h1>工作人员登录</h1>
      <p>本入口供区政府办公室及各单位工作人员使用。申请政府信息无需登录。</p>
      <Form
        action={`/login?next=${encodeURIComponent(next)}`}
        csrfToken={ctx.csrfToken}
        form={form}
        submitLabel="登录"
      >
        <TextField form={form} name="username" label="用户名" autocomplete="username" isRequired />
        <TextField
          form={form}
          name="password"
          label="密码"
          type="password"
          autocomplete="current-password"
          isRequired
        />
      </Form>
    </PortalLayout>
  );
}

export type TTokenRow = {
  id: number;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
};

const shanghai = (d: Date) =>
  d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }).replace(/\//g, "-");

export function AccountPage({ ctx, form, tokens }: { ctx: TPageCtx; form: TFormState; tokens: TTokenRow[] }) {
  const p = ctx.principal;
  return (
    <AdminLayout ctx={ctx} title="我的账号">
      <h1>我的账号</h1>
      {p?.mustChangePassword && (
        <p class="notice" role="alert">
          您正在使用管理员设置的临时密码，请先修改密码。
        </p>
      )}
      <dl class="facts">
        <dt>用户名</dt>
        <dd>{p?.username}</dd>
        <dt>姓名</dt>
        <dd>{p?.displayName}</dd>
      </dl>
      <h2>修改密码</h2>
      <p>修改密码后，您在其他浏览器或设备上的登录立即失效，您的全部访问令牌也一并撤销。</p>
      <Form action="/admin/account/password" csrfToken={ctx.csrfToken} form={form} submitLabel="修改密码">
        <TextField
          form={form}
          name="currentPassword"
          label="当前密码"
          type="password"
          autocomplete="current-password"
          isRequired
        />
        <TextField
          form={form}
          name="newPassword"
          label="新密码"
          type="password"
          autocomplete="new-password"
          hint={PASSWORD_RULE}
          isRequired
        />
        <TextField
          form={form}
          name="confirmPassword"
          label="再次输入新密码"
          type="password"
          autocomplete="new-password"
          isRequired
        />
      </Form>
      <h2>访问令牌</h2>
      <p>
        对接系统用用户名和密码换取的访问令牌（<code>POST /api/v1/auth/token</code>），90
        天内有效。不再使用或可能泄露的令牌请立即撤销；修改或重置密码时全部令牌自动撤销。
      </p>
      {tokens.length === 0 ? (
        <p>没有有效的访问令牌。</p>
      ) : (
        <DataTable caption="有效的访问令牌" columns={["编号", "申请时间", "最近使用", "有效期至", "操作"]}>
          {tokens.map((tk) => (
            <tr>
              <td>{tk.id}</td>
              <td>{shanghai(tk.createdAt)}</td>
              <td>{tk.lastUsedAt ? shanghai(tk.lastUsedAt) : "未使用"}</td>
              <td>{shanghai(tk.expiresAt)}</td>
              <td>
                <form method="post" action={`/admin/account/tokens/${tk.id}/revoke`} class="inline">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="link-button dark">
                    撤销<span class="visually-hidden">第 {tk.id} 号令牌</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </AdminLayout>
  );
}

export function PublicUnitsPage({ ctx, units }: { ctx: TPageCtx; units: TUnitRow[] }) {
  const groups = UNIT_KINDS.map((k) => ({ kind: k, items: units.filter((u) => u.kind === k) })).filter(
    (g) => g.items.length,
  );
  return (
    <PortalLayout ctx={ctx} title="机构设置">
      <h1>机构设置</h1>
      {groups.map((g) => (
        <section aria-labelledby={`kind-${g.kind}`}>
          <h2 id={`kind-${g.kind}`}>{UNIT_KIND_LABELS[g.kind]}</h2>
          <ul class="unit-list">
            {g.items.map((u) => (
              <li>
                <strong>{u.name}</strong>
                {u.address && <span> 地址：{u.address}</span>}
                {u.phone && <span> 电话：{u.phone}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PortalLayout>
  );
}

export function UnitsAdminPage({ ctx, units }: { ctx: TPageCtx; units: TUnitRow[] }) {
  return (
    <AdminLayout ctx={ctx} title="机构管理">
      <h1>机构管理</h1>
      <p>
        <a class="button" href="/admin/units/new">
          新增机构
        </a>
      </p>
      <DataTable caption="机构列表" columns={["名称", "类别", "别名", "状态"]}>
        {units.map((u) => (
          <tr>
            <td>
              <a href={`/admin/units/${u.id}`}>{u.name}</a>
            </td>
            <td>{UNIT_KIND_LABELS[u.kind]}</td>
            <td>{u.aliases.join("、")}</td>
            <td>{u.isActive ? "启用" : "停用"}</td>
          </tr>
        ))}
      </DataTable>
    </AdminLayout>
  );
}

export function UnitFormPage({
  ctx,
  form,
  unitId,
  subdistricts,
}: {
  ctx: TPageCtx;
  form: TFormState;
  unitId?: number;
  /** The 街道办事处 a village or community may belong to. */
  subdistricts: TUnitRow[];
}) {
  const title = unitId ? "编辑机构" : "新增机构";
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Form
        action={unitId ? `/admin/units/${unitId}` : "/admin/units"}
        csrfToken={ctx.csrfToken}
        form={form}
        submitLabel="保存"
      >
        <TextField form={form} name="name" label="机构名称" isRequired />
        <SelectField form={form} name="kind" label="机构类别" options={kindOptions} isRequired />
        <SelectField
          form={form}
          name="parentId"
          label="所属街道"
          hint="仅村、社区填写：选择其所属的街道办事处。"
          placeholder="（无）"
          options={unitOptions(subdistricts)}
        />
        <TextArea
          form={form}
          name="aliases"
          label="简称或别名"
          hint="每行一个，或用顿号分隔，例如：区卫健局。"
          rows={3}
        />
        <TextField form={form} name="address" label="办公地址" />
        <TextField form={form} name="phone" label="联系电话" inputmode="tel" />
        <TextArea form={form} name="duties" label="主要职责" rows={4} />
        <TextField
          form={form}
          name="postedMailDays"
          label="平常信函送达天数"
          inputmode="numeric"
          hint="以平常信函寄送收费通知等文书时，按发出日期加此天数推定送达日期（可在办理时修改），默认 3 天。"
        />
        <TextField form={form} name="sortOrder" label="排序号" inputmode="numeric" hint="数字越小越靠前。" />
        {unitId && (
          <SelectField
            form={form}
            name="isActive"
            label="状态"
            options={[
              { value: "1", label: "启用" },
              { value: "0", label: "停用" },
            ]}
          />
        )}
      </Form>
    </AdminLayout>
  );
}

const roleText = (roles: TRoleGrant[], units: TUnitRow[]) =>
  roles
    .map((g) => {
      const unit = g.unitId ? units.find((u) => u.id === g.unitId)?.name : null;
      return unit ? `${unit}·${ROLE_LABELS[g.role]}` : ROLE_LABELS[g.role];
    })
    .join("；");

export function UsersAdminPage({
  ctx,
  users,
  units,
}: {
  ctx: TPageCtx;
  users: (TUserRow & { roles: TRoleGrant[] })[];
  units: TUnitRow[];
}) {
  return (
    <AdminLayout ctx={ctx} title="用户管理">
      <h1>用户管理</h1>
      <p>
        <a class="button" href="/admin/users/new">
          新增用户
        </a>
      </p>
      <DataTable caption="用户列表" columns={["用户名", "姓名", "角色", "状态"]}>
        {users.map((u) => (
          <tr>
            <td>
              <a href={`/admin/users/${u.id}`}>{u.username}</a>
            </td>
            <td>{u.displayName}</td>
            <td>{roleText(u.roles, units)}</td>
            <td>{u.isActive ? "正常" : "已停用"}</td>
          </tr>
        ))}
      </DataTable>
    </AdminLayout>
  );
}

const districtRoleOptions = DISTRICT_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const unitRoleOptions = ROLES.filter((r) => !DISTRICT_ROLES.includes(r)).map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
}));

/** One row per unit the user has roles in, plus an empty row for adding another unit. */
function unitRowIndexes(form: TFormState): number[] {
  const used = Object.keys(form.values)
    .map((k) => /^unitId_(\d+)$/.exec(k)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number);
  const rows = used.length ? Math.max(...used) + 2 : 1;
  return Array.from({ length: Math.min(rows, 20) }, (_, i) => i);
}

export function UserFormPage({
  ctx,
  form,
  units,
  userId,
}: {
  ctx: TPageCtx;
  form: TFormState;
  units: TUnitRow[];
  userId?: number;
}) {
  const title = userId ? "编辑用户" : "新增用户";
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Form
        action={userId ? `/admin/users/${userId}` : "/admin/users"}
        csrfToken={ctx.csrfToken}
        form={form}
        submitLabel="保存"
      >
        {userId ? (
          <p>
            用户名：<strong>{String(form.values.username ?? "")}</strong>
          </p>
        ) : (
          <TextField
            form={form}
            name="username"
            label="用户名"
            autocomplete="off"
            isRequired
            hint="小写字母、数字、点、下划线或连字符。"
          />
        )}
        <TextField form={form} name="displayName" label="姓名" isRequired />
        <TextField
          form={form}
          name="email"
          label="电子邮箱（接收到期提醒）"
          type="email"
          autocomplete="off"
        />
        <TextField
          form={form}
          name="password"
          label={userId ? "重置密码（留空则不修改）" : "初始密码"}
          type="password"
          autocomplete="new-password"
          hint={`${PASSWORD_RULE}用户首次登录后须修改；重置密码会使该用户的全部登录和访问令牌立即失效。`}
          isRequired={!userId}
        />
        <div id="f-roles" tabindex={-1}>
          {form.errors.roles && (
            <p class="field-error">
              <span class="visually-hidden">错误：</span>
              {form.errors.roles}
            </p>
          )}
        </div>
        <CheckboxGroup form={form} name="districtRoles" label="区级角色" options={districtRoleOptions} />
        {unitRowIndexes(form).map((i) => (
          <fieldset class="field role-row">
            <legend>单位角色 {i + 1}</legend>
            <SelectField
              form={form}
              name={`unitId_${i}`}
              label="单位"
              options={unitOptions(units)}
              placeholder="（无）"
            />
            <CheckboxGroup
              form={form}
              name={`unitRoles_${i}`}
              label="在该单位的角色"
              options={unitRoleOptions}
            />
          </fieldset>
        ))}
        {userId && (
          <SelectField
            form={form}
            name="isActive"
            label="账号状态"
            options={[
              { value: "1", label: "正常" },
              { value: "0", label: "停用" },
            ]}
          />
        )}
      </Form>
    </AdminLayout>
  );
}

export function LiaisonRosterPage({
  ctx,
  units,
  current,
}: {
  ctx: TPageCtx;
  units: TUnitRow[];
  current: TLiaisonTerm[];
}) {
  return (
    <AdminLayout ctx={ctx} title="联络员名册">
      <h1>政务公开联络员名册</h1>
      <DataTable
        caption="各单位现任联络员"
        columns={["单位", "联络员", "职务", "办公电话", "手机", "任职日期"]}
      >
        {units.map((u) => {
          const t = current.find((c) => c.unitId === u.id);
          return (
            <tr>
              <td>
                <a href={`/admin/liaisons/${u.id}`}>{u.name}</a>
              </td>
              <td>{t ? t.name : <span class="muted">未指定</span>}</td>
              <td>{t?.position}</td>
              <td>{t?.phone}</td>
              <td>{t?.mobile}</td>
              <td>{t?.startedOn}</td>
            </tr>
          );
        })}
      </DataTable>
    </AdminLayout>
  );
}

export function LiaisonUnitPage({
  ctx,
  unit,
  history,
  accounts,
  form,
  canManage,
}: {
  ctx: TPageCtx;
  unit: TUnitRow;
  history: TLiaisonTerm[];
  accounts: TUserRow[];
  form: TFormState;
  canManage: boolean;
}) {
  const current = history.find((t) => t.endedOn === null);
  return (
    <AdminLayout ctx={ctx} title={`${unit.name}联络员`}>
      <h1>{unit.name} · 政务公开联络员</h1>
      <h2>任职记录</h2>
      {history.length === 0 ? (
        <p>尚未指定联络员。</p>
      ) : (
        <DataTable
          caption="联络员任职与交接记录"
          columns={["联络员", "职务", "联系方式", "任职期间", "交接说明"]}
        >
          {history.map((t) => (
            <tr>
              <td>{t.name}</td>
              <td>{t.position}</td>
              <td>{[t.phone, t.mobile, t.email].filter(Boolean).join(" / ")}</td>
              <td>
                {t.startedOn} 至 {t.endedOn ?? "今"}
              </td>
              <td>{t.handoverNote}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canManage && (
        <>
          <h2>{current ? "更换联络员（交接）" : "指定联络员"}</h2>
          <Form
            action={`/admin/liaisons/${unit.id}`}
            csrfToken={ctx.csrfToken}
            form={form}
            submitLabel="保存"
          >
            <TextField form={form} name="name" label="新任联络员姓名" isRequired />
            <TextField form={form} name="position" label="职务" />
            <TextField form={form} name="phone" label="办公电话" inputmode="tel" />
            <TextField form={form} name="mobile" label="手机" inputmode="tel" />
            <TextField form={form} name="email" label="电子邮箱" type="email" />
            <SelectField
              form={form}
              name="userId"
              label="对应系统账号"
              options={accounts.map((a) => ({
                value: String(a.id),
                label: `${a.displayName}（${a.username}）`,
              }))}
              placeholder="（无）"
            />
            <TextField
              form={form}
              name="startedOn"
              label="任职（交接）日期"
              type="date"
              hint="格式：YYYY-MM-DD。"
              isRequired
            />
            {current && (
              <TextArea
                form={form}
                name="handoverNote"
                label="交接说明"
                hint="移交的在办事项、台账、资料和账号等。"
                rows={4}
              />
            )}
          </Form>
        </>
      )}
    </AdminLayout>
  );
}
