import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { actorOf, type TAppEnv, type TDeps } from "../../platform/http/context";
import { markPublic } from "../../platform/http/edge";
import { readForm, submitForm } from "../../platform/http/forms";
import { requirePermission } from "../../platform/http/guards";
import { ELDER_COOKIE } from "../../platform/http/middleware";
import { MSG } from "../../platform/messages";
import { emptyForm } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { activeUnits } from "../org";
import { getGuide, saveGuide, ZGuide } from "./guide";
import { GuideEditPage, GuidePage, HomePage } from "./portal.pages";

export { DEFAULT_GUIDE, getGuide, saveGuide, type TGuide } from "./guide";

// How long browsers and shared caches may keep the home and guide pages.
const PUBLIC_SECONDS = 300;

/** The portal's home and guide pages, the elder-mode preference, and the guide editor. */
export function portalRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  app.get("/", async (c) => {
    const units = await activeUnits(db);
    markPublic(c, PUBLIC_SECONDS);
    return c.html(<HomePage ctx={await pageCtx(c)} guide={await getGuide(db)} unitCount={units.length} />);
  });

  app.get("/guide", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    return c.html(
      <GuidePage ctx={await pageCtx(c)} guide={await getGuide(db)} units={await activeUnits(db)} />,
    );
  });

  // 适老化: remembered for a year; a plain form post, so it works without JavaScript.
  app.post("/preferences/elder", async (c) => {
    const form = await readForm(c);
    setCookie(c, ELDER_COOKIE, form.on === "1" ? "1" : "0", {
      path: "/",
      sameSite: "Lax",
      httpOnly: true,
      maxAge: 365 * 24 * 3600,
    });
    const back = typeof form.back === "string" && /^\/(?!\/)[^\s\\]*$/.test(form.back) ? form.back : "/";
    return c.redirect(back, 303);
  });

  app.get("/admin/guide", async (c) => {
    requirePermission(c, "guide.edit");
    return c.html(<GuideEditPage ctx={await pageCtx(c)} form={emptyForm(await getGuide(db))} />);
  });

  app.post("/admin/guide", async (c) => {
    requirePermission(c, "guide.edit");
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    return submitForm(c, {
      schema: ZGuide,
      values,
      render: (form) => <GuideEditPage ctx={ctx} form={form} />,
      run: async (guide) => {
        await saveGuide(db, actorOf(c), guide);
        setFlash(c, MSG.saved);
        return c.redirect("/admin/guide", 303);
      },
    });
  });

  return app;
}
