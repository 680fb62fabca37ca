import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ExtractionModule } from '../extraction/extraction.module.js';
import { OperationsModule } from '../operations/operations.module.js';
import { ComponentHealth } from './component-health.js';
import { HealthController } from './health.controller.js';

/** Liveness, readiness (the database) and every component's health; it observes the features, so it sits above them. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), ExtractionModule, OperationsModule],
  controllers: [HealthController],
  providers: [ComponentHealth],
})
export class HealthModule {}
