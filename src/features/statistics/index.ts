// Public statistics (公开统计): requests per month and on time, outcomes, appeals and their
// correction rate, documents published per unit and month, late publications.

export { computeStatistics, type TStatistics } from "./compute-statistics";
export { registerStatisticsApi } from "./statistics.api";
export { statisticsRoutes } from "./statistics.routes";
export { BarChart, ColumnChart, type TDatum } from "./svg-charts";
