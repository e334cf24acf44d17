import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, GoalRepository, type AppConfig } from '@onetrip/backend';
import { ReportQuerySchema } from '@onetrip/contracts';
import type { AuthUser } from '../auth/auth-user';
import { seesSmallCounts } from '../auth/row-scope';
import { DatasetsService } from '../datasets/datasets.service';
import { toGoalDto } from '../goals/goals.service';
import { ProblemException } from '../problem/problem';
import { validate } from '../problem/validate';
import { buildReportModel, linesUpTo, reportMonths, type ReportLanguage } from './report-model';
import { printPdf } from './report-pdf';
import { renderReport } from './render-report';

export interface RenderedReport {
  contentType: string;
  fileName: string;
  body: string | Buffer;
}

/** zh-CN when the query or the browser asks for Chinese, English otherwise. */
export function reportLanguage(lang: string | undefined, acceptLanguage?: string): ReportLanguage {
  if (lang === 'zh-CN' || lang === 'en') return lang;
  return /^\s*zh/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en';
}

/**
 * The monthly report of a dataset: its newest whole-dataset result's monthly series and its goals
 * measured as of the month's end (the same measurement as the goals routes, decision 0025).
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly goals: GoalRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async render(
    datasetId: string,
    query: Record<string, unknown>,
    user: AuthUser,
    acceptLanguage: string | undefined,
  ): Promise<RenderedReport> {
    const dataset = await this.datasets.require(datasetId);
    const q = validate(ReportQuerySchema, query);
    const lang = reportLanguage(q.lang, acceptLanguage);
    const [goals, latest] = await Promise.all([
      this.goals.listByDataset(datasetId),
      this.goals.measuredVersions(datasetId, true),
    ]);
    const version = latest[0];
    if (!version || !version.month) {
      throw new ProblemException(
        409,
        'report.not-mined',
        'The dataset has no result of the whole dataset with KPI series yet: mine it first.',
      );
    }
    const months = reportMonths(version.month);
    const month = q.month ?? months[months.length - 1];
    if (!month || !months.includes(month)) {
      throw new ProblemException(
        400,
        'report.month-without-data',
        `No journeys started in ${q.month ?? 'any month'}; months with data: ${months[0] ?? '—'} to ${months[months.length - 1] ?? '—'}.`,
        { errors: [{ field: 'month', message: 'has no journeys' }] },
      );
    }
    const asOfMonth = { ...version, month: linesUpTo(version.month, month) };
    const model = buildReportModel({
      lang,
      dataset: { id: dataset.id, name: dataset.name, timeZone: dataset.timezone },
      month,
      lines: version.month,
      datasetVersion: version.datasetVersion,
      runId: version.runId,
      measuredAt: version.finishedAt ? version.finishedAt.toISOString() : null,
      goals: goals.map((g) => toGoalDto(g, asOfMonth)),
      smallCountK: seesSmallCounts(user) ? null : this.config.smallCountK,
    });
    const html = renderReport(model, new Date().toISOString());
    const fileName = `${dataset.name}-${month}-${lang}`;
    if (q.format === 'pdf') {
      return {
        contentType: 'application/pdf',
        fileName: `${fileName}.pdf`,
        body: await printPdf(html, this.config.chromiumPath),
      };
    }
    return { contentType: 'text/html; charset=utf-8', fileName: `${fileName}.html`, body: html };
  }
}
