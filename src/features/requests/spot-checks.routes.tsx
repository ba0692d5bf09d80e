import { Hono } from "hono";
import { can } from "../../platform/auth/permissions";
import { AppError } from "../../platform/errors";
import { actorOf, type TAppEnv, type TCtx, type TDeps } from "../../platform/http/context";
import { formNumber, readForm, submitForm } from "../../platform/http/forms";
import { requireUser } from "../../platform/http/guards";
import { idParam, idQuery } from "../../platform/http/params";
import { emptyForm, type TFormState } from "../../platform/ui/forms";
import { pageCtx, setFlash } from "../../platform/ui/page-context";
import { listUnits } from "../org";
import {
  CHECKLIST,
  drawSpotCheck,
  listSpotChecks,
  readSpotCheck,
  scoreItem,
  verifyDraw,
  ZDrawBody,
  ZScoreBody,
} from "./spot-checks";
import { SpotCheckPage, SpotChecksPage, scoreFormOf } from "./spot-checks.pages";

/** The draw form's strings as the draw schema expects them; empty optional fields are left out. */
function drawInput(values: Record<string, string | string[]>) {
  const input: Record<string, unknown> = {};
  for (const k of ["closedFrom", "closedTo", "seed"])
    if (typeof values[k] === "string" && values[k] !== "") input[k] = values[k];
  input.sampleSize = formNumber(values.sampleSize);
  if (values.unitId) input.unitId = formNumber(values.unitId);
  return input;
}

/** The scoring form's radio buttons ("checklist.onTime" = "1" or "0") as the score schema expects them. */
function scoreInput(values: Record<string, string | string[]>) {
  const checklist: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(values))
    if (k.startsWith("checklist.") && (v === "1" || v === "0"))
      checklist[k.slice("checklist.".length)] = v === "1";
  return { checklist, comment: typeof values.comment === "string" ? values.comment : "" };
}

/** A checklist item left unanswered is named in the message, rather than the generic "required". */
function withChecklistMessages(form: TFormState): TFormState {
  const errors: Record<string, string> = {};
  for (const [k, v] of Object.entries(form.errors)) {
    const item = k.startsWith("checklist.")
      ? CHECKLIST[k.slice("checklist.".length) as keyof typeof CHECKLIST]
      : undefined;
    errors[k] = item ? `请判断：${item}。` : v;
  }
  return { ...form, errors };
}

/** The back-office pages of spot checks: the office's supervision of every unit's requests. */
export function spotCheckRoutes(deps: TDeps) {
  const app = new Hono<TAppEnv>();
  const { db } = deps;

  const requireOffice = (c: TCtx) => {
    const p = requireUser(c);
    if (!can(p, "requests.spotcheck")) throw new AppError("forbidden", "只有政务公开办公室可以组织抽查。");
    return p;
  };

  const listPage = async (c: TCtx, form: TFormState) => (
    <SpotChecksPage
      ctx={await pageCtx(c)}
      checks={await listSpotChecks(db)}
      units={await listUnits(db)}
      form={form}
    />
  );

  const checkPage = async (c: TCtx, id: number, selected: number | undefined, form?: TFormState) => {
    const check = await readSpotCheck(db, id);
    const shown = form ?? scoreFormOf(check.items.find((i) => i.requestId === selected));
    return (
      <SpotCheckPage
        ctx={await pageCtx(c)}
        check={check}
        isVerified={await verifyDraw(db, id)}
        units={await listUnits(db)}
        selected={selected}
        form={shown}
      />
    );
  };

  app.get("/admin/spot-checks", async (c) => {
    requireOffice(c);
    return c.html(await listPage(c, emptyForm({ sampleSize: "10" })));
  });

  app.post("/admin/spot-checks", async (c) => {
    requireOffice(c);
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZDrawBody,
      values,
      input: drawInput(values),
      conflictField: "closedFrom",
      render: (form) => listPage(c, form),
      run: async (body) => {
        const check = await drawSpotCheck(db, actorOf(c), body);
        setFlash(
          c,
          `已从 ${check.populationCount} 件中抽取 ${check.sample.length} 件，随机种子“${check.seed}”。`,
        );
        return c.redirect(`/admin/spot-checks/${check.id}`, 303);
      },
    });
  });

  app.get("/admin/spot-checks/:id", async (c) => {
    requireOffice(c);
    return c.html(await checkPage(c, idParam(c), idQuery(c, "item")));
  });

  app.post("/admin/spot-checks/:id/items/:requestId", async (c) => {
    requireOffice(c);
    const id = idParam(c);
    const requestId = idParam(c, "requestId");
    const values = await readForm(c);
    return submitForm(c, {
      schema: ZScoreBody,
      values,
      input: scoreInput(values),
      conflictField: "comment",
      render: (form) => checkPage(c, id, requestId, withChecklistMessages(form)),
      run: async (body) => {
        const after = await scoreItem(db, actorOf(c), id, requestId, body);
        setFlash(c, `已保存评分：${after.score} 分。`);
        return c.redirect(`/admin/spot-checks/${id}#by-unit`, 303);
      },
    });
  });

  return app;
}
