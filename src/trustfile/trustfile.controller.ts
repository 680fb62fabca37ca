import { Controller, Get, Put, Query } from '@nestjs/common';
import { ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth, Authenticated } from '../auth/authenticated.decorator.js';
import { Scope, type Principal } from '../auth/principal.js';
import { PageQueryDto } from '../common/paging.js';
import { ProblemDto } from '../common/problem.js';
import { UuidParam } from '../common/validation.js';
import {
  ActivityPage,
  BadItemPage,
  ConnectorStateDto,
  ConnectorErrorPage,
  ListActivitiesQuery,
  ListErrorsQuery,
  PutConnectorQuery,
  QueueDepthDto,
} from './trustfile.dto.js';
import { TrustFileApiService } from './trustfile-api.service.js';

const NOT_FOUND = { type: ProblemDto, description: 'No such connection visible to the caller' };
const CONNECTION = { name: 'connectionId', format: 'uuid' } as const;

@ApiTags('trustfile')
@ApiExtraModels(QueueDepthDto)
@Controller()
export class TrustFileController {
  constructor(private readonly service: TrustFileApiService) {}

  /** The connection's activity log, newest first: runs, pushes, authorization, enable/disable, checkpoint moves, errors. */
  @Get('connections/:connectionId/activities')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: ActivityPage })
  @ApiNotFoundResponse(NOT_FOUND)
  listActivities(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Query() query: ListActivitiesQuery): Promise<ActivityPage> {
    return this.service.activities(principal, id, query);
  }

  /** Items TrustFile rejected (not sent again until the document changes) and records that failed the canonical schema. */
  @Get('connections/:connectionId/baditems')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: BadItemPage })
  @ApiNotFoundResponse(NOT_FOUND)
  listBadItems(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Query() query: PageQueryDto): Promise<BadItemPage> {
    return this.service.badItems(principal, id, query);
  }

  /** Connector-level errors, newest first (TrustFile service token only: they span tenants). */
  @Get('errors')
  @Authenticated()
  @ApiOkResponse({ type: ConnectorErrorPage })
  listErrors(@Auth() principal: Principal, @Query() query: ListErrorsQuery): Promise<ConnectorErrorPage> {
    return this.service.errors(principal, query);
  }

  /** The connector's state: its switch, version, connections by status, queues, the oldest due run, the push. */
  @Get('connector')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiOkResponse({ type: ConnectorStateDto })
  getConnectorState(): Promise<ConnectorStateDto> {
    return this.service.connector();
  }

  /** Pause (`enabled=false`) or resume all scheduling and pushing; runs in flight stop after their current page. Service token only. */
  @Put('connector')
  @Authenticated()
  @ApiOkResponse({ type: ConnectorStateDto })
  setConnectorState(@Auth() principal: Principal, @Query() query: PutConnectorQuery): Promise<ConnectorStateDto> {
    return this.service.setConnector(principal, query.enabled);
  }
}
