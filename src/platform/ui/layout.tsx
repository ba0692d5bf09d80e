import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { TPageCtx } from "./page-context";

const DOCTYPE = raw("<!DOCTYPE html>");

type TLayoutProps = { ctx: TPageCtx; title: string; children?: Child };

function Head({ ctx, title }: { ctx: TPageCtx; title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} - ${ctx.siteName}`}</title>
      <link rel="stylesheet" href="/static/site.css" />
      <script src="/static/site.js" defer />
    </head>
  );
}

function NavList({
  items,
  path,
  label,
}: {
  items: { href: string; label: string }[];
  path: string;
  label: string;
}) {
  // The longest matching prefix is the current section, so "/admin" is not current on "/admin/users".
  const current = items
    .map((i) => i.href)
    .filter((href) => path === href || path.startsWith(href === "/" ? "/\u0000" : `${href}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label={label} class="nav">
      <ul>
        {items.map((i) => {
          const isCurrent = i.href === current;
          return (
            <li>
              <a href={i.href} aria-current={isCurrent ? "page" : undefined}>
                {i.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * The elder-friendly toggle: a plain form, so it works without JavaScript. One fixed label with
 * aria-pressed (and a filled look when on), so a screen reader hears one unambiguous state. It
 * carries no CSRF token, so that the page is the same for every anonymous visitor (see csrfProtection).
 */
function ElderToggle({ ctx }: { ctx: TPageCtx }) {
  return (
    <form method="post" action="/preferences/elder" class="elder-toggle">
      <input type="hidden" name="back" value={ctx.path} />
      <input type="hidden" name="on" value={ctx.isElder ? "0" : "1"} />
      <button type="submit" aria-pressed={ctx.isElder ? "true" : "false"}>
        适老模式（大字体）
      </button>
    </form>
  );
}

function Flash({ ctx }: { ctx: TPageCtx }) {
  return ctx.flash ? (
    <p class="flash" role="status">
      {ctx.flash}
    </p>
  ) : null;
}

/** What both faces share: doctype, head, skip link, banner with tools and navigation, main. */
function Frame(props: {
  ctx: TPageCtx;
  title: string;
  isAdmin: boolean;
  brand: Child;
  tools: Child;
  nav: Child;
  footer?: Child;
  children?: Child;
}) {
  const { ctx } = props;
  return (
    <>
      {DOCTYPE}
      <html lang="zh-CN" class={ctx.isElder ? "elder" : undefined}>
        <Head ctx={ctx} title={props.title} />
        <body class={props.isAdmin ? "admin" : undefined}>
          <a class="skip-link" href="#main">
            跳到主要内容
          </a>
          <header class={props.isAdmin ? "site-header admin-header" : "site-header"}>
            <div class="wrap header-row">
              <p class="site-name">{props.brand}</p>
              <div class="header-tools">
                <ElderToggle ctx={ctx} />
                {props.tools}
              </div>
            </div>
            <div class="wrap">{props.nav}</div>
          </header>
          <main id="main" tabindex={-1} class="wrap">
            <Flash ctx={ctx} />
            {props.children}
          </main>
          {props.footer}
        </body>
      </html>
    </>
  );
}

/** The public portal's page frame: banner, navigation, main, footer. */
export function PortalLayout({ ctx, title, children }: TLayoutProps) {
  return (
    <Frame
      ctx={ctx}
      title={title}
      isAdmin={false}
      brand={
        <>
          <a href="/">{ctx.siteName}</a>
          <span class="site-sub">政府信息公开</span>
        </>
      }
      tools={
        ctx.principal ? (
          <a href="/admin" class="header-link">
            工作台
          </a>
        ) : (
          <a href="/login" class="header-link">
            工作人员登录
          </a>
        )
      }
      nav={<NavList items={ctx.portalNav} path={ctx.path} label="主导航" />}
      footer={
        <footer class="site-footer">
          <div class="wrap">
            <p>主办：{ctx.siteName}办公室</p>
            <p>
              <a href="/guide">政府信息公开指南</a> · <a href="/units">机构设置</a> ·{" "}
              <a href="/statistics">统计数据</a>
            </p>
          </div>
        </footer>
      }
    >
      {children}
    </Frame>
  );
}

/** The back office's page frame: the signed-in user's navigation by role. */
export function AdminLayout({ ctx, title, children }: TLayoutProps) {
  return (
    <Frame
      ctx={ctx}
      title={title}
      isAdmin={true}
      brand={
        <>
          <a href="/admin">政务公开工作台</a>
          <span class="site-sub">{ctx.siteName}</span>
        </>
      }
      tools={
        <>
          {ctx.principal && (
            <>
              <a href="/admin/account" class="header-link">
                {ctx.principal.displayName}
              </a>
              <form method="post" action="/logout" class="inline">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <button type="submit" class="link-button">
                  退出登录
                </button>
              </form>
            </>
          )}
          <a href="/" class="header-link">
            门户首页
          </a>
        </>
      }
      nav={<NavList items={ctx.adminNav} path={ctx.path} label="工作台导航" />}
    >
      {children}
    </Frame>
  );
}
