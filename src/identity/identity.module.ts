import { Module } from '@nestjs/common';
import { DidController } from './did.controller.js';
import { DidService } from './did.service.js';
import { DocumentLoaderService } from './document-loader.service.js';
import { IssuerSignerService } from './issuer-signer.service.js';
import { KeyStoreService } from './key-store.service.js';

@Module({
  controllers: [DidController],
  providers: [KeyStoreService, DidService, DocumentLoaderService, IssuerSignerService],
  exports: [KeyStoreService, DidService, DocumentLoaderService, IssuerSignerService],
})
export class IdentityModule {}
