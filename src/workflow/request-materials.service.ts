import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DataSource } from 'typeorm';
import { NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import { rowsOf } from '../database/rows.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { pathCodes } from '../platform/organisations/domain/org-level.js';
import { refuseIf } from '../common/errors/refusal.js';
import { checkEncodedSize, checkMaterial, mayAddMaterial, type MaterialMediaType } from './domain/request-materials.js';
import type { AddMaterialRequest, Material } from './dto/request-material.dto.js';
import { MaterialSeal } from './material-seal.js';
import { RequestsService } from './requests.service.js';

interface MaterialRow {
  id: string;
  request_id: string;
  file_name: string;
  media_type: MaterialMediaType;
  size: number;
  sha256: string;
  added_path: string;
  created_at: Date | string;
}

const COLUMNS = `id, request_id, file_name, media_type, size, sha256, added_path, created_at`;

/**
 * A request's materials (第十三、十五、十六、二十一条: the forms each change rests on): the file
 * itself in the store with its name, type and SHA-256. Seen by whoever sees the request (the
 * engine's visibility: its organisations' subtrees); added by its parties while it is open;
 * every addition audited in its transaction (digest and size, never the file name, which may
 * name a person). The file is sealed at rest (MaterialSeal).
 */
@Injectable()
export class RequestMaterialsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestsService,
    private readonly audit: AuditService,
    private readonly seal: MaterialSeal,
  ) {}

  async add(principal: Principal, requestId: string, input: z.output<typeof AddMaterialRequest>): Promise<z.output<typeof Material>> {
    refuseIf(checkEncodedSize(input.contentBase64));
    const content = Buffer.from(input.contentBase64, 'base64');
    refuseIf(checkMaterial(input.fileName, input.mediaType, content));
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (input.sha256 && input.sha256 !== sha256) throw ValidationError.field('sha256', 'the file does not have this SHA-256 (damaged upload?)', 'DIGEST_MISMATCH');
    return this.dataSource.transaction(async (em) => {
      refuseIf(mayAddMaterial(await this.requests.partiesIn(em, principal, requestId, true), principal.organisationPath));
      const id = randomUUID();
      const [row] = rowsOf<MaterialRow>(
        await em.query(
          `INSERT INTO request_materials (id, request_id, file_name, media_type, size, sha256, content_sealed, added_by, added_path)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
          [id, requestId, input.fileName.normalize('NFC'), input.mediaType, content.length, sha256, this.seal.seal(id, content), principal.accountId, principal.organisationPath],
        ),
      );
      await this.audit.append(em, principal, {
        action: 'request.material_added',
        recordType: 'request',
        recordId: requestId,
        scopePath: principal.organisationPath,
        details: { materialId: row.id, mediaType: row.media_type, size: row.size, sha256 },
      });
      return view(row);
    });
  }

  async list(principal: Principal, requestId: string): Promise<{ items: Array<z.output<typeof Material>> }> {
    return this.dataSource.transaction(async (em) => {
      await this.requests.partiesIn(em, principal, requestId, false);
      const rows = rowsOf<MaterialRow>(await em.query(`SELECT ${COLUMNS} FROM request_materials WHERE request_id = $1 ORDER BY created_at, id`, [requestId]));
      return { items: rows.map(view) };
    });
  }

  async download(principal: Principal, requestId: string, materialId: string): Promise<{ fileName: string; mediaType: MaterialMediaType; sha256: string; content: Buffer }> {
    return this.dataSource.transaction(async (em) => {
      await this.requests.partiesIn(em, principal, requestId, false);
      const [row] = rowsOf<MaterialRow & { content_sealed: Buffer | Uint8Array }>(
        await em.query(`SELECT ${COLUMNS}, content_sealed FROM request_materials WHERE request_id = $1 AND id = $2`, [requestId, materialId]),
      );
      if (!row) throw new NotFoundError('Material');
      const content = this.seal.open(row.id, Buffer.from(row.content_sealed));
      // Sealing authenticates the bytes; the digest check says they are the ones listed.
      if (createHash('sha256').update(content).digest('hex') !== row.sha256.trim()) throw new Error('a stored material does not match its digest');
      return { fileName: row.file_name, mediaType: row.media_type, sha256: row.sha256, content };
    });
  }
}

function view(row: MaterialRow): z.output<typeof Material> {
  return {
    id: row.id,
    requestId: row.request_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    addedByOrganisationCode: pathCodes(row.added_path).at(-1)!,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
