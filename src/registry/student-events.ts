import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';

/** Facts of records changed inside a transaction: which students, and what the change was (e.g. `student.graduated`). */
export interface StudentsChangedEvent {
  studentIds: string[];
  change: string;
  principal: Principal;
  now: Date;
  /** Set when the records moved to another organisation (transfer, progression, merger): its path. */
  movedTo?: string;
}

export type StudentsChangedListener = (em: EntityManager, event: StudentsChangedEvent) => Promise<void>;

/**
 * The register tells other modules that records changed, inside the changing transaction, so
 * that what they derived from those records (an identity credential stating the enrolment
 * status) changes with them or not at all. Listeners register at start-up; the register does
 * not know them.
 */
@Injectable()
export class StudentEvents {
  private readonly listeners: StudentsChangedListener[] = [];

  onChanged(listener: StudentsChangedListener): void {
    this.listeners.push(listener);
  }

  async changed(em: EntityManager, event: StudentsChangedEvent): Promise<void> {
    if (event.studentIds.length === 0) return;
    for (const listener of this.listeners) await listener(em, event);
  }
}
