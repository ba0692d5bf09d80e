import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { TPrincipal } from "../auth/permissions";
import type { TCtx } from "../http/context";

/** A navigation entry; `isOccasional` ones fold under “更多” when a list is long (the back office's). */
export type TNavItem = { href: string; label: string; isOccasional?: boolean };

/** What the portal's footer names: who runs the site and its registration numbers (empty: not shown). */
export type TSiteFooter = {
  officeName: string;
  address: string;
  phone: string;
  siteCode: string;
  icpRecord: string;
  policeRecord: string;
};

/** Everything a page template needs from the request, gathered once. */
export type TPageCtx = {
  principal: TPrincipal | null;
  csrfToken: string;
  path: string;
  isElder: boolean;
  siteName: string;
  footer: TSiteFooter;
  portalNav: TNavItem[];
  adminNav: TNavItem[];
  flash: string | null;
};

export const FLASH_COOKIE = "gk_flash";

export type TShell = {
  siteName: () => Promise<string>;
  footer: () => Promise<TSiteFooter>;
  portalNav: TNavItem[];
  adminNav: (p: TPrincipal) => TNavItem[];
};

const NO_FOOTER: TSiteFooter = {
  officeName: "",
  address: "",
  phone: "",
  siteCode: "",
  icpRecord: "",
  policeRecord: "",
};
const NO_SHELL: TShell = {
  siteName: async () => "政务公开",
  footer: async () => NO_FOOTER,
  portalNav: [],
  adminNav: () => [],
};

export async function pageCtx(c: TCtx): Promise<TPageCtx> {
  // Each app puts its own shell on the request (two apps in one process, as in tests, never mix).
  const shell = c.get("shell") ?? NO_SHELL;
  const principal = c.get("principal");
  const flash = getCookie(c, FLASH_COOKIE);
  if (flash) deleteCookie(c, FLASH_COOKIE, { path: "/" });
  return {
    principal,
    // Read only by a page with a form that changes something: a new visitor's token cookie goes with
    // that page alone, so every other public page is the same for all anonymous visitors and can be
    // cached whole (see platform/http/page-cache).
    get csrfToken() {
      c.get("issueCsrfCookie")?.();
      return c.get("csrfToken");
    },
    path: new URL(c.req.url).pathname,
    isElder: c.get("isElder"),
    siteName: await shell.siteName(),
    footer: await shell.footer(),
    portalNav: shell.portalNav,
    adminNav: principal ? shell.adminNav(principal) : [],
    flash: flash ? decodeURIComponent(flash) : null,
  };
}

/** Shows a one-time notice on the next page (post/redirect/get). */
export function setFlash(c: TCtx, message: string): void {
  setCookie(c, FLASH_COOKIE, encodeURIComponent(message), {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    maxAge: 60,
  });
}
