import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { ProblemDto } from '../common/problem.js';
import { ConnectorCatalog } from './connector-catalog.js';
import { ConnectorDto, ConnectorListDto, toConnectorDto } from './connector.dto.js';

@ApiTags('connectors')
@Controller('connectors')
export class ConnectorController {
  constructor(private readonly catalog: ConnectorCatalog) {}

  /** Every connector the service knows, with its plugs and the JSON Schema of its settings. */
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: ConnectorListDto })
  listConnectors(): ConnectorListDto {
    return { content: this.catalog.list().map(toConnectorDto) };
  }

  @Get(':connector')
  @Authenticated()
  @ApiOkResponse({ type: ConnectorDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  getConnector(@Param('connector') id: string): ConnectorDto {
    return toConnectorDto(this.catalog.get(id));
  }
}
