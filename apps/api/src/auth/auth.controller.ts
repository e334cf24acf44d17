import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { LoginDto, SessionDto } from '@onetrip/contracts';
import { problem, ref } from '../openapi/openapi';
import { MinRole, Public } from './auth.decorators';
import type { AuthUser, HttpRequest, HttpResponse } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user';
import { Audited } from '../audit/audited';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Audited('login', { action: 'login-failed', codes: ['auth.invalid-credentials'] })
  @Public()
  @HttpCode(200)
  @ApiBody({ schema: ref('LoginRequest') })
  @ApiOkResponse({ schema: ref('LoginDto'), description: 'Sets the session cookie too' })
  @ApiUnauthorizedResponse(problem('Unknown user or wrong password (auth.invalid-credentials)'))
  @ApiTooManyRequestsResponse(problem('Too many failed logins (auth.throttled)'))
  login(
    @Body() body: unknown,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<LoginDto> {
    return this.auth.login(body, req, res);
  }

  @Get('link/:token')
  @Audited('login')
  @Public()
  @ApiOkResponse({
    description:
      'Redirects to the web app: with a session cookie when the link is good, else to its login page',
  })
  async link(
    @Param('token') token: string,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<void> {
    const ok = await this.auth.redeemLink(token, req, res);
    res.statusCode = 302;
    res.setHeader('Location', ok ? '/' : '/?login=link-expired');
    res.setHeader('Cache-Control', 'no-store');
  }

  @Post('logout')
  @Audited('logout')
  @MinRole('viewer')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is ended and the cookie cleared' })
  logout(
    @CurrentUser() user: AuthUser,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<void> {
    return this.auth.logout(user, req, res);
  }

  @Get('me')
  @ApiOkResponse({ schema: ref('SessionDto') })
  me(@CurrentUser() user: AuthUser): Promise<SessionDto> {
    return this.auth.me(user);
  }

  @Post('password')
  @Audited('password-changed')
  @MinRole('viewer')
  @HttpCode(204)
  @ApiBody({ schema: ref('ChangePasswordRequest') })
  @ApiNoContentResponse({ description: 'Changed; the other sessions of the user are ended' })
  changePassword(@CurrentUser() user: AuthUser, @Body() body: unknown): Promise<void> {
    return this.auth.changePassword(user, body);
  }
}
