import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { requestUpdates, serviceRequests, type ServiceRequest } from '../../db/schema/index.js';
import { newConfirmationNumber } from './confirmation.js';

export type NewRequest = Omit<
  typeof serviceRequests.$inferInsert,
  'id' | 'confirmation' | 'status' | 'requestedAt' | 'updatedAt' | 'closedAt'
> & { idempotencyKey: string };

/**
 * Creates a service request, or returns the one already created under the same idempotency key
 * (a retried webhook or API call never makes a second). Run it inside the transaction that also
 * records whatever announces the request, so both commit together.
 */
export async function createRequest(tx: DbOrTx, input: NewRequest): Promise<{ request: ServiceRequest; created: boolean }> {
  const existing = await findByIdempotencyKey(tx, input.idempotencyKey);
  if (existing) return { request: existing, created: false };
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await tx
      .insert(serviceRequests)
      .values({ ...input, confirmation: newConfirmationNumber(), status: 'received' })
      // A confirmation-number collision (1 in 10^8) or a concurrent retry: both leave no row.
      .onConflictDoNothing()
      .returning();
    if (row) {
      await tx.insert(requestUpdates).values({
        requestId: row.id,
        kind: 'status',
        status: 'received',
        note: input.channel === 'phone' ? 'Reported by phone' : 'Reported online',
        author: 'system',
      });
      return { request: row, created: true };
    }
    const raced = await findByIdempotencyKey(tx, input.idempotencyKey);
    if (raced) return { request: raced, created: false };
  }
  throw new Error('could not allocate a confirmation number');
}

async function findByIdempotencyKey(tx: DbOrTx, key: string): Promise<ServiceRequest | undefined> {
  const [row] = await tx.select().from(serviceRequests).where(eq(serviceRequests.idempotencyKey, key));
  return row;
}

export async function findByConfirmation(tx: DbOrTx, confirmation: string): Promise<ServiceRequest | undefined> {
  const [row] = await tx.select().from(serviceRequests).where(eq(serviceRequests.confirmation, confirmation));
  return row;
}
