import { Module } from '@nestjs/common';
import { DidController } from './did.controller.js';
import { DidService } from './did.service.js';
import { DocumentLoaderService } from './document-loader.service.js';
import { IssuerKeyEvents } from './issuer-key-events.js';
import { IssuerKeysController } from './issuer-keys.controller.js';
import { IssuerKeysService } from './issuer-keys.service.js';
import { IssuerSignerService } from './issuer-signer.service.js';
import { KeyStoreService } from './key-store.service.js';
import { TrustListController } from './trust-list/trust-list.controller.js';
import { TrustListService } from './trust-list/trust-list.service.js';

@Module({
  controllers: [DidController, IssuerKeysController, TrustListController],
  providers: [KeyStoreService, DidService, DocumentLoaderService, IssuerSignerService, IssuerKeyEvents, IssuerKeysService, TrustListService],
  exports: [KeyStoreService, DidService, DocumentLoaderService, IssuerSignerService, IssuerKeyEvents, TrustListService],
})
export class IdentityModule {}
