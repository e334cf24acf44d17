import { Controller, Get, Req, Res } from '@nestjs/common';
import {
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthMethodsDto } from '@onetrip/contracts';
import { problem, ref } from '../openapi/openapi';
import { ProblemException } from '../problem/problem';
import { Public } from './auth.decorators';
import type { HttpRequest, HttpResponse } from './auth-user';
import { OidcService } from './oidc.service';

/** A browser navigation (not fetch from a script): it gets a redirect instead of problem JSON. */
const isNavigation = (req: HttpRequest): boolean => /text\/html/.test(req.headers.accept ?? '');

function redirect(res: HttpResponse, location: string): void {
  res.statusCode = 302;
  res.setHeader('Location', location);
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * Runs a step of the sign-in; a refusal is problem JSON for scripts, and for a browser a redirect
 * to the login page, which shows the problem's message (`/?login=<code>`).
 */
async function step(
  req: HttpRequest,
  res: HttpResponse,
  run: () => Promise<string>,
): Promise<void> {
  try {
    redirect(res, await run());
  } catch (error) {
    if (!(error instanceof ProblemException) || !isNavigation(req)) throw error;
    redirect(res, `/?login=${encodeURIComponent(error.problem.code)}`);
  }
}

/** OIDC single sign-on (docs/security.md#oidc-single-sign-on, decision 0022). */
@ApiTags('auth')
@Controller('api/v1/auth')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  @Get('methods')
  @Public()
  @ApiOkResponse({ schema: ref('AuthMethodsDto'), description: 'What the login page offers' })
  methods(): AuthMethodsDto {
    return this.oidc.methods();
  }

  @Get('oidc/login')
  @Public()
  @ApiFoundResponse({ description: "Redirects to the provider's authorization endpoint" })
  @ApiNotFoundResponse(problem('Single sign-on is not configured (auth.oidc-disabled)'))
  @ApiServiceUnavailableResponse(problem('The provider cannot be reached (auth.oidc-unavailable)'))
  login(@Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse): Promise<void> {
    return step(req, res, () => this.oidc.start(req, res));
  }

  @Get('oidc/callback')
  @Public()
  @ApiFoundResponse({
    description:
      'Opens a session (cookie) and redirects to the web app; a browser is sent to the login page with ?login=<code> when refused',
  })
  @ApiUnauthorizedResponse(
    problem(
      'Refused: auth.oidc-state, auth.oidc-invalid-token, auth.oidc-provider-error, auth.oidc-claims',
    ),
  )
  callback(@Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse): Promise<void> {
    return step(req, res, async () => {
      await this.oidc.finish(req, res);
      return '/';
    });
  }
}
