import { Module } from '@nestjs/common';
import { DidController } from './did.controller.js';
import { DidService } from './did.service.js';
import { DocumentLoaderService } from './document-loader.service.js';
import { KeyStoreService } from './key-store.service.js';

@Module({
  controllers: [DidController],
  providers: [KeyStoreService, DidService, DocumentLoaderService],
  exports: [KeyStoreService, DidService, DocumentLoaderService],
})
export class IdentityModule {}
