import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { Public } from '../../platform/auth/access.decorator.js';
import { buildOpenApiDocument } from './openapi-document.js';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
  'swagger-ui-standalone-preset.js': 'text/javascript',
};

/** The page's own start-up script, as a file: the Content-Security-Policy allows no inline script. */
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#ui' });\n`;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Xueji API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script></body></html>`;

/** The OpenAPI document and a browsable UI, both served from local files (no CDN). */
@Controller('docs')
export class OpenApiController {
  private readonly document = buildOpenApiDocument();

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page() {
    return PAGE;
  }

  @Get('openapi.json')
  @Public()
  openapi() {
    return this.document;
  }

  @Get('assets/:file')
  @Public()
  async asset(@Param('file') file: string) {
    if (file === 'init.js') return new StreamableFile(Buffer.from(INIT_SCRIPT), { type: 'text/javascript' });
    // Own keys only: `constructor` or `__proto__` must not reach the file system as names.
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) throw new NotFoundException();
    return new StreamableFile(await readFile(join(swaggerDir, file)), { type });
  }
}
