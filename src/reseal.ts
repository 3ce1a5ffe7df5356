import 'reflect-metadata';
import { z } from 'zod';
import { ConfigError, parseConfig } from './config/config.js';
import { resealStore } from './platform/setup/reseal.js';

/**
 * `XUEJI_MASTER_KEY=<new> XUEJI_PREVIOUS_MASTER_KEY=<old> npm run reseal`, with the service
 * stopped: re-seals every sealed secret under the new master key in one transaction (see
 * platform/setup/reseal.ts), then start the service with the new key only.
 */
const PreviousKey = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded in base64 (the master key used until now)')
  .optional();

async function main() {
  const config = parseConfig(process.env);
  const previous = PreviousKey.safeParse(process.env.XUEJI_PREVIOUS_MASTER_KEY || undefined);
  if (!previous.success) throw new ConfigError([`XUEJI_PREVIOUS_MASTER_KEY: ${previous.error.issues[0].message}`]);
  const previousKey = previous.data ? Buffer.from(previous.data, 'base64') : null;
  if (previousKey?.equals(config.masterKey)) {
    throw new ConfigError(['XUEJI_PREVIOUS_MASTER_KEY: is the same as the current master key; put the new key in XUEJI_MASTER_KEY']);
  }
  const report = await resealStore(config, previousKey);
  process.stdout.write(
    [
      `Re-sealed under master key ${report.currentMasterKeyId}${report.previousMasterKeyId ? ` (previous: ${report.previousMasterKeyId})` : ''}:`,
      `  issuer keys  ${report.issuerKeys.resealed} of ${report.issuerKeys.total}`,
      `  ID numbers   ${report.idNumbers.resealed} of ${report.idNumbers.total}`,
      `  TOTP secrets ${report.totpSecrets.resealed} of ${report.totpSecrets.total}`,
      `  materials    ${report.requestMaterials.resealed} of ${report.requestMaterials.total}`,
      'Start the service with the new XUEJI_MASTER_KEY only. Access tokens signed under the old key no longer count: everyone logs in again.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Re-seal failed, nothing was changed: ${error?.message ?? error}\n`);
  process.exit(1);
});
