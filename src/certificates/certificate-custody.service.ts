import { Injectable, type OnModuleInit } from '@nestjs/common';
import { StudentEvents } from '../registry/student-events.js';

/**
 * Certificates follow their holder's record (籍随人走): when the register moves records to
 * another organisation (a transfer, a progression, a merger), the certificates of those students
 * are seen from the new place's subtree, in the moving transaction. The issuing authority keeps
 * acting on what it issued wherever the holder went (CertificatesService.findIssuedBy looks by
 * issuer, not by subtree).
 */
@Injectable()
export class CertificateCustodyService implements OnModuleInit {
  constructor(private readonly events: StudentEvents) {}

  onModuleInit(): void {
    this.events.onChanged(async (em, event) => {
      if (!event.movedTo) return;
      await em.query(`UPDATE certificates SET scope_path = $2 WHERE student_id = ANY($1::uuid[])`, [event.studentIds, event.movedTo]);
    });
  }
}
