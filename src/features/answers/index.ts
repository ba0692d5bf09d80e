// 政策问答: answers from the articles of valid published documents, with citations; an optional
// generated answer; the question queue, the 问答库 and the log of phone and in-person enquiries.

export { answerFor } from "./answer-for";
export { retrieveClauses, type TCitation } from "./answer-question";
export { registerAnswersApi } from "./answers.api";
export { answersRoutes } from "./answers.routes";
export { ensureClauseIndex, onDocumentChange, syncClauseIndex } from "./clause-index";
export { overdueQuestionsCard } from "./overdue-card";
