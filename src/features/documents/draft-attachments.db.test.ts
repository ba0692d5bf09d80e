import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedOrg, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { auditLog } from "../../platform/db/tables";
import { makePdf } from "../../platform/files/fixtures/make-pdf";
import { documentAttachments, documents } from "./documents.tables";

describeDb("files attached while drafting a new document", () => {
  let t: TTestApp;
  let unitA: number;
  let editor: Visitor;
  beforeAll(async () => {
    t = await createTestApp();
    unitA = (await seedOrg(t.db)).unitA.id;
    editor = await new Visitor(t).login("a.editor");
  });
  afterAll(() => t?.close());

  const counts = async () => ({
    documents: (await t.db.select({ n: count() }).from(documents))[0]?.n ?? 0,
    attachments: (await t.db.select({ n: count() }).from(documentAttachments))[0]?.n ?? 0,
    audit: (await t.db.select({ n: count() }).from(auditLog))[0]?.n ?? 0,
  });

  /** The new-document form sent as the browser sends it: multipart, with the chosen files. */
  const postDraft = async (fields: Record<string, string>, files: File[]) => {
    const body = new FormData();
    body.append("_csrf", editor.csrf);
    for (const [k, v] of Object.entries({ kind: "notice", unitId: String(unitA), ...fields }))
      body.append(k, v);
    for (const f of files) body.append("files", f);
    // A browser sends an empty part for a file field left empty.
    if (files.length === 0) body.append("files", new File([], ""));
    const res = await t.app.request("/admin/documents", {
      method: "POST",
      headers: { cookie: editor.cookie },
      body,
    });
    return { status: res.status, text: await res.text(), location: res.headers.get("location") };
  };

  it("offers a file field on the new-document form, sent as multipart", async () => {
    const page = await editor.get("/admin/documents/new");
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toMatch(/<input id="f-files" name="files" type="file"[^>]* multiple/);
  });

  it("saves the draft and its files together, each attachment audited", async () => {
    const pdf = Uint8Array.from(makePdf([["卫生监督检查结果一览表"]]));
    const r = await postDraft({ title: "关于公布监督检查结果的通知" }, [
      new File([pdf], "检查结果.pdf", { type: "application/pdf" }),
    ]);
    expect(r.status, r.text.slice(0, 1000)).toBe(303);
    const id = Number(/\/admin\/documents\/(\d+)$/.exec(r.location ?? "")?.[1]);
    const attached = await t.db
      .select()
      .from(documentAttachments)
      .where(eq(documentAttachments.documentId, id));
    expect(attached.map((a) => a.name)).toEqual(["检查结果.pdf"]);
    expect(attached[0]?.extractedText).toContain("监督检查结果");
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id)));
    expect(audit.filter((a) => a.entity === "document").map((a) => a.action)).toEqual([
      "document.create",
      "document.attach",
    ]);
    const page = await editor.get(`/admin/documents/${id}`);
    expect(page.text).toContain("检查结果.pdf");
  });

  it("a refused file creates no draft, and says why beside the file field", async () => {
    const before = await counts();
    const r = await postDraft({ title: "附件类型不对的通知" }, [new File(["不是 PDF"], "说明.pdf")]);
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/id="f-files-error"[^>]*>(?:(?!<\/p>).)*只接受/s);
    expect(r.text).toContain('value="附件类型不对的通知"');
    expect(await counts()).toEqual(before);
  });

  it("a mistake in the form stores no attachment and creates no draft", async () => {
    const before = await counts();
    const r = await postDraft({ title: "" }, [new File([Uint8Array.from(makePdf([["附件"]]))], "附件.pdf")]);
    expect(r.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("refuses more files than one submit may carry", async () => {
    const before = await counts();
    const files = Array.from(
      { length: 6 },
      (_, i) => new File([Uint8Array.from(makePdf([[`第${i}份`]]))], `${i}.pdf`),
    );
    const r = await postDraft({ title: "附件太多的通知" }, files);
    expect(r.status).toBe(422);
    expect(r.text).toContain("一次最多上传 5 个附件");
    expect(await counts()).toEqual(before);
  });

  it("still creates a draft without files", async () => {
    const r = await postDraft({ title: "没有附件的通知" }, []);
    expect(r.status).toBe(303);
  });
});
