// 政策问答: answers from the articles of valid published documents, with citations; an optional
// generated answer; the question queue, the 问答库 and the log of phone and in-person enquiries.

export { retrieveClauses, type TCitation } from "./answer-question";
export { ensureClauseIndex, onDocumentChange, syncClauseIndex } from "./clause-index";
