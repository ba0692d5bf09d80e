import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../platform/errors";
import { bearerSecurity, errorResponses, type TApi, ZIdParam, zList } from "../../platform/http/api";
import { actorOf, type TCtx, type TDeps } from "../../platform/http/context";
import { requirePermission, requireUser } from "../../platform/http/guards";
import { MSG } from "../../platform/messages";
import { zIdText } from "../../platform/validation";
import { addSpecialTopic, addSynonymGroup, removeSynonymGroup } from "./catalogue-settings";
import { addDocumentAttachment } from "./document-attachments";
import { decideProposal } from "./document-relations";
import { listSynonyms, listTopics, versionsOf } from "./documents.repository";
import {
  ZCreateDocumentBody,
  ZDocumentListQuery,
  ZProposalDecision,
  ZPublishBody,
  ZUpdateDocumentBody,
  ZWithdrawBody,
} from "./documents.schemas";
import { createGazetteIssue, gazetteIssues, readGazetteIssue, ZGazetteIssueBody } from "./gazette";
import { presentDocument } from "./present";
import { publishDocument, returnToDraft, submitForReview, withdrawDocument } from "./publish-document";
import { readDocument } from "./read-document";
import { createDocument, updateDocument } from "./save-document";
import { suggestTitles } from "./search.repository";
import { searchDocuments, snippetForApi } from "./search-documents";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const ZDocumentOut = z.looseObject({
  id: z.number(),
  indexNo: z.string(),
  title: z.string(),
  kind: z.string(),
  docNumber: z.string(),
  unitId: z.number(),
  writtenAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  effectiveAt: z.string().nullable(),
  validity: z.string(),
  repealedAt: z.string().nullable(),
  amendedAt: z.string().nullable(),
  topics: z.array(z.string()),
  keywords: z.array(z.string()),
  body: z.string(),
  status: z.string(),
  interprets: z.number().nullable(),
});
const ZFacet = z.array(z.object({ value: z.string(), label: z.string(), count: z.number() }));
const tags = ["主动公开"];

async function viewFor(c: TCtx, db: TDeps["db"], id: number) {
  return presentDocument(await readDocument(db, id, c.get("principal") ?? null));
}

/** The document endpoints of the stable API, plus topics, synonyms and 公报. */
export function registerDocumentsApi(api: TApi, deps: TDeps) {
  const { db } = deps;

  api.openapi(
    createRoute({
      method: "get",
      path: "/documents",
      tags,
      summary: "目录与全文检索（有 q 时默认按相关度排序，sort=date 按日期），附分面计数",
      request: { query: ZDocumentListQuery },
      responses: {
        200: json(
          z.object({
            total: z.number(),
            items: z.array(
              z.object({
                id: z.number(),
                title: z.string(),
                docNumber: z.string(),
                unitName: z.string(),
                writtenAt: z.string().nullable(),
                publishedAt: z.string().nullable(),
                validity: z.string(),
                repealedAt: z.string().nullable(),
                amendedAt: z.string().nullable(),
                snippet: z.string(),
                highlights: z.array(z.tuple([z.number(), z.number()])),
              }),
            ),
            facets: z.object({ unit: ZFacet, year: ZFacet, topic: ZFacet, kind: ZFacet, validity: ZFacet }),
            facetsApproximate: z.boolean().openapi({
              description:
                "始终为 false：total 与分面计数都是准确数（保留此字段，兼容早先按抽样估算分面的版本）",
            }),
          }),
          "一页文件",
        ),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const result = await searchDocuments(db, c.req.valid("query"));
      return c.json(
        {
          total: result.total,
          items: result.items.map((h) => ({
            id: h.id,
            title: h.title,
            docNumber: h.docNumber,
            indexNo: h.indexNo,
            kind: h.kind,
            unitId: h.unitId,
            unitName: h.unitName,
            issuer: h.issuer,
            writtenAt: h.writtenAt,
            publishedAt: h.publishedAt,
            validity: h.validity,
            repealedAt: h.repealedAt,
            amendedAt: h.amendedAt,
            ...snippetForApi(h.snippet),
          })),
          facets: result.facets,
          facetsApproximate: false,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/documents/suggest",
      tags,
      summary: "输入提示：标题中含有所输入文字的公开文件",
      request: { query: z.object({ q: z.string().trim().min(1).max(100) }) },
      responses: {
        200: json(z.object({ items: z.array(z.object({ id: z.number(), title: z.string() })) }), "提示"),
      },
    }),
    async (c) => c.json({ items: await suggestTitles(db, c.req.valid("query").q) }, 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/documents",
      tags,
      summary: "新建文件（草稿，或由审核人直接发布）",
      security: bearerSecurity,
      request: body(ZCreateDocumentBody),
      responses: { 201: json(ZDocumentOut, "已创建"), ...errorResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const p = requirePermission(c, "documents.edit");
      const row = await createDocument(db, actorOf(c), p, c.req.valid("json"));
      return c.json(await viewFor(c, db, row.id), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/documents/{id}",
      tags,
      summary: "一份文件的全部元数据、正文、解读、关联和附件",
      request: { params: ZIdParam },
      responses: { 200: json(ZDocumentOut, "文件"), ...errorResponses(404) },
    }),
    async (c) => c.json(await viewFor(c, db, c.req.valid("param").id), 200),
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/documents/{id}",
      tags,
      summary: "修改文件（生成新版本；已发布文件须填写修改原因 changeNote）",
      security: bearerSecurity,
      request: { params: ZIdParam, ...body(ZUpdateDocumentBody) },
      responses: { 200: json(ZDocumentOut, "已修改"), ...errorResponses(400, 401, 404, 409, 422) },
    }),
    async (c) => {
      const p = requireUser(c);
      const row = await updateDocument(db, actorOf(c), p, c.req.valid("param").id, c.req.valid("json"));
      return c.json(await viewFor(c, db, row.id), 200);
    },
  );

  const transitions = [
    {
      path: "submit",
      summary: "送审",
      schema: z.object({}).strict(),
      run: (c: TCtx, id: number) => submitForReview(db, actorOf(c), requireUser(c), id),
    },
    {
      path: "return",
      summary: "退回修改（审核人）",
      schema: z.object({ comment: z.string().trim().min(2).max(1000) }).strict(),
      run: (c: TCtx, id: number, b: { comment: string }) =>
        returnToDraft(db, actorOf(c), requireUser(c), id, b.comment),
    },
    {
      path: "publish",
      summary: "发布或定时发布（审核人）；缺少解读或含个人信息时须审核人说明或确认",
      schema: ZPublishBody,
      run: (c: TCtx, id: number, b: z.infer<typeof ZPublishBody>) =>
        publishDocument(db, actorOf(c), requireUser(c), id, b),
    },
    {
      path: "withdraw",
      summary: "撤回已发布的文件，公开页面显示撤回说明",
      schema: ZWithdrawBody,
      run: (c: TCtx, id: number, b: { notice: string }) =>
        withdrawDocument(db, actorOf(c), requireUser(c), id, b.notice),
    },
  ] as const;
  for (const t of transitions)
    api.openapi(
      createRoute({
        method: "post",
        path: `/documents/{id}/${t.path}`,
        tags,
        summary: t.summary,
        security: bearerSecurity,
        request: { params: ZIdParam, ...body(t.schema) },
        responses: { 200: json(ZDocumentOut, "完成"), ...errorResponses(400, 401, 403, 404, 409, 422) },
      }),
      async (c) => {
        const id = c.req.valid("param").id;
        await (t.run as (c: TCtx, id: number, b: unknown) => Promise<unknown>)(c, id, c.req.valid("json"));
        return c.json(await viewFor(c, db, id), 200);
      },
    );

  api.openapi(
    createRoute({
      method: "post",
      path: "/documents/{id}/proposals/{relationId}",
      tags,
      summary: "接受或不接受其他单位废止、修改本单位文件的提议（本单位审核人或政务公开办公室）",
      security: bearerSecurity,
      request: {
        params: ZIdParam.extend({ relationId: zIdText }),
        ...body(ZProposalDecision),
      },
      responses: { 200: json(ZDocumentOut, "完成"), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { id, relationId } = c.req.valid("param");
      await decideProposal(db, actorOf(c), requireUser(c), id, relationId, c.req.valid("json").decision);
      return c.json(await viewFor(c, db, id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/documents/{id}/attachments",
      tags,
      summary: "上传附件（PDF、DOCX、XLSX、PNG、JPG，10 MB 以内；按内容识别类型）",
      security: bearerSecurity,
      request: {
        params: ZIdParam,
        body: {
          content: { "multipart/form-data": { schema: z.object({ file: z.any() }) } },
          required: true,
        },
      },
      responses: {
        201: json(z.object({ id: z.number(), name: z.string() }), "已上传"),
        ...errorResponses(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      const file = (await c.req.parseBody()).file;
      if (!(file instanceof File))
        throw new AppError("validation_failed", "请选择要上传的文件。", {
          issues: [{ path: "file", message: "请选择要上传的文件。" }],
        });
      const a = await addDocumentAttachment(db, deps.blobs, actorOf(c), p, c.req.valid("param").id, {
        data: new Uint8Array(await file.arrayBuffer()),
        name: file.name,
      });
      return c.json({ id: a.id, name: a.name }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/documents/{id}/versions",
      tags,
      summary: "文件的历次版本和修改说明（本单位工作人员）",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: json(zList(z.record(z.string(), z.unknown())), "版本"), ...errorResponses(401, 404) },
    }),
    async (c) => {
      const view = await readDocument(db, c.req.valid("param").id, requireUser(c));
      if (!view.isStaffView) throw new AppError("not_found", MSG.notFound);
      const items = (await versionsOf(db, view.row.id)).map((v) => ({
        version: v.version,
        changeNote: v.changeNote,
        createdBy: v.createdBy,
        createdAt: v.createdAt.toISOString(),
        snapshot: v.snapshot,
      }));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/document-topics",
      tags,
      summary: "主题分类（国务院主题分类和本地特色主题）",
      responses: {
        200: json(zList(z.object({ id: z.number(), name: z.string(), kind: z.string() })), "主题"),
      },
    }),
    async (c) => {
      const items = (await listTopics(db)).map((t) => ({ id: t.id, name: t.name, kind: t.kind }));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/document-topics",
      tags,
      summary: "新增特色主题（政务公开办公室）",
      security: bearerSecurity,
      request: body(z.object({ name: z.string().trim().min(1).max(50) }).strict()),
      responses: {
        201: json(z.object({ id: z.number(), name: z.string() }), "已新增"),
        ...errorResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      requirePermission(c, "catalogue.manage");
      const row = await addSpecialTopic(db, actorOf(c), c.req.valid("json").name);
      return c.json({ id: row?.id ?? 0, name: row?.name ?? "" }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/search/synonyms",
      tags,
      summary: "检索同义词组",
      security: bearerSecurity,
      responses: {
        200: json(zList(z.object({ id: z.number(), terms: z.array(z.string()) })), "同义词"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      requirePermission(c, "catalogue.manage");
      const items = (await listSynonyms(db)).map((s) => ({ id: s.id, terms: s.terms }));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/search/synonyms",
      tags,
      summary: "新增同义词组（如 医保、医疗保险）",
      security: bearerSecurity,
      request: body(z.object({ terms: z.array(z.string().trim().min(1).max(30)).min(2).max(10) }).strict()),
      responses: {
        201: json(z.object({ id: z.number(), terms: z.array(z.string()) }), "已新增"),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      requirePermission(c, "catalogue.manage");
      const row = await addSynonymGroup(db, actorOf(c), c.req.valid("json").terms);
      return c.json({ id: row?.id ?? 0, terms: row?.terms ?? [] }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/search/synonyms/{id}",
      tags,
      summary: "删除同义词组",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 204: { description: "已删除" }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      requirePermission(c, "catalogue.manage");
      await removeSynonymGroup(db, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/gazette",
      tags: ["政府公报"],
      summary: "公报各期",
      request: { query: z.object({ year: z.coerce.number().int().min(1949).max(2100).optional() }) },
      responses: {
        200: json(
          zList(
            z.object({
              id: z.number(),
              year: z.number(),
              number: z.number(),
              publishedOn: z.string(),
              title: z.string(),
            }),
          ),
          "各期",
        ),
      },
    }),
    async (c) => {
      const items = (await gazetteIssues(db, c.req.valid("query").year)).map((i) => ({
        id: i.id,
        year: i.year,
        number: i.number,
        publishedOn: i.publishedOn,
        title: i.title,
      }));
      return c.json({ total: items.length, items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/gazette/{id}",
      tags: ["政府公报"],
      summary: "一期公报及其目录",
      request: { params: ZIdParam },
      responses: { 200: json(z.record(z.string(), z.unknown()), "一期公报"), ...errorResponses(404) },
    }),
    async (c) => {
      const issue = await readGazetteIssue(db, c.req.valid("param").id);
      return c.json({ ...issue, createdAt: issue.createdAt.toISOString() }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/gazette",
      tags: ["政府公报"],
      summary: "新建一期公报及其目录（政务公开办公室）",
      security: bearerSecurity,
      request: body(ZGazetteIssueBody),
      responses: { 201: json(z.object({ id: z.number() }), "已创建"), ...errorResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      requirePermission(c, "catalogue.manage");
      const issue = await createGazetteIssue(db, actorOf(c), c.req.valid("json"));
      return c.json({ id: issue.id }, 201);
    },
  );
}
