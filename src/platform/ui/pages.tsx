import { PortalLayout } from "./layout";
import type { TPageCtx } from "./page-context";

/** The Chinese error page for 4xx and 5xx answers to browsers. */
export function ErrorPage({ ctx, status, message }: { ctx: TPageCtx; status: number; message: string }) {
  const title = status === 404 ? "页面不存在" : status >= 500 ? "服务暂时不可用" : "无法完成请求";
  return (
    <PortalLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      <p>
        错误代码：{status}。您可以<a href="/">返回首页</a>
        {status === 404 && (
          <>
            ，或查看<a href="/guide">政府信息公开指南</a>
          </>
        )}
        。
      </p>
    </PortalLayout>
  );
}
