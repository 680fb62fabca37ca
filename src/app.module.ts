import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module.js';
import { CommonModule } from './common/common.module.js';
import { ProblemFilter } from './common/problem.filter.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { typeOrmOptions } from './database/typeorm-options.js';
import { HealthModule } from './health/health.module.js';
import { IntegrationsModule } from './integrations/integrations.module.js';
import { TenantConfigModule } from './tenant-config/tenant-config.module.js';
import { ConnectorsModule } from './connectors/connectors.module.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { HostSystemModule } from './host-system/host-system.module.js';
import { ExtractionModule } from './extraction/extraction.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { TrustFileModule } from './trustfile/trustfile.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { AdminModule } from './admin/admin.module.js';

export interface AppModuleOptions {
  /** Further modules (tests mount probe routes this way). */
  readonly extraModules?: readonly Type[];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...typeOrmOptions(config),
          autoLoadEntities: true,
        }),
        CommonModule,
        AuthModule,
        HealthModule,
        IntegrationsModule,
        TenantConfigModule,
        ConnectorsModule,
        ConnectionsModule,
        HostSystemModule,
        OperationsModule,
        WebhooksModule,
        ExtractionModule,
        TrustFileModule,
        AdminModule,
        ...(options.extraModules ?? []),
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
