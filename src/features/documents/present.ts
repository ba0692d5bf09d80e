import type { TDocumentView } from "./read-document";

/** The document as the JSON API gives it: the fields of API.md plus the links a page shows. */
export function presentDocument(v: TDocumentView) {
  const d = v.row;
  const withdrawn = d.status === "withdrawn";
  return {
    id: d.id,
    indexNo: d.indexNo,
    title: d.title,
    kind: d.kind,
    level: d.level,
    docNumber: d.docNumber,
    unitId: d.unitId,
    unitName: v.unitName,
    issuer: d.issuer,
    writtenAt: d.writtenAt,
    publishedAt: d.publishedAt,
    effectiveAt: d.effectiveAt,
    validity: v.validity,
    // 废止日期 (失效 or 废止) and 修改日期 are different facts: an amended document stays in force.
    repealedAt: d.repealedAt,
    amendedAt: d.amendedAt,
    topics: d.topics,
    keywords: d.keywords,
    summary: d.summary,
    disclosure: d.disclosure,
    // A withdrawn document's text is no longer public: its notice replaces it.
    body: withdrawn && !v.isStaffView ? "" : d.body,
    status: d.status,
    publishAt: d.publishAt?.toISOString() ?? null,
    withdrawalNotice: withdrawn ? d.withdrawalNotice : null,
    interprets: d.interpretsId,
    interpretationForm: d.kind === "interpretation" ? d.interpretationForm : null,
    videoUrl: d.videoUrl || null,
    needsInterpretation: d.needsInterpretation,
    interpretations: v.interpretations.map((i) => ({ id: i.id, title: i.title, form: i.form })),
    relations: v.relations
      .filter((r) => r.state === "applied" || r.kind === "corrects" || r.direction === "from")
      .map((r) => ({ kind: r.kind, direction: r.direction, id: r.id, title: r.title })),
    /** Other units' repeals and amendments waiting for this unit's answer (staff only). */
    ...(v.isStaffView
      ? {
          proposals: v.relations
            .filter((r) => r.direction === "to" && r.state === "proposed")
            .map((r) => ({ relationId: r.relationId, kind: r.kind, id: r.id, title: r.title })),
        }
      : {}),
    attachments: v.attachments.map((a) => ({
      id: a.id,
      name: a.name,
      mime: a.mime,
      size: a.size,
      url: `/documents/${d.id}/attachments/${a.id}`,
    })),
    qa: v.qa,
    gazette: v.gazette,
    version: d.version,
    url: `/documents/${d.id}`,
  };
}
