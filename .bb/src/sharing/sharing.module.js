var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
/**
 * Sharing with relying parties under recorded approvals (第二十四条: 谁批准、谁负责). Empty on
 * purpose for now: its issue comes after the identity credential. See docs/architecture.md.
 */
let SharingModule = class SharingModule {
};
SharingModule = __decorate([
    Module({})
], SharingModule);
export { SharingModule };
//# sourceMappingURL=sharing.module.js.map