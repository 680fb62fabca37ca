import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth, Authenticated } from '../auth/authenticated.decorator.js';
import { Scope, type Principal } from '../auth/principal.js';
import { ProblemDto } from '../common/problem.js';
import { UuidParam } from '../common/validation.js';
import {
  ConnectionSyncStatusDto,
  ExtractedRecordPage,
  ListRecordsQuery,
  ListSyncsQuery,
  ListTransactionsQuery,
  MoveCheckpointPayload,
  StreamStateDto,
  SummaryDto,
  SummaryQuery,
  SyncRunDto,
  SyncRunPage,
  TransactionDetailDto,
  TransactionPage,
  TriggerSyncPayload,
} from './extraction.dto.js';
import { ExtractionService } from './extraction.service.js';

const NOT_FOUND = { type: ProblemDto, description: 'No such connection (or run, stream, transaction) visible to the caller' };
const CONNECTION = { name: 'connectionId', format: 'uuid' } as const;

@ApiTags('extraction')
@Controller('connections/:connectionId')
export class ExtractionController {
  constructor(private readonly service: ExtractionService) {}

  /** Queue a run now; with `from`/`to`, re-read that window (upserts only, checkpoints untouched). */
  @Post('syncs')
  @HttpCode(202)
  @Authenticated({ scopes: [Scope.SyncWrite] })
  @ApiParam(CONNECTION)
  @ApiAcceptedResponse({ type: SyncRunDto, description: 'Queued' })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'Not enabled, not authorized, or a run is already queued or running (activeSyncId)' })
  triggerSync(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Body() payload: TriggerSyncPayload): Promise<SyncRunDto> {
    return this.service.trigger(principal, id, payload ?? {});
  }

  @Get('syncs')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: SyncRunPage })
  @ApiNotFoundResponse(NOT_FOUND)
  listSyncs(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Query() query: ListSyncsQuery): Promise<SyncRunPage> {
    return this.service.listRuns(principal, id, query);
  }

  @Get('syncs/:syncId')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiParam({ name: 'syncId', format: 'uuid' })
  @ApiOkResponse({ type: SyncRunDto })
  @ApiNotFoundResponse(NOT_FOUND)
  getSync(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @UuidParam('syncId') syncId: string): Promise<SyncRunDto> {
    return this.service.getRun(principal, id, syncId);
  }

  /** A queued run is dropped; a running one stops after its current page (what it committed stays). */
  @Post('syncs/:syncId/cancel')
  @HttpCode(200)
  @Authenticated({ scopes: [Scope.SyncWrite] })
  @ApiParam(CONNECTION)
  @ApiParam({ name: 'syncId', format: 'uuid' })
  @ApiOkResponse({ type: SyncRunDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'The run has already finished' })
  cancelSync(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @UuidParam('syncId') syncId: string): Promise<SyncRunDto> {
    return this.service.cancel(principal, id, syncId);
  }

  /** The connection's state, its authorization and its latest run (with progress while it runs). */
  @Get('status')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: ConnectionSyncStatusDto })
  @ApiNotFoundResponse(NOT_FOUND)
  getConnectionStatus(@Auth() principal: Principal, @UuidParam('connectionId') id: string): Promise<ConnectionSyncStatusDto> {
    return this.service.status(principal, id);
  }

  @Get('streams')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: [StreamStateDto] })
  @ApiNotFoundResponse(NOT_FOUND)
  listStreams(@Auth() principal: Principal, @UuidParam('connectionId') id: string): Promise<StreamStateDto[]> {
    return this.service.streams(principal, id);
  }

  /** Move a stream's checkpoint: the next run reads from there (minus the lookback). Recorded with who did it. */
  @Put('streams/:stream')
  @Authenticated({ scopes: [Scope.SyncWrite] })
  @ApiParam(CONNECTION)
  @ApiParam({ name: 'stream', example: 'orders' })
  @ApiOkResponse({ type: StreamStateDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'A run is queued or running' })
  moveCheckpoint(
    @Auth() principal: Principal,
    @UuidParam('connectionId') id: string,
    @Param('stream') stream: string,
    @Body() payload: MoveCheckpointPayload,
  ): Promise<StreamStateDto> {
    return this.service.moveCheckpoint(principal, id, stream, payload.syncedThrough);
  }

  /** Reset a stream: the next run reads again from the connection's startDate (upserting, so nothing is duplicated). */
  @Delete('streams/:stream/checkpoint')
  @Authenticated({ scopes: [Scope.SyncWrite] })
  @ApiParam(CONNECTION)
  @ApiParam({ name: 'stream', example: 'orders' })
  @ApiOkResponse({ type: StreamStateDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'A run is queued or running' })
  resetCheckpoint(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Param('stream') stream: string): Promise<StreamStateDto> {
    return this.service.moveCheckpoint(principal, id, stream, null);
  }

  @Get('transactions')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: TransactionPage })
  @ApiNotFoundResponse(NOT_FOUND)
  listTransactions(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Query() query: ListTransactionsQuery): Promise<TransactionPage> {
    return this.service.listTransactions(principal, id, query);
  }

  /** Per UTC day and currency, active documents only: sales, refunds and their tax and shipping. */
  @Get('transactions/summary')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: SummaryDto })
  @ApiNotFoundResponse(NOT_FOUND)
  summarizeTransactions(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Query() query: SummaryQuery): Promise<SummaryDto> {
    return this.service.summary(principal, id, query);
  }

  @Get('transactions/:transactionId')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiParam({ name: 'transactionId', format: 'uuid' })
  @ApiOkResponse({ type: TransactionDetailDto })
  @ApiNotFoundResponse(NOT_FOUND)
  getTransaction(
    @Auth() principal: Principal,
    @UuidParam('connectionId') id: string,
    @UuidParam('transactionId') transactionId: string,
  ): Promise<TransactionDetailDto> {
    return this.service.getTransaction(principal, id, transactionId);
  }

  /** Records of a reference stream (AroFlo users, suppliers, payments), flattened. */
  @Get('records')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam(CONNECTION)
  @ApiOkResponse({ type: ExtractedRecordPage })
  @ApiNotFoundResponse(NOT_FOUND)
  listRecords(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Query() query: ListRecordsQuery): Promise<ExtractedRecordPage> {
    return this.service.listRecords(principal, id, query);
  }
}
