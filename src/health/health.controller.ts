import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/authenticated.decorator.js';
import { ServiceUnavailableError } from '../common/errors.js';
import { ProblemDto } from '../common/problem.js';
import { ComponentHealth } from './component-health.js';
import { HealthDto } from './health.dto.js';

const DATABASE_PING_TIMEOUT_MS = 1500;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly components: ComponentHealth,
  ) {}

  /** Every component: database, job queue, TrustFile (when the push is configured) and the connector switch. */
  @Get()
  @ApiOkResponse({ type: HealthDto, description: 'Every component reports up (details per component)' })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'A component is down (checks per component)' })
  async getHealth(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database').withTimeout(DATABASE_PING_TIMEOUT_MS),
        () => this.components.queueHealth(),
        ...(this.components.trustfileConfigured ? [() => this.components.trustfileHealth()] : []),
        () => this.components.connectorHealth(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      if (down.includes('database')) throw new ServiceUnavailableError('HEALTH.DATABASE_UNAVAILABLE', 'The database is unreachable', { checks: result.details });
      throw new ServiceUnavailableError('HEALTH.COMPONENT_UNAVAILABLE', `Down: ${down.join(', ')}`, { checks: result.details });
    }
  }

  @Get('live')
  @ApiOkResponse({ type: HealthDto, description: 'The process is up (no dependency is checked)' })
  getLiveness(): HealthDto {
    return { status: 'ok', info: {}, error: {}, details: {} };
  }

  @Get('ready')
  @ApiOkResponse({ type: HealthDto, description: 'Ready to serve: the database answers' })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'The database is unreachable' })
  getReadiness(): Promise<HealthCheckResult> {
    return this.checkDatabase();
  }

  private async checkDatabase(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.pingCheck('database').withTimeout(DATABASE_PING_TIMEOUT_MS)]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      throw new ServiceUnavailableError('HEALTH.DATABASE_UNAVAILABLE', 'The database is unreachable', {
        checks: result.details,
      });
    }
  }
}
