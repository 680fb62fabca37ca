import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { OAuthController } from './oauth/oauth.controller.js';
import { OAuthService } from './oauth/oauth.service.js';

@Module({ imports: [ConnectionsModule], controllers: [OAuthController], providers: [OAuthService] })
export class HostSystemModule {}
