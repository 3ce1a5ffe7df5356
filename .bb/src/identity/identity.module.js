var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { DidController } from './did.controller.js';
import { DidService } from './did.service.js';
import { DocumentLoaderService } from './document-loader.service.js';
import { IssuerKeyEvents } from './issuer-key-events.js';
import { IssuerKeysController } from './issuer-keys.controller.js';
import { IssuerKeysService } from './issuer-keys.service.js';
import { IssuerSignerService } from './issuer-signer.service.js';
import { KeyStoreService } from './key-store.service.js';
let IdentityModule = class IdentityModule {
};
IdentityModule = __decorate([
    Module({
        controllers: [DidController, IssuerKeysController],
        providers: [KeyStoreService, DidService, DocumentLoaderService, IssuerSignerService, IssuerKeyEvents, IssuerKeysService],
        exports: [KeyStoreService, DidService, DocumentLoaderService, IssuerSignerService, IssuerKeyEvents],
    })
], IdentityModule);
export { IdentityModule };
//# sourceMappingURL=identity.module.js.map