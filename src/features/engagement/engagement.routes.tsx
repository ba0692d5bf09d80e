import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { unitScope } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, publicOrigin, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { markPublic } from "../../platform/http/edge";
import { issueFormToken, submitOnce, takeFormToken } from "../../platform/http/form-token";
import { formNumber, nestForm, readForm, submitForm } from "../../platform/http/forms";
import { requirePermission, requireUnitPermission } from "../../platform/http/guards";
import { isSecure } from "../../platform/http/middleware";
import { idParam } from "../../platform/http/params";
import { MSG } from "../../platform/messages";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { todayInChina } from "../calendar";
import { activeUnits, listUnits } from "../org";
import {
  CancelPage,
  MeetingPage,
  MeetingReceiptPage,
  MeetingsPage,
  OpenDayPage,
  OpenDayReceiptPage,
  OpenDaysPage,
  ParticipationPage,
  SurveyPage,
  SurveyResultsPage,
  SurveysPage,
  SurveyThanksPage,
  sectionFeed,
} from "./engagement.pages";
import {
  findMeeting,
  findOpenDay,
  findSurvey,
  listMeetings,
  listOpenDays,
  listSurveys,
  meetingRegistrationsOf,
  openDayCounts,
  openDayRegistrationsOf,
  opinionsOf,
  registrationCounts,
  textAnswers,
} from "./engagement.repository";
import {
  ZCancelBody,
  ZCreateMeetingBody,
  ZCreateOpenDayBody,
  ZCreateSurveyBody,
  ZDrawBody,
  ZFeedbackBody,
  ZMeetingRegistrationBody,
  ZOpenDayRegistrationBody,
  ZOpinionBody,
  ZSurveyResponseBody,
} from "./engagement.schemas";
import {
  EngagementHomePage,
  MeetingStaffPage,
  NewMeetingPage,
  NewOpenDayPage,
  NewSurveyPage,
  OpenDayStaffPage,
  parseQuestions,
  SurveyStaffPage,
} from "./engagement.staff-pages";
import {
  addOpinion,
  createMeeting,
  publishDraw,
  readPublicMeeting,
  registerForMeeting,
  runDraw,
} from "./meetings";
import {
  cancelOpenDayRegistration,
  createOpenDay,
  publishOpenDayFeedback,
  registerForOpenDay,
  type TOpenDayReceipt,
} from "./open-days";
import {
  createSurvey,
  newRespondentToken,
  publishSurveyFeedback,
  submitSurveyResponse,
  surveyResults,
} from "./surveys";

const PUBLIC_SECONDS = 300;
const RESPONDENT_COOKIE = "gk_respondent";
const num = formNumber;

/** Public 公众参与 pages and the back-office pages under /admin/engagement. */
export function engagementRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;
  const unitNamer = async () => {
    const units = await listUnits(db);
    return (id: number) => units.find((u) => u.id === id)?.name ?? "";
  };
  const origin = (c: TCtx) => publicOrigin(c, deps.config);

  // ---- public

  app.get("/participation", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    const [meetings, openDays, surveys] = await Promise.all([
      listMeetings(db),
      listOpenDays(db),
      listSurveys(db),
    ]);
    return c.html(
      <ParticipationPage
        ctx={await pageCtx(c)}
        meetings={meetings}
        openDays={openDays}
        surveys={surveys}
        today={todayInChina()}
      />,
    );
  });

  app.get("/meetings", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    return c.html(
      <MeetingsPage
        ctx={await pageCtx(c)}
        meetings={await listMeetings(db)}
        unitName={await unitNamer()}
        today={todayInChina()}
      />,
    );
  });

  app.get("/meetings/feed.xml", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    const items = (await listMeetings(db)).slice(0, 50).map((m) => ({
      title: m.title,
      path: `/meetings/${m.id}`,
      date: m.createdAt.toISOString().slice(0, 10),
      text: `会议日期 ${m.heldAt}，公众列席席位 ${m.seats} 个，报名截止 ${m.registrationClosesAt}。`,
    }));
    return c.body(sectionFeed(origin(c), "列席会议", "/meetings", items), 200, {
      "content-type": "application/rss+xml; charset=utf-8",
    });
  });

  const meetingPage = async (
    c: TCtx,
    id: number,
    form = emptyForm(),
    token?: string,
    status: 200 | 422 = 200,
  ) => {
    const ctx = await pageCtx(c);
    const meeting = await readPublicMeeting(db, id, todayInChina());
    const unitName = (await unitNamer())(meeting.unitId);
    return c.html(
      <MeetingPage
        ctx={ctx}
        meeting={meeting}
        unitName={unitName}
        form={form}
        formToken={token ?? issueFormToken(ctx.csrfToken)}
      />,
      status,
    );
  };

  app.get("/meetings/:id", async (c) => meetingPage(c, idParam(c)));

  app.post("/meetings/:id/register", async (c) => {
    const id = idParam(c);
    if (!(await findMeeting(db, id))) throw new AppError("not_found", MSG.notFound);
    const values = await readForm(c);
    const token = takeFormToken(c, values);
    return submitForm(c, {
      schema: ZMeetingRegistrationBody,
      values,
      input: nestForm(values),
      conflictField: "phone",
      render: async (form) => (await meetingPage(c, id, form, token, 422)).text(),
      run: async (body) => {
        const r = await submitOnce(db, `meeting-${id}`, token, (tx) =>
          registerForMeeting(tx, actorOf(c), id, body, todayInChina()),
        );
        return c.html(<MeetingReceiptPage ctx={await pageCtx(c)} meetingId={id} receiptId={r.id} />);
      },
    });
  });

  // Not cached: the places left change with every registration, which is not a public audit entry.
  app.get("/open-days", async (c) => {
    const rows = await listOpenDays(db);
    const counts = await openDayCounts(
      db,
      rows.map((r) => r.id),
    );
    return c.html(
      <OpenDaysPage ctx={await pageCtx(c)} openDays={rows} counts={counts} unitName={await unitNamer()} />,
    );
  });

  app.get("/open-days/feed.xml", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    const items = (await listOpenDays(db)).slice(0, 50).map((d) => ({
      title: d.title,
      path: `/open-days/${d.id}`,
      date: d.createdAt.toISOString().slice(0, 10),
      text: `活动日期 ${d.heldAt}，${d.place ? `地点 ${d.place}，` : ""}名额 ${d.capacity} 人。`,
    }));
    return c.body(sectionFeed(origin(c), "政府开放活动", "/open-days", items), 200, {
      "content-type": "application/rss+xml; charset=utf-8",
    });
  });

  const openDayPage = async (
    c: TCtx,
    id: number,
    form = emptyForm(),
    token?: string,
    status: 200 | 422 = 200,
  ) => {
    const day = await findOpenDay(db, id);
    if (!day) throw new AppError("not_found", MSG.notFound);
    const ctx = await pageCtx(c);
    const counts = (await openDayCounts(db, [id])).get(id) ?? { confirmed: 0, waiting: 0 };
    const surveys = (await listSurveys(db)).filter((s) => s.openDayId === id);
    return c.html(
      <OpenDayPage
        ctx={ctx}
        day={day}
        counts={counts}
        unitName={(await unitNamer())(day.unitId)}
        surveys={surveys}
        form={form}
        formToken={token ?? issueFormToken(ctx.csrfToken)}
        today={todayInChina()}
      />,
      status,
    );
  };

  app.get("/open-days/:id", async (c) => openDayPage(c, idParam(c)));

  app.post("/open-days/:id/register", async (c) => {
    const id = idParam(c);
    if (!(await findOpenDay(db, id))) throw new AppError("not_found", MSG.notFound);
    const values = await readForm(c);
    const token = takeFormToken(c, values);
    return submitForm(c, {
      schema: ZOpenDayRegistrationBody,
      values,
      input: nestForm(values),
      conflictField: "phone",
      render: async (form) => (await openDayPage(c, id, form, token, 422)).text(),
      run: async (body) => {
        // The receipt (with the cancellation token) is sealed under the form token: a refresh shows it again.
        const receipt = await submitOnce<TOpenDayReceipt>(db, `open-day-${id}`, token, (tx) =>
          registerForOpenDay(tx, actorOf(c), id, body, todayInChina()),
        );
        return c.html(<OpenDayReceiptPage ctx={await pageCtx(c)} dayId={id} receipt={receipt} />);
      },
    });
  });

  app.get("/open-days/:id/cancel", async (c) => {
    const day = await findOpenDay(db, idParam(c));
    if (!day) throw new AppError("not_found", MSG.notFound);
    return c.html(<CancelPage ctx={await pageCtx(c)} day={day} form={emptyForm()} />);
  });

  app.post("/open-days/:id/cancel", async (c) => {
    const day = await findOpenDay(db, idParam(c));
    if (!day) throw new AppError("not_found", MSG.notFound);
    const values = await readForm(c);
    const ctx = await pageCtx(c);
    return submitForm(c, {
      schema: ZCancelBody,
      values,
      conflictField: "token",
      render: (form) => <CancelPage ctx={ctx} day={day} form={form} />,
      run: async ({ token }) => {
        await cancelOpenDayRegistration(db, actorOf(c), day.id, token, todayInChina());
        return c.html(<CancelPage ctx={ctx} day={day} form={emptyForm()} done />);
      },
    });
  });

  app.get("/surveys", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    return c.html(
      <SurveysPage
        ctx={await pageCtx(c)}
        surveys={await listSurveys(db)}
        unitName={await unitNamer()}
        today={todayInChina()}
      />,
    );
  });

  app.get("/surveys/feed.xml", async (c) => {
    markPublic(c, PUBLIC_SECONDS);
    const items = (await listSurveys(db)).slice(0, 50).map((s) => ({
      title: s.title,
      path: `/surveys/${s.id}`,
      date: s.opensAt,
      text: `${s.opensAt} 至 ${s.closesAt}，共 ${s.questions.length} 题。`,
    }));
    return c.body(sectionFeed(origin(c), "问卷调查", "/surveys", items), 200, {
      "content-type": "application/rss+xml; charset=utf-8",
    });
  });

  /** This browser's respondent token: one answer per survey and browser, without an account. */
  const respondent = (c: TCtx) => {
    const have = getCookie(c, RESPONDENT_COOKIE);
    if (have && /^[\w-]{24}$/.test(have)) return have;
    const token = newRespondentToken();
    setCookie(c, RESPONDENT_COOKIE, token, {
      path: "/surveys",
      httpOnly: true,
      sameSite: "Lax",
      secure: isSecure(c, deps.config.trustProxy),
      maxAge: 400 * 24 * 3600,
    });
    return token;
  };

  const surveyPage = async (
    c: TCtx,
    id: number,
    form = emptyForm(),
    token?: string,
    status: 200 | 422 = 200,
  ) => {
    const s = await findSurvey(db, id);
    if (!s) throw new AppError("not_found", MSG.notFound);
    const ctx = await pageCtx(c);
    respondent(c);
    return c.html(
      <SurveyPage
        ctx={ctx}
        survey={s}
        unitName={(await unitNamer())(s.unitId)}
        form={form}
        formToken={token ?? issueFormToken(ctx.csrfToken)}
        today={todayInChina()}
        hasAnswered={false}
      />,
      status,
    );
  };

  app.get("/surveys/:id", async (c) => surveyPage(c, idParam(c)));

  app.post("/surveys/:id", async (c) => {
    const id = idParam(c);
    const s = await findSurvey(db, id);
    if (!s) throw new AppError("not_found", MSG.notFound);
    const values = await readForm(c);
    const token = takeFormToken(c, values);
    // Form fields q0, q1, … become the answers array: numbers for choices, text as typed.
    const answers = s.questions.map((q, i) => {
      const v = values[`q${i}`];
      if (q.kind === "text") return typeof v === "string" ? v : null;
      if (q.kind === "multiple") return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(num);
      return v === undefined || v === "" ? null : num(Array.isArray(v) ? v[0] : v);
    });
    return submitForm(c, {
      schema: ZSurveyResponseBody,
      values,
      input: { answers, website: values.website || undefined },
      conflictField: "answers",
      render: async (form) => (await surveyPage(c, id, form, token, 422)).text(),
      run: async (body) => {
        const respondentToken = respondent(c);
        await submitOnce(db, `survey-${id}`, token, (tx) =>
          submitSurveyResponse(tx, id, { ...body, respondentToken }, todayInChina()),
        );
        return c.html(<SurveyThanksPage ctx={await pageCtx(c)} survey={s} />, 201);
      },
    });
  });

  app.get("/surveys/:id/results", async (c) => {
    // Not cached: every response changes it.
    const { survey, ...results } = await surveyResults(db, idParam(c));
    return c.html(<SurveyResultsPage ctx={await pageCtx(c)} survey={survey} results={results} />);
  });

  // ---- back office

  const scopeOf = (c: TCtx) => unitScope(requirePermission(c, "engagement.manage"), "engagement.manage");
  const manageableUnits = async (c: TCtx) => {
    const scope = scopeOf(c);
    return (await activeUnits(db)).filter((u) => scope === "all" || scope.includes(u.id));
  };

  app.get("/admin/engagement", async (c) => {
    const scope = scopeOf(c);
    const [meetings, openDays, surveys] = await Promise.all([
      listMeetings(db, scope),
      listOpenDays(db, scope),
      listSurveys(db, scope),
    ]);
    const counts = await registrationCounts(
      db,
      meetings.map((m) => m.id),
    );
    return c.html(
      <EngagementHomePage
        ctx={await pageCtx(c)}
        meetings={meetings}
        openDays={openDays}
        surveys={surveys}
        registrationCounts={counts}
        unitName={await unitNamer()}
        today={todayInChina()}
      />,
    );
  });

  const createPage =
    (kind: "meetings" | "open-days" | "surveys") =>
    async (c: TCtx, form = emptyForm()) => {
      const ctx = await pageCtx(c);
      const units = await manageableUnits(c);
      if (kind === "meetings") return <NewMeetingPage ctx={ctx} form={form} units={units} />;
      if (kind === "open-days") return <NewOpenDayPage ctx={ctx} form={form} units={units} />;
      return <NewSurveyPage ctx={ctx} form={form} units={units} />;
    };

  for (const kind of ["meetings", "open-days", "surveys"] as const) {
    app.get(`/admin/engagement/${kind}/new`, async (c) => c.html(await createPage(kind)(c)));
  }

  app.post("/admin/engagement/meetings/new", async (c) => {
    scopeOf(c);
    const values = await readForm(c);
    const input = { ...nestForm(values), unitId: num(values.unitId), seats: num(values.seats) };
    return submitForm(c, {
      schema: ZCreateMeetingBody,
      values,
      input,
      conflictField: "title",
      render: (form) => createPage("meetings")(c, form),
      run: async (body) => {
        requireUnitPermission(c, "engagement.manage", body.unitId);
        const row = await createMeeting(db, actorOf(c), body);
        setFlash(c, "会议已新建，报名页面已公开。");
        return c.redirect(`/admin/engagement/meetings/${row.id}`, 303);
      },
    });
  });

  app.post("/admin/engagement/open-days/new", async (c) => {
    scopeOf(c);
    const values = await readForm(c);
    const input = { ...nestForm(values), unitId: num(values.unitId), capacity: num(values.capacity) };
    return submitForm(c, {
      schema: ZCreateOpenDayBody,
      values,
      input,
      conflictField: "title",
      render: (form) => createPage("open-days")(c, form),
      run: async (body) => {
        requireUnitPermission(c, "engagement.manage", body.unitId);
        const row = await createOpenDay(db, actorOf(c), body);
        setFlash(c, "开放活动已新建，报名页面已公开。");
        return c.redirect(`/admin/engagement/open-days/${row.id}`, 303);
      },
    });
  });

  app.post("/admin/engagement/surveys/new", async (c) => {
    scopeOf(c);
    const values = await readForm(c);
    const parsed = parseQuestions(typeof values.questions === "string" ? values.questions : "");
    const input = {
      ...nestForm(values),
      unitId: num(values.unitId),
      openDayId: num(values.openDayId),
      questions: parsed.questions,
    };
    return submitForm(c, {
      schema: ZCreateSurveyBody,
      values,
      input,
      conflictField: "questions",
      render: (form) => {
        // Errors inside one question ("questions.2.options") are shown beside the questions box.
        const errors = Object.fromEntries(
          Object.entries(form.errors).map(([k, v]) => [k.startsWith("questions") ? "questions" : k, v]),
        );
        if (parsed.error) errors.questions = parsed.error;
        return createPage("surveys")(c, { values: form.values, errors });
      },
      run: async (body) => {
        if (parsed.error)
          throw new AppError("unprocessable", parsed.error, {
            issues: [{ path: "questions", message: parsed.error }],
          });
        requireUnitPermission(c, "engagement.manage", body.unitId);
        const row = await createSurvey(db, actorOf(c), body);
        setFlash(c, "问卷已新建。");
        return c.redirect(`/admin/engagement/surveys/${row.id}`, 303);
      },
    });
  });

  const staffMeeting = async (c: TCtx) => {
    const m = await findMeeting(db, idParam(c));
    if (!m) throw new AppError("not_found", MSG.notFound);
    requireUnitPermission(c, "engagement.manage", m.unitId);
    return m;
  };

  const meetingStaffPage = async (
    c: TCtx,
    forms: { draw?: ReturnType<typeof emptyForm>; opinion?: ReturnType<typeof emptyForm> } = {},
    status: 200 | 422 = 200,
  ) => {
    const m = await staffMeeting(c);
    return c.html(
      <MeetingStaffPage
        ctx={await pageCtx(c)}
        meeting={m}
        registrations={await meetingRegistrationsOf(db, m.id)}
        opinions={await opinionsOf(db, m.id)}
        unitName={(await unitNamer())(m.unitId)}
        drawForm={forms.draw ?? emptyForm()}
        opinionForm={forms.opinion ?? emptyForm()}
      />,
      status,
    );
  };

  app.get("/admin/engagement/meetings/:id", async (c) => meetingStaffPage(c));

  app.post("/admin/engagement/meetings/:id/draw", async (c) => {
    const m = await staffMeeting(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZDrawBody,
      values,
      conflictField: "seed",
      render: async (form) => (await meetingStaffPage(c, { draw: form }, 422)).text(),
      run: async (body) => {
        await runDraw(db, actorOf(c), m.id, body);
        setFlash(c, "已抽签。请核对结果后公布。");
        return c.redirect(`/admin/engagement/meetings/${m.id}`, 303);
      },
    });
  });

  app.post("/admin/engagement/meetings/:id/publish", async (c) => {
    const m = await staffMeeting(c);
    await readForm(c);
    try {
      await publishDraw(db, actorOf(c), m.id);
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict")
        return meetingStaffPage(c, { draw: { values: {}, errors: { seed: err.message } } }, 422);
      throw err;
    }
    setFlash(c, "抽签结果已公布。");
    return c.redirect(`/admin/engagement/meetings/${m.id}`, 303);
  });

  app.post("/admin/engagement/meetings/:id/opinions", async (c) => {
    const m = await staffMeeting(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZOpinionBody,
      values,
      input: { ...nestForm(values), registrationId: num(values.registrationId) },
      conflictField: "opinion",
      render: async (form) => (await meetingStaffPage(c, { opinion: form }, 422)).text(),
      run: async (body) => {
        await addOpinion(db, actorOf(c), m.id, body);
        setFlash(c, "意见已登记，已在会议页面公开。");
        return c.redirect(`/admin/engagement/meetings/${m.id}`, 303);
      },
    });
  });

  const staffOpenDay = async (c: TCtx) => {
    const d = await findOpenDay(db, idParam(c));
    if (!d) throw new AppError("not_found", MSG.notFound);
    requireUnitPermission(c, "engagement.manage", d.unitId);
    return d;
  };

  const openDayStaffPage = async (c: TCtx, form = emptyForm(), status: 200 | 422 = 200) => {
    const d = await staffOpenDay(c);
    return c.html(
      <OpenDayStaffPage
        ctx={await pageCtx(c)}
        day={d}
        registrations={await openDayRegistrationsOf(db, d.id)}
        unitName={(await unitNamer())(d.unitId)}
        form={
          form.values.feedback === undefined
            ? { values: { feedback: d.feedback }, errors: form.errors }
            : form
        }
      />,
      status,
    );
  };

  app.get("/admin/engagement/open-days/:id", async (c) => openDayStaffPage(c));

  /** The staff page's form that publishes what the public said and what was taken up (意见建议及采纳情况). */
  const feedbackPost =
    (
      find: (c: TCtx) => Promise<{ id: number }>,
      page: (c: TCtx, form: TFormState, status: 422) => Promise<Response>,
      publish: (
        db: TDeps["db"],
        actor: ReturnType<typeof actorOf>,
        id: number,
        feedback: string,
      ) => Promise<unknown>,
      path: string,
    ) =>
    async (c: TCtx) => {
      const { id } = await find(c);
      return submitForm(c, {
        schema: ZFeedbackBody,
        values: await readForm(c),
        conflictField: "feedback",
        render: async (form) => (await page(c, form, 422)).text(),
        run: async ({ feedback }) => {
          await publish(db, actorOf(c), id, feedback);
          setFlash(c, "意见建议及采纳情况已公开。");
          return c.redirect(`${path}/${id}`, 303);
        },
      });
    };

  app.post(
    "/admin/engagement/open-days/:id/feedback",
    feedbackPost(staffOpenDay, openDayStaffPage, publishOpenDayFeedback, "/admin/engagement/open-days"),
  );

  const staffSurvey = async (c: TCtx) => {
    const s = await findSurvey(db, idParam(c));
    if (!s) throw new AppError("not_found", MSG.notFound);
    requireUnitPermission(c, "engagement.manage", s.unitId);
    return s;
  };

  const surveyStaffPage = async (c: TCtx, form = emptyForm(), status: 200 | 422 = 200) => {
    const s = await staffSurvey(c);
    const { survey, ...results } = await surveyResults(db, s.id);
    const texts = await Promise.all(
      survey.questions.map((q, i) => (q.kind === "text" ? textAnswers(db, s.id, i) : Promise.resolve([]))),
    );
    return c.html(
      <SurveyStaffPage
        ctx={await pageCtx(c)}
        survey={survey}
        results={results}
        texts={texts}
        unitName={(await unitNamer())(s.unitId)}
        form={
          form.values.feedback === undefined
            ? { values: { feedback: s.feedback }, errors: form.errors }
            : form
        }
      />,
      status,
    );
  };

  app.get("/admin/engagement/surveys/:id", async (c) => surveyStaffPage(c));

  app.post(
    "/admin/engagement/surveys/:id/feedback",
    feedbackPost(staffSurvey, surveyStaffPage, publishSurveyFeedback, "/admin/engagement/surveys"),
  );

  return app;
}
