// The TypeORM data source the migration CLI uses (`npx typeorm migration:run -d dist/ormconfig.js`).
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/database/data-source.js';
const databaseUrl = process.env.DATABASE_URL || null;
export default new DataSource(dataSourceOptions({ databaseUrl, pgliteDir: databaseUrl ? null : resolve(process.env.DATA_DIR ?? './data', 'pglite') }));
//# sourceMappingURL=ormconfig.js.map