import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { requestReports } from '../../db/schema/index.js';
import { addNeighbourReport, blockOf, distanceM, findOpenDuplicate, type DuplicateQuery } from '../../src/status/duplicates.js';
import { createTestDatabase } from '../helpers/database.js';
import { insertRequest, requestById, updatesOf } from './fixtures.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

// Each test works at its own spot in the city, so no test finds another's requests.
let spot = 0;
function newSpot() {
  spot += 1;
  return { lat: 39.21 + spot * 0.005, long: -76.62 };
}
const METRES_NORTH = (m: number) => m / 111_320;

function query(q: Partial<DuplicateQuery>): DuplicateQuery {
  return { serviceCode: 'potholes', lat: null, long: null, placeId: null, precision: null, addressString: null, distanceM: 50, ...q };
}

describe('neighbours: finding an open request of the same type close by', () => {
  it('finds one at the same landmark or park, wherever its point is', async () => {
    const at = newSpot();
    const r = await insertRequest(database.db, { serviceCode: 'park-maintenance', placeId: 9001, precision: 'park', ...at, addressString: 'Patterson Park, Baltimore, MD' });
    const found = await findOpenDuplicate(database.db, query({ serviceCode: 'park-maintenance', placeId: 9001, precision: 'park', lat: at.lat + 0.004, long: at.long }));
    expect(found).toEqual({ id: r.id, confirmation: r.confirmation, reportCount: 1, addressString: 'Patterson Park, Baltimore, MD' });
  });

  it('finds one within the distance, and not one just beyond it', async () => {
    const at = newSpot();
    const r = await insertRequest(database.db, { ...at, precision: 'intersection', addressString: 'N Charles St & E North Ave, Baltimore, MD' });
    const near = await findOpenDuplicate(database.db, query({ lat: at.lat + METRES_NORTH(40), long: at.long, precision: 'intersection' }));
    expect(near?.id).toBe(r.id);
    const far = await findOpenDuplicate(database.db, query({ lat: at.lat + METRES_NORTH(60), long: at.long, precision: 'intersection' }));
    expect(far).toBeUndefined();
  });

  it('prefers the nearest of two close requests', async () => {
    const at = newSpot();
    await insertRequest(database.db, { lat: at.lat + METRES_NORTH(45), long: at.long, precision: 'address', addressString: null });
    const nearest = await insertRequest(database.db, { lat: at.lat + METRES_NORTH(10), long: at.long, precision: 'address', addressString: null });
    expect((await findOpenDuplicate(database.db, query({ ...at, precision: 'address' })))?.id).toBe(nearest.id);
  });

  it('ignores other request types, closed requests and street-wide points', async () => {
    const at = newSpot();
    await insertRequest(database.db, { ...at, serviceCode: 'graffiti', addressString: null });
    await insertRequest(database.db, { ...at, status: 'completed', closedAt: new Date(), addressString: null });
    await insertRequest(database.db, { ...at, precision: 'street', addressString: 'Falls Rd, Baltimore, MD' });
    expect(await findOpenDuplicate(database.db, query({ ...at, precision: 'address' }))).toBeUndefined();
    expect(await findOpenDuplicate(database.db, query({ ...at, precision: 'street' }))).toBeUndefined();
  });

  it('counts a reopened request as open', async () => {
    const at = newSpot();
    const r = await insertRequest(database.db, { ...at, status: 'reopened', addressString: null });
    expect((await findOpenDuplicate(database.db, query({ ...at, precision: 'address' })))?.id).toBe(r.id);
  });

  it('matches addresses on the same hundred-block of the same street, without points', async () => {
    const r = await insertRequest(database.db, { serviceCode: 'street-light-out', lat: null, long: null, addressString: '1234 W Lombard St APT 2, Baltimore, MD' });
    const same = await findOpenDuplicate(database.db, query({ serviceCode: 'street-light-out', precision: 'address', addressString: '1260 W Lombard St, Baltimore, MD' }));
    expect(same?.id).toBe(r.id);
    const nextBlock = await findOpenDuplicate(database.db, query({ serviceCode: 'street-light-out', precision: 'address', addressString: '1310 W Lombard St, Baltimore, MD' }));
    expect(nextBlock).toBeUndefined();
    const otherStreet = await findOpenDuplicate(database.db, query({ serviceCode: 'street-light-out', precision: 'address', addressString: '1234 E Lombard St, Baltimore, MD' }));
    expect(otherStreet).toBeUndefined();
  });
});

describe('neighbours: the hundred-block of an address', () => {
  it.each([
    ['1234 N Charles St, Baltimore, MD', '1200 block of N Charles St'],
    ['1299 N Charles St APT 3B, Baltimore, MD 21201', '1200 block of N Charles St'],
    ['15 E Pratt St, Baltimore, MD', '0 block of E Pratt St'],
    ['near 400 E Pratt St, Baltimore, MD', '400 block of E Pratt St'],
  ])('reads %s as the %s', (address, label) => {
    expect(blockOf(address)?.label).toBe(label);
  });

  it('has no block for a place or a corner', () => {
    expect(blockOf('Patterson Park, Baltimore, MD')).toBeUndefined();
    expect(blockOf('N Charles St & E North Ave, Baltimore, MD')).toBeUndefined();
    expect(blockOf(null)).toBeUndefined();
  });

  it('measures distances in metres', () => {
    expect(distanceM(39.3, -76.6, 39.3 + METRES_NORTH(100), -76.6)).toBeCloseTo(100, 0);
  });
});

describe('neighbours: adding a report to an open request', () => {
  it('keeps the report, raises the count once per report and tells the department', async () => {
    const r = await insertRequest(database.db);
    const first = await addNeighbourReport(database.db, r.id, { callerNumber: '+14105550111', words: 'big pothole by the bus stop', callSid: 'CA1', idempotencyKey: 'CA1:9', wantsText: true });
    expect(first).toEqual({ reportCount: 2, confirmation: r.confirmation });
    const second = await addNeighbourReport(database.db, r.id, { callerNumber: null, words: '', callSid: 'CA2', idempotencyKey: 'CA2:9', wantsText: false });
    expect(second.reportCount).toBe(3);

    const reports = await database.db.select().from(requestReports).where(eq(requestReports.requestId, r.id));
    expect(reports.map((x) => x.wantsText)).toEqual([true, false]);
    const notes = (await updatesOf(database.db, r.id)).filter((u) => u.kind === 'note').map((u) => u.note);
    expect(notes).toEqual(['Another resident reported this: big pothole by the bus stop', 'Another resident reported this.']);
  });

  it('changes nothing when the same report comes again (a retried webhook)', async () => {
    const r = await insertRequest(database.db);
    const report = { callerNumber: '+14105550112', words: 'again', callSid: 'CA3', idempotencyKey: 'CA3:4', wantsText: false };
    await addNeighbourReport(database.db, r.id, report);
    const again = await addNeighbourReport(database.db, r.id, report);
    expect(again.reportCount).toBe(2);
    expect((await requestById(database.db, r.id)).reportCount).toBe(2);
    expect((await updatesOf(database.db, r.id)).filter((u) => u.kind === 'note')).toHaveLength(1);
  });
});
