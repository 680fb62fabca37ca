import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { CREDENTIAL_REVOKER } from '../connections/credential-revoker.js';
import { OperationsModule } from '../operations/operations.module.js';
import { OAuthController } from './oauth/oauth.controller.js';
import { HostHttpClientFactory } from './host-http.factory.js';
import { HostCredentialsService } from './oauth/host-credentials.service.js';
import { OAuthService } from './oauth/oauth.service.js';

@Module({
  imports: [ConnectionsModule, OperationsModule],
  controllers: [OAuthController],
  providers: [OAuthService, HostCredentialsService, HostHttpClientFactory, { provide: CREDENTIAL_REVOKER, useExisting: HostCredentialsService }],
  exports: [HostCredentialsService, HostHttpClientFactory],
})
export class HostSystemModule {}
