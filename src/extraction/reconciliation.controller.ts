import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth, Authenticated } from '../auth/authenticated.decorator.js';
import { Scope, type Principal } from '../auth/principal.js';
import { PageQueryDto } from '../common/paging.js';
import { ProblemDto } from '../common/problem.js';
import { UuidParam } from '../common/validation.js';
import {
  ReconciliationDto,
  ReconciliationPage,
  ReconciliationScheduleDto,
  ReconciliationSchedulePayload,
  RepairDto,
  RequestReconciliationPayload,
} from './reconciliation.dto.js';
import { ReconciliationService } from './reconciliation.service.js';

const NOT_FOUND = { type: ProblemDto, description: 'No such connection (or reconciliation) visible to the caller' };
const CONNECTION = { name: 'connectionId', format: 'uuid' } as const;
const RECONCILIATION = { name: 'reconciliationId', format: 'uuid' } as const;

@ApiTags('extraction')
@Controller('connections/:connectionId/reconciliations')
export class ReconciliationController {
  constructor(private readonly service: ReconciliationService) {}

  /** Queue a read-only verification of a period against the source, per UTC day and currency. */
  @Post()
  @HttpCode(202)
  @Authenticated({ scopes: [Scope.SyncWrite] })
  @ApiParam(CONNECTION)
  @ApiAcceptedResponse({ type: ReconciliationDto, description: 'Queued' })
  @ApiNotFoundResponse(NOT_FOUND)
  requestReconciliation(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Body() payload: RequestReconciliationPayload): Promise<ReconciliationDto> {
    return this.service.request(principal, id, payload);
  }

  @Get()
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: ReconciliationPage })
  @ApiNotFoundResponse(NOT_FOUND)
  listReconciliations(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Query() query: PageQueryDto): Promise<ReconciliationPage> {
    return this.service.list(principal, id, query);
  }

  /** Whether yesterday (UTC) is reconciled every day. */
  @Get('schedule')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: ReconciliationScheduleDto })
  @ApiNotFoundResponse(NOT_FOUND)
  getReconciliationSchedule(@Auth() principal: Principal, @UuidParam('connectionId') id: string): Promise<ReconciliationScheduleDto> {
    return this.service.schedule(principal, id);
  }

  @Put('schedule')
  @Authenticated({ scopes: [Scope.SyncWrite] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: ReconciliationScheduleDto })
  @ApiNotFoundResponse(NOT_FOUND)
  setReconciliationSchedule(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Body() payload: ReconciliationSchedulePayload): Promise<ReconciliationScheduleDto> {
    return this.service.setSchedule(principal, id, payload.enabled);
  }

  /** Per day: source, extracted and pushed figures, matched, and the external ids that differ. */
  @Get(':reconciliationId')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiParam(RECONCILIATION)
  @ApiOkResponse({ type: ReconciliationDto })
  @ApiNotFoundResponse(NOT_FOUND)
  getReconciliation(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @UuidParam('reconciliationId') reconciliationId: string): Promise<ReconciliationDto> {
    return this.service.get(principal, id, reconciliationId);
  }

  /** Fix a mismatch: void what the source no longer has, and window re-sync the days the differing documents changed on. */
  @Post(':reconciliationId/repair')
  @HttpCode(202)
  @Authenticated({ scopes: [Scope.SyncWrite] })
  @ApiParam(CONNECTION)
  @ApiParam(RECONCILIATION)
  @ApiAcceptedResponse({ type: RepairDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'Not finished, matched, already repaired, or a run is active' })
  repairReconciliation(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @UuidParam('reconciliationId') reconciliationId: string): Promise<RepairDto> {
    return this.service.repair(principal, id, reconciliationId);
  }
}
