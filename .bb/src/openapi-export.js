import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from './common/openapi/openapi-document.js';
// Writes the committed copy; `npm run openapi` after changing a route or a DTO.
writeFileSync('docs/openapi.json', JSON.stringify(buildOpenApiDocument(), null, 2) + '\n');
process.stdout.write('docs/openapi.json written\n');
//# sourceMappingURL=openapi-export.js.map