import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { JsonLogger } from './common/logging/logger.js';
import { ConfigError, parseConfig } from './config/config.js';
import { install } from './platform/setup/install.js';
/** `npm run setup [-- --demo]`: migrations, the national root, and with --demo a demo region. */
async function main() {
    const config = parseConfig(process.env);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
        logger: new JsonLogger('warn'),
        abortOnError: false,
    });
    const report = await install(app, process.argv.includes('--demo')).finally(() => app.close());
    const store = config.databaseUrl ? 'the PostgreSQL server in DATABASE_URL' : `${config.dataDir} (embedded PostgreSQL)`;
    const accounts = report.accountsCreated.map((a) => `  ${a.username.padEnd(14)} ${a.organisation}  password: ${a.password}`);
    process.stdout.write([
        `Xueji is set up in ${store}.`,
        ...(accounts.length ? ['Accounts created:', ...accounts] : ['The accounts already exist.']),
        ...(report.countyDid ? [`The demo county signs as ${report.countyDid}`] : []),
        `Start the service with: npm start   (log in with POST ${config.publicUrl}/auth/login)`,
        '',
    ].join('\n'));
}
main().catch((error) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Setup failed: ${error?.stack ?? error}\n`);
    process.exit(1);
});
//# sourceMappingURL=setup.js.map