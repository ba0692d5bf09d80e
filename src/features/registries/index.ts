// Registries: government new-media accounts and their inspections (task 45), training records and
// the yearly 通识培训 rule (tasks 58–59), the staff case library (task 52), public enterprises and
// institutions by sector, and the 政府信息查阅点 (task 47).

export { anonymise } from "./anonymise";
export { createCase } from "./cases";
export { saveEnterprise, saveReadingRoom } from "./directory";
export { newMediaScore, recordInspection, registerAccount, type TUnitNewMediaScore } from "./new-media";
export { isStale, scoreInspection } from "./new-media-score";
export { registriesRoutes } from "./registries.routes";
export { recordTraining, trainingDone } from "./training";
export { type TBoardRow, type TTrainingState, trainingBoard } from "./training-board";
