import { Body, Controller, Delete, Get, Head, Headers, HttpCode, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiBadRequestResponse,
  ApiBody,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Authenticated } from '../auth/authenticated.decorator.js';
import { Scope, type Principal } from '../auth/principal.js';
import { ETAG_HEADER } from '../common/etag.js';
import { ProblemDto } from '../common/problem.js';
import { UuidParam } from '../common/validation.js';
import { IF_MATCH_HEADER } from '../integrations/tenant-integration.controller.js';
import {
  ConnectionDto,
  ConnectionPage,
  CreateConnectionPayload,
  CREDENTIALS_BODY_SCHEMA,
  type CredentialsPayload,
  ListConnectionsQuery,
  UpdateConnectionPayload,
} from './connection.dto.js';
import { ConnectionService } from './connection.service.js';

const NOT_FOUND = { type: ProblemDto, description: 'No such connection visible to the caller' };

@ApiTags('connections')
@Controller('connections')
export class ConnectionController {
  constructor(private readonly service: ConnectionService) {}

  /**
   * Step 1 of the provisioning workflow: created disabled, with no start date unless given. With an
   * `id` (TrustFile's PostConnection), a repeated identical post answers 200 with the connection.
   */
  @Post()
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiCreatedResponse({ type: ConnectionDto })
  @ApiOkResponse({ type: ConnectionDto, description: 'The same id was posted before with the same content: nothing changed' })
  @ApiConflictResponse({ type: ProblemDto, description: 'companyToken taken, the id taken by different content, or enabled without start date/authorization' })
  async createConnection(@Auth() principal: Principal, @Body() payload: CreateConnectionPayload, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConnectionDto> {
    const { connection, created } = await this.service.create(principal, payload);
    if (!created) reply.status(200);
    return connection;
  }

  /** Whether the connection exists for the caller (TrustFile's HeadConnectionDetail): 200 or 404, no body. */
  @Head(':connectionId')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiOkResponse({ description: 'It exists' })
  @ApiNotFoundResponse({ description: 'No such connection visible to the caller' })
  async headConnection(@Auth() principal: Principal, @UuidParam('connectionId') id: string): Promise<void> {
    await this.service.get(principal, id);
  }

  @Get()
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiOkResponse({ type: ConnectionPage })
  listConnections(@Auth() principal: Principal, @Query() query: ListConnectionsQuery): Promise<ConnectionPage> {
    return this.service.list(principal, query);
  }

  @Get(':connectionId')
  @Authenticated({ scopes: [Scope.ConnectionRead] })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiOkResponse({ type: ConnectionDto, headers: ETAG_HEADER })
  @ApiNotFoundResponse(NOT_FOUND)
  getConnection(@Auth() principal: Principal, @UuidParam('connectionId') id: string): Promise<ConnectionDto> {
    return this.service.get(principal, id);
  }

  /** Partial update, as the extractor spec uses it: `{ "enabled": true, "startDate": "2018-04-01" }`. */
  @Put(':connectionId')
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: ConnectionDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'Stale version, or enabling without start date/authorization' })
  updateConnection(
    @Auth() principal: Principal,
    @UuidParam('connectionId') id: string,
    @Body() payload: UpdateConnectionPayload,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ConnectionDto> {
    return this.service.update(principal, id, payload, ifMatch);
  }

  /** Same as PUT: only the fields sent change; settings merge as a JSON merge patch. */
  @Patch(':connectionId')
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: ConnectionDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'Stale version, or enabling without start date/authorization' })
  patchConnection(
    @Auth() principal: Principal,
    @UuidParam('connectionId') id: string,
    @Body() payload: UpdateConnectionPayload,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ConnectionDto> {
    return this.service.update(principal, id, payload, ifMatch);
  }

  /** Stops all scheduling and removes the credentials; extracted data and run history are kept. */
  @Delete(':connectionId')
  @HttpCode(204)
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse(NOT_FOUND)
  deleteConnection(@Auth() principal: Principal, @UuidParam('connectionId') id: string, @Headers('if-match') ifMatch?: string): Promise<void> {
    return this.service.delete(principal, id, ifMatch);
  }

  /**
   * Store the credentials of an apiKey connector (write-only; encrypted at rest), after one cheap
   * call to the host with them: accepted, they authorize the connection; refused, nothing changes.
   */
  @Put(':connectionId/credentials')
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiBody({ schema: CREDENTIALS_BODY_SCHEMA as never })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: "Fields missing or not in the connector's credentialsSchema (each named), or the host refused the credentials (its message)" })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'The connector is not authorized with credentials' })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'The host could not be asked; nothing was stored' })
  putConnectionCredentials(
    @Auth() principal: Principal,
    @UuidParam('connectionId') id: string,
    @Body() payload: CredentialsPayload,
  ): Promise<ConnectionDto> {
    return this.service.putCredentials(principal, id, payload);
  }

  /** Revoke the stored credentials; an enabled connection is disabled. */
  @Delete(':connectionId/credentials')
  @HttpCode(204)
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse(NOT_FOUND)
  deleteConnectionCredentials(@Auth() principal: Principal, @UuidParam('connectionId') id: string): Promise<void> {
    return this.service.deleteCredentials(principal, id);
  }
}
