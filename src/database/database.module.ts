import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ownedByCurrentRole } from './app-role.js';
import { openDataSource, storeFor } from './data-source.js';

/** The store as the application's role (owning nothing), or as the schema's owner for maintenance. */
function dataSourceProvider(as: 'app' | 'owner'): Provider {
  return {
    provide: DataSource,
    inject: [APP_CONFIG],
    useFactory: async (config: AppConfig) => {
      const store = storeFor(config);
      const dataSource = await openDataSource(store, as);
      const logger = new Logger('Database');
      logger.log({
        msg: 'store ready',
        store: store.databaseUrl ? 'postgresql-server' : 'embedded-pglite',
        role: as,
        ...(store.pgliteDir ? { folder: store.pgliteDir } : {}),
      });
      if (as === 'app' && store.databaseUrl && !store.ownerUrl && (await ownedByCurrentRole(dataSource)) > 0) {
        logger.warn({ msg: 'the service runs as the owner of its tables: it could truncate its own audit trail; set DATABASE_OWNER_URL and give DATABASE_URL a role of its own (README, Database roles)' });
      }
      return dataSource;
    },
  };
}

@Global()
@Module({ providers: [dataSourceProvider('app')], exports: [DataSource] })
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** For maintenance commands that must own the schema (npm run reseal re-keys the audit trail). */
  static asOwner(): DynamicModule {
    return { module: DatabaseModule, global: true, providers: [dataSourceProvider('owner')], exports: [DataSource] };
  }

  async onApplicationShutdown() {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
