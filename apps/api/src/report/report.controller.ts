import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ReportQuerySchema } from '@onetrip/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Audited } from '../audit/audited';
import type { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CurrentUser } from '../auth/current-user';
import { ApiQueryFrom, problem } from '../openapi/openapi';
import { ReportService } from './report.service';

/** The monthly report for the leadership: managers and above, in the dataset's department. */
@ApiTags('goals')
@Controller('api/v1/datasets/:id/report')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get()
  @MinRole('manager')
  @Audited('exported')
  @ApiQueryFrom(ReportQuerySchema)
  @ApiProduces('text/html', 'application/pdf')
  @ApiOkResponse({
    schema: { type: 'string' },
    description:
      'Printable HTML (A4) or PDF: data period, key figures against the previous and the ' +
      'baseline month, goal cards with trajectories, league tables, definitions',
  })
  @ApiBadRequestResponse(problem('request.invalid, report.month-without-data'))
  @ApiConflictResponse(problem('report.not-mined'))
  @ApiServiceUnavailableResponse(problem('report.pdf-unavailable (no Chromium)'))
  @ApiNotFoundResponse(problem())
  async report(
    @Param('id') datasetId: string,
    @Query() query: Record<string, unknown>,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    const report = await this.reports.render(
      datasetId,
      query,
      user,
      req.headers['accept-language'],
    );
    res.statusCode = 200;
    res.setHeader('Content-Type', report.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Disposition',
      `inline; filename="report${report.contentType === 'application/pdf' ? '.pdf' : '.html'}"; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
    );
    res.end(report.body);
  }
}
