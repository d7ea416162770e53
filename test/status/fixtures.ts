import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { requestUpdates, serviceRequests, type ServiceRequest } from '../../db/schema/index.js';
import { newConfirmationNumber } from '../../src/requests/confirmation.js';
import type { TestApp } from '../helpers/app.js';
import type { TestCaller } from '../helpers/twilio-request.js';

export const DAY_MS = 86_400_000;

/** Inserts a request as a department would have left it; defaults make a fresh open pothole. */
export async function insertRequest(db: DbOrTx, values: Partial<typeof serviceRequests.$inferInsert> = {}): Promise<ServiceRequest> {
  const [row] = await db
    .insert(serviceRequests)
    .values({
      confirmation: newConfirmationNumber(),
      serviceCode: 'potholes',
      channel: 'phone',
      agency: 'DOT',
      addressString: '1234 N Charles St, Baltimore, MD',
      lat: 39.3051,
      long: -76.6163,
      precision: 'address',
      ...values,
    })
    .returning();
  return row!;
}

export async function updatesOf(db: DbOrTx, requestId: number) {
  return db.select().from(requestUpdates).where(eq(requestUpdates.requestId, requestId)).orderBy(requestUpdates.id);
}

export async function requestById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  return row!;
}

/** A call answered in English that has reached the status line's number question. */
export async function callStatusLine(t: TestApp, options: { from?: string } = {}): Promise<TestCaller> {
  const caller = t.caller({ from: options.from ?? '+14105550100' });
  await caller.start();
  await caller.press('2');
  return caller;
}

/** "451229037" as the TwiML says it: digits in three groups. */
export const grouped = (confirmation: string) => confirmation.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
