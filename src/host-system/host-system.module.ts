import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { OAuthController } from './oauth/oauth.controller.js';
import { HostCredentialsService } from './oauth/host-credentials.service.js';
import { OAuthService } from './oauth/oauth.service.js';

@Module({ imports: [ConnectionsModule], controllers: [OAuthController], providers: [OAuthService, HostCredentialsService], exports: [HostCredentialsService] })
export class HostSystemModule {}
