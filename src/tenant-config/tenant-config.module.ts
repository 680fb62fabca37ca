import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IntegrationsModule } from '../integrations/integrations.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import {
  PartnerTenantConfigController,
  TenantConfigController,
  TenantIntegrationLifecycleController,
} from './tenant-config.controller.js';
import { TenantConfigEntity, TenantConfigVersionEntity } from './tenant-config.entity.js';
import { TenantConfigRepository } from './tenant-config.repository.js';
import { TenantConfigService } from './tenant-config.service.js';
import { TenantIntegrationLifecycleService } from './tenant-integration-lifecycle.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([TenantConfigEntity, TenantConfigVersionEntity]), IntegrationsModule, WebhooksModule],
  controllers: [TenantConfigController, PartnerTenantConfigController, TenantIntegrationLifecycleController],
  providers: [TenantConfigRepository, TenantConfigService, TenantIntegrationLifecycleService],
  exports: [TenantConfigRepository],
})
export class TenantConfigModule {}
