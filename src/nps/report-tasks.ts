import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { npsReportDocument } from './nps-document.js';
import { npsReport } from './nps-report.js';
import { drivers, topicTrends } from './topics.js';
import { verbatims } from './verbatims.js';

/**
 * The reads of the NPS routes that can take long (a year of surveys read from the surveys themselves
 * is a scan of every one): run by `ReportRunner` in a worker thread, never on the event loop that
 * answers the other requests. Each takes the database first, then plain values, and answers plain
 * values (they cross between threads).
 */
export const REPORT_TASKS = {
  report: npsReport,
  reportDocument: npsReportDocument,
  topics: topicTrends,
  drivers,
  verbatims,
} as const;

export type ReportTasks = typeof REPORT_TASKS;
export type ReportTask = keyof ReportTasks;
/** A task's arguments after the database. */
export type TaskArgs<K extends ReportTask> = Parameters<ReportTasks[K]> extends [Kysely<Database>, ...infer Rest] ? Rest : never;
export type TaskResult<K extends ReportTask> = Awaited<ReturnType<ReportTasks[K]>>;

/** A job sent to a report thread, and its answer. */
export interface ReportJob {
  id: number;
  task: ReportTask;
  args: unknown[];
}
export type ReportAnswer = { id: number; value: unknown } | { id: number; error: ThreadError };

/** An error as it crosses threads: a DomainError keeps its status, code, fields and params. */
export interface ThreadError {
  message: string;
  stack?: string | undefined;
  domain?: { status: number; code: string; fields: { field: string; reason: string }[]; params?: Record<string, string | number> | undefined };
}
