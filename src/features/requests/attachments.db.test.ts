import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describeDb("request attachments", () => {
  let t: TTestApp;
  let token: string;
  let id: number;
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
    token = await tokenFor(t, "a.head");
    const r = await api(t, "POST", "/api/v1/requests", {
      token,
      json: {
        applicant: { kind: "natural_person", name: "冯二" },
        channel: "in_person",
        receivedAt: "2025-09-01",
        description: "申请公开某项信息",
      },
    });
    id = r.data.id;
  });
  afterAll(() => t?.close());

  const upload = async (data: Buffer, name: string, kind = "id_copy", who = token) => {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(data)], name));
    form.append("kind", kind);
    const res = await t.app.request(`/api/v1/requests/${id}/attachments`, {
      method: "POST",
      headers: { authorization: `Bearer ${who}` },
      body: form,
    });
    return { status: res.status, data: await res.json() };
  };

  it("stores a PDF recognised by its content, and shows it on the request", async () => {
    const r = await upload(PDF, "身份证复印件.pdf");
    expect(r.status).toBe(201);
    expect(r.data).toMatchObject({ kind: "id_copy", name: "身份证复印件.pdf" });
    const read = await api(t, "GET", `/api/v1/requests/${id}`, { token });
    expect(read.data.attachments).toEqual([
      { id: expect.any(Number), kind: "id_copy", name: "身份证复印件.pdf" },
    ]);
  });

  it("refuses a file whose content is not an accepted type, whatever its name", async () => {
    const r = await upload(Buffer.from("MZ this is an executable"), "看起来像.pdf");
    expect(r.status).toBe(400);
    expect(r.data.error.message).toContain("只接受 PDF");
    expect((await upload(Buffer.alloc(0), "空.pdf")).status).toBe(400);
  });

  it("refuses a file above 10 MB", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const r = await upload(big, "大.pdf");
    expect(r.status).toBe(400);
    expect(r.data.error.message).toContain("不能超过 10 MB");
  });

  it("lets only staff who see the request download it, and audits views of ID copies", async () => {
    const read = await api(t, "GET", `/api/v1/requests/${id}`, { token });
    const attachmentId = read.data.attachments[0].id;
    const head = await new Visitor(t).login("a.head");
    const res = await t.app.request(`/admin/requests/${id}/attachments/${attachmentId}`, {
      headers: { cookie: head.cookie },
    });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    const other = await new Visitor(t).login("b.head");
    expect((await other.get(`/admin/requests/${id}/attachments/${attachmentId}`)).status).toBe(404);
    const views = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'request.view_id_copy'",
    );
    expect(views[0]?.n).toBe(1);
    expect((await upload(PDF, "x.pdf", "other", await tokenFor(t, "b.head"))).status).toBe(404);
  });
});
