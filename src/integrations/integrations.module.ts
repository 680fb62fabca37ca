import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenantIntegrationController } from './tenant-integration.controller.js';
import { TenantIntegrationEntity } from './tenant-integration.entity.js';
import { TenantIntegrationRepository } from './tenant-integration.repository.js';
import { TenantIntegrationService } from './tenant-integration.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([TenantIntegrationEntity])],
  controllers: [TenantIntegrationController],
  providers: [TenantIntegrationRepository, TenantIntegrationService],
  exports: [TenantIntegrationRepository, TenantIntegrationService],
})
export class IntegrationsModule {}
