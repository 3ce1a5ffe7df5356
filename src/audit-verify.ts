import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JsonLogger } from './common/logging/logger.js';
import { ConfigModule } from './config/config.module.js';
import { ConfigError, parseConfig, type AppConfig } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { AuditService } from './platform/audit/audit.service.js';
import { PlatformModule } from './platform/platform.module.js';

/** Only the store and the audit trail: no HTTP, no job queue. */
@Module({})
class AuditVerifyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AuditVerifyModule, imports: [ConfigModule.forRoot(config), DatabaseModule, PlatformModule] };
  }
}

/**
 * `npm run audit:verify`: recomputes the whole audit chain — numbers without gaps, links, hashes
 * and MACs under the master key — and names the first broken entry and why. Exit code 0 when the
 * chain holds, 2 when it does not (for monitoring), 1 when it could not be checked.
 */
async function main() {
  const config = parseConfig(process.env);
  const app = await NestFactory.createApplicationContext(AuditVerifyModule.forRoot(config), { logger: new JsonLogger('warn'), abortOnError: false });
  try {
    const report = await app.get(AuditService).verify();
    const head = await app.get(AuditService).head();
    if (report.valid) {
      process.stdout.write(`The audit chain holds: ${report.checked} entries checked, head ${head.seq} (${head.hash}).\n`);
      return 0;
    }
    process.stdout.write(`The audit chain is BROKEN at entry ${report.firstBrokenSeq} (${report.reason}); ${report.checked} entries before it hold.\n`);
    return 2;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Could not check the audit chain: ${error?.message ?? error}\n`);
    process.exit(1);
  },
);
