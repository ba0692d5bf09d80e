import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { TNavItem, TPageCtx } from "./page-context";

const DOCTYPE = raw("<!DOCTYPE html>");

type TLayoutProps = { ctx: TPageCtx; title: string; children?: Child };

function Head({ ctx, title }: { ctx: TPageCtx; title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} - ${ctx.siteName}`}</title>
      <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      <link rel="stylesheet" href="/static/site.css" />
      <script src="/static/site.js" defer />
    </head>
  );
}

/** Past this many entries a navigation folds its occasional ones under “更多” (a disclosure, no script). */
const NAV_FOLDS_AFTER = 12;

function NavList({ items, path, label }: { items: TNavItem[]; path: string; label: string }) {
  // The longest matching prefix is the current section, so "/admin" is not current on "/admin/users".
  const current = items
    .map((i) => i.href)
    .filter((href) => path === href || path.startsWith(href === "/" ? "/\u0000" : `${href}/`))
    .sort((a, b) => b.length - a.length)[0];
  const entry = (i: TNavItem) => (
    <li>
      <a href={i.href} aria-current={i.href === current ? "page" : undefined}>
        {i.label}
      </a>
    </li>
  );
  const isFolded = items.length > NAV_FOLDS_AFTER;
  const folded = isFolded ? items.filter((i) => i.isOccasional) : [];
  const currentFolded = folded.find((i) => i.href === current);
  return (
    <nav aria-label={label} class="nav">
      <ul>
        {items.filter((i) => !folded.includes(i)).map(entry)}
        {folded.length > 0 && (
          <li class="nav-more">
            <details>
              {/* On the page of a folded entry the summary names it, so the navigation still shows where one is. */}
              <summary>
                更多
                {currentFolded && <span class="nav-more-current">：{currentFolded.label}</span>}
              </summary>
              <ul>{folded.map(entry)}</ul>
            </details>
          </li>
        )}
      </ul>
    </nav>
  );
}

/**
 * The elder-friendly toggle: a plain form, so it works without JavaScript. Its label says what
 * pressing it does, so in elder mode it reads "退出适老模式" (the 适老化 norm asks for a visible way out).
 * It carries no CSRF token, so that the page is the same for every anonymous visitor (see csrfProtection).
 */
function ElderToggle({ ctx }: { ctx: TPageCtx }) {
  return (
    <form method="post" action="/preferences/elder" class="elder-toggle">
      <input type="hidden" name="back" value={ctx.path} />
      <input type="hidden" name="on" value={ctx.isElder ? "0" : "1"} />
      <button type="submit">{ctx.isElder ? "退出适老模式" : "适老模式"}</button>
    </form>
  );
}

/** Reads the main content aloud; hidden until site.js finds speech synthesis in the browser. */
function ReadAloud() {
  return (
    <button type="button" class="read-aloud" data-read-aloud hidden>
      朗读本页
    </button>
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
                <ReadAloud />
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

// 适老化: in elder mode the portal's navigation keeps only the journeys most people come for.
const ELDER_NAV = new Set(["/", "/documents", "/guide", "/requests/new", "/requests/status"]);

function PortalFooter({ ctx }: { ctx: TPageCtx }) {
  const f = ctx.footer;
  return (
    <footer class="site-footer">
      <div class="wrap footer-grid">
        <nav aria-label="页脚导航">
          <ul class="footer-links">
            <li>
              <a href="/guide">政府信息公开指南</a>
            </li>
            <li>
              <a href="/requests/new">依申请公开</a>
            </li>
            <li>
              <a href="/units">机构设置</a>
            </li>
            <li>
              <a href="/statistics">统计数据</a>
            </li>
            <li>
              <a href="/feeds/documents.rss">RSS 订阅</a>
            </li>
            <li>
              <a href="/login">工作人员登录</a>
            </li>
          </ul>
        </nav>
        <dl class="footer-facts">
          <dt>主办单位</dt>
          <dd>{f.officeName || `${ctx.siteName}办公室`}</dd>
          {f.address && (
            <>
              <dt>地址</dt>
              <dd>{f.address}</dd>
            </>
          )}
          {f.phone && (
            <>
              <dt>咨询电话</dt>
              <dd>{f.phone}</dd>
            </>
          )}
          {f.siteCode && (
            <>
              <dt>网站标识码</dt>
              <dd>{f.siteCode}</dd>
            </>
          )}
          {f.icpRecord && (
            <>
              <dt>ICP 备案号</dt>
              <dd>{f.icpRecord}</dd>
            </>
          )}
          {f.policeRecord && (
            <>
              <dt>公安机关备案号</dt>
              <dd>{f.policeRecord}</dd>
            </>
          )}
        </dl>
      </div>
    </footer>
  );
}

/** The public portal's page frame: banner, navigation, main, footer. */
export function PortalLayout({ ctx, title, children }: TLayoutProps) {
  const nav = ctx.isElder ? ctx.portalNav.filter((i) => ELDER_NAV.has(i.href)) : ctx.portalNav;
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
      nav={<NavList items={nav} path={ctx.path} label="主导航" />}
      footer={<PortalFooter ctx={ctx} />}
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
