import type { Language } from '../flow/step-api.js';

/** Where a request stands. Departments move it along; the status line says it in plain words. */
export const REQUEST_STATUSES = [
  'received',
  'assigned',
  'in_progress',
  'completed',
  'closed',
  'duplicate',
  'transferred',
  'reopened',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const CLOSED: ReadonlySet<RequestStatus> = new Set(['completed', 'closed', 'duplicate', 'transferred']);

export function isClosed(status: string): boolean {
  return CLOSED.has(status as RequestStatus);
}

/** GeoReport v2 knows only open and closed. */
export function open311Status(status: string): 'open' | 'closed' {
  return isClosed(status) ? 'closed' : 'open';
}

export const spokenStatus: Record<RequestStatus, Record<Language, string>> = {
  received: { en: 'has been received and is waiting to be assigned', es: 'fue recibida y está esperando ser asignada' },
  assigned: { en: 'has been assigned to the department', es: 'fue asignada al departamento' },
  in_progress: { en: 'is being worked on', es: 'está en proceso' },
  completed: { en: 'has been completed', es: 'fue completada' },
  closed: { en: 'has been closed', es: 'fue cerrada' },
  duplicate: { en: 'was closed as a duplicate of another request', es: 'fue cerrada como duplicado de otra solicitud' },
  transferred: { en: 'was transferred to another agency', es: 'fue transferida a otra agencia' },
  reopened: { en: 'was reopened and is waiting for review', es: 'fue reabierta y está esperando revisión' },
};
