import { Global, Module } from '@nestjs/common';
import { CryptoService } from './crypto.service.js';

/** Building blocks every feature module may inject. */
@Global()
@Module({ providers: [CryptoService], exports: [CryptoService] })
export class CommonModule {}
