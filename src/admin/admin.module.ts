import { Module } from '@nestjs/common';
import { AdminAssets } from './admin-assets.js';
import { AdminController } from './admin.controller.js';

/** The admin page at /admin (see admin/ for its source and build). */
@Module({
  controllers: [AdminController],
  providers: [{ provide: AdminAssets, useFactory: () => new AdminAssets() }],
})
export class AdminModule {}
