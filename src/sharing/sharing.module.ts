import { Module } from '@nestjs/common';

/**
 * Sharing with relying parties under recorded approvals (第二十四条: 谁批准、谁负责). Empty on
 * purpose for now: its issue comes after the identity credential. See docs/architecture.md.
 */
@Module({})
export class SharingModule {}
