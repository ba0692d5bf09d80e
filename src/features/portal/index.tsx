import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { markPublic } from "../../platform/http/edge";
import { readForm, submitForm } from "../../platform/http/forms";
import { requirePermission } from "../../platform/http/guards";
import { ELDER_COOKIE } from "../../platform/http/middleware";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { todayInChina } from "../calendar";
import { latestDocuments } from "../documents";
import { activeUnits } from "../org";
import { getGuide, saveGuide, ZGuide } from "./guide";
import {
  activeNotices,
  allNotices,
  createNotice,
  deleteNotice,
  findNotice,
  updateNotice,
  ZNotice,
} from "./notices";
import { NoticeEditPage, NoticesPage } from "./notices.pages";
import { GuideEditPage, GuidePage, HomePage } from "./portal.pages";
import { PORTAL_SECTIONS, SectionPage } from "./sections";

export { DEFAULT_GUIDE, getGuide, saveGuide, type TGuide } from "./guide";

// How long browsers and shared caches may keep the home and guide pages.
const PUBLIC_SECONDS = 300;
const LATEST_COUNT = 8;

/** The portal's home and guide pages, the elder-mode preference, the guide and notice editors. */
export function portalRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  app.get("/", async (c) => {
    const [guide, notices, latest] = await Promise.all([
      getGuide(db),
      activeNotices(db),
      latestDocuments(db, LATEST_COUNT),
    ]);
    markPublic(c, PUBLIC_SECONDS);
    return c.html(<HomePage ctx={await pageCtx(c)} guide={guide} notices={notices} latest={latest} />);
  });

  for (const [path, section] of Object.entries(PORTAL_SECTIONS))
    app.get(`/${path}`, async (c) => {
      markPublic(c, PUBLIC_SECONDS);
      return c.html(<SectionPage ctx={await pageCtx(c)} section={section} />);
    });

  // Browsers ask for /favicon.ico whatever the page links; send them the SVG instead of a 404.
  app.get("/favicon.ico", (c) => c.redirect("/static/favicon.svg", 301));

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

  // 置顶公告: the disclosure office's, like the guide.
  const noticesPage = async (c: TCtx, form: TFormState) => (
    <NoticesPage ctx={await pageCtx(c)} notices={await allNotices(db)} today={todayInChina()} form={form} />
  );

  app.get("/admin/notices", async (c) => {
    requirePermission(c, "guide.edit");
    return c.html(await noticesPage(c, emptyForm()));
  });

  app.post("/admin/notices", async (c) => {
    requirePermission(c, "guide.edit");
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZNotice,
      values,
      render: (form) => noticesPage(c, form),
      run: async (notice) => {
        await createNotice(db, actorOf(c), notice);
        setFlash(c, "公告已发布。");
        return c.redirect("/admin/notices", 303);
      },
    });
  });

  app.get("/admin/notices/:id", async (c) => {
    requirePermission(c, "guide.edit");
    const notice = await findNotice(db, idParam(c));
    if (!notice) throw new AppError("not_found", MSG.notFound);
    return c.html(<NoticeEditPage ctx={await pageCtx(c)} id={notice.id} form={emptyForm({ ...notice })} />);
  });

  app.post("/admin/notices/:id", async (c) => {
    requirePermission(c, "guide.edit");
    const id = idParam(c);
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    return submitForm(c, {
      schema: ZNotice,
      values,
      render: (form) => <NoticeEditPage ctx={ctx} id={id} form={form} />,
      run: async (notice) => {
        await updateNotice(db, actorOf(c), id, notice);
        setFlash(c, MSG.saved);
        return c.redirect("/admin/notices", 303);
      },
    });
  });

  app.post("/admin/notices/:id/delete", async (c) => {
    requirePermission(c, "guide.edit");
    await deleteNotice(db, actorOf(c), idParam(c));
    setFlash(c, "公告已删除。");
    return c.redirect("/admin/notices", 303);
  });

  return app;
}
