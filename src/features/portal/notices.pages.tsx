import { Form, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import type { TNotice } from "./notices";

/** The office's list of pinned notices, with the form to add one. */
export function NoticesPage(props: { ctx: TPageCtx; notices: TNotice[]; today: string; form: TFormState }) {
  const { ctx } = props;
  return (
    <AdminLayout ctx={ctx} title="置顶公告">
      <h1>首页置顶公告</h1>
      <p>置顶公告显示在门户首页的检索框下方，截止日期（含当日）过后自动不再显示。</p>
      {props.notices.length === 0 ? (
        <p>目前没有公告。</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">全部公告</caption>
          <thead>
            <tr>
              <th scope="col">公告内容</th>
              <th scope="col">链接</th>
              <th scope="col">显示至</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {props.notices.map((n) => (
              <tr>
                <td>{n.text}</td>
                <td>{n.link || "—"}</td>
                <td>
                  {n.endsOn}
                  {n.endsOn < props.today && <span class="muted">（已过期，不再显示）</span>}
                </td>
                <td>
                  <a href={`/admin/notices/${n.id}`}>修改</a>
                  <form method="post" action={`/admin/notices/${n.id}/delete`} class="inline">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />{" "}
                    <button type="submit" class="link-button dark">
                      删除<span class="visually-hidden">公告“{n.text}”</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>新增公告</h2>
      <NoticeForm ctx={ctx} action="/admin/notices" form={props.form} submitLabel="发布公告" />
    </AdminLayout>
  );
}

export function NoticeEditPage(props: { ctx: TPageCtx; id: number; form: TFormState }) {
  return (
    <AdminLayout ctx={props.ctx} title="修改置顶公告">
      <h1>修改置顶公告</h1>
      <p>
        <a href="/admin/notices">返回公告列表</a>
      </p>
      <NoticeForm
        ctx={props.ctx}
        action={`/admin/notices/${props.id}`}
        form={props.form}
        submitLabel="保存"
      />
    </AdminLayout>
  );
}

function NoticeForm(props: { ctx: TPageCtx; action: string; form: TFormState; submitLabel: string }) {
  const { form } = props;
  return (
    <Form action={props.action} csrfToken={props.ctx.csrfToken} form={form} submitLabel={props.submitLabel}>
      <TextField form={form} name="text" label="公告内容" maxLength={200} isRequired />
      <TextField
        form={form}
        name="link"
        label="链接"
        hint="本站页面写路径，如 /documents/12；外部网站写完整网址。可不填。"
        maxLength={500}
      />
      <TextField form={form} name="endsOn" label="显示至" type="date" hint="含当日。" isRequired />
    </Form>
  );
}
