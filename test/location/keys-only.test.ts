import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRequests } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import type { TestCaller } from '../helpers/twilio-request.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** Baltimore City's bounding box, a little wide. */
const inCity = (lat: number, long: number) => lat > 39.19 && lat < 39.38 && long > -76.72 && long < -76.52;

/** A caller who only presses keys, counting them. */
function keysOnly(caller: TestCaller) {
  let presses = 0;
  return {
    get presses() {
      return presses;
    },
    async press(keys: string) {
      presses += keys.length;
      await caller.press(keys);
      return caller.heard();
    },
  };
}

/** Welcome 1 (report), star for the lists, a department and a type: the caller is asked where. */
async function reportByKeys(from: string, department: string, service: string, language: 'en' | 'es' = 'en') {
  const caller = t.caller({ from });
  await caller.start();
  const keys = keysOnly(caller);
  if (language === 'es') expect(await keys.press('9')).toMatch(/¿En qué le puedo ayudar/);
  await keys.press('1');
  await keys.press('*');
  await keys.press(department);
  expect(await keys.press(service)).toMatch(language === 'en' ? /Where is the problem\?.*press star for a corner/ : /¿Dónde está el problema\?.*asterisco/);
  return { caller, keys };
}

/** Confirms the place, skips the two free questions, declines a repeat and the text. */
async function finishByKeys(caller: TestCaller, keys: ReturnType<typeof keysOnly>, language: 'en' | 'es' = 'en') {
  expect(await keys.press('1')).toMatch(language === 'en' ? /describe the problem.*Or press pound to skip/ : /describa el problema.*para omitirlo/);
  expect(await keys.press('#')).toMatch(language === 'en' ? /what would you like the city to do about it\? Or press pound to skip/ : /qué le gustaría.*para omitirlo/);
  expect(await keys.press('#')).toMatch(language === 'en' ? /confirmation number/ : /número de confirmación/);
  await keys.press('2');
  await keys.press('2');
  expect(caller.hungUp()).toBe(true);
  const [request] = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, caller.callSid));
  expect(request).toBeDefined();
  const response = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${request!.confirmation}.json` });
  expect(response.statusCode).toBe(200);
  const [record] = response.json<{ address: string; lat: number; long: number; description: string; service_code: string }[]>();
  expect(inCity(record!.lat, record!.long)).toBe(true);
  return { request: request!, record: record! };
}

describe('a report by keys only', () => {
  it('files a pothole at an address: the house number, then the street by its first letters', async () => {
    const { caller, keys } = await reportByKeys('+14105552301', '2', '1');
    expect(await keys.press('1200#')).toMatch(/what street is number 1200 on\? Or key the first letters of the street name/);
    const offered = await keys.press('2427#'); // C H A R
    expect(offered).toMatch(/For North Charles Street, press 1\./);
    expect(offered).toMatch(/To key more letters, press star\./);
    expect(await keys.press('1')).toMatch(/I have 1200 North Charles Street\. Is that right/);
    const { request, record } = await finishByKeys(caller, keys);
    expect(request).toMatchObject({ serviceCode: 'potholes', precision: 'address', needsReview: false, description: '', requestedAction: '' });
    expect(record.address).toBe('1200 N Charles St, Baltimore, MD');
    expect(record.service_code).toBe('potholes');
    // The place took 11 presses (1200#, 2427#, 1); scripts/bench-keypad.ts counts the rest as 9.
    expect(keys.presses - 11).toBe(9);
  });

  it('files a pothole at a corner: star, 1, then each street by its first letters', async () => {
    const { caller, keys } = await reportByKeys('+14105552302', '2', '1');
    expect(await keys.press('*')).toMatch(/For a corner, press 1\. For a park or a landmark, press 2\./);
    expect(await keys.press('1')).toMatch(/Key the first letters of one of the two streets/);
    expect(await keys.press('2427#')).toMatch(/For North Charles Street, press 1\./);
    expect(await keys.press('1')).toMatch(/And the street that crosses North Charles Street\?/);
    const crossing = await keys.press('667#'); // N O R
    expect(crossing).not.toMatch(/Chase|Charles/);
    expect(await keys.press('*')).toMatch(/Key the next letters/);
    const more = await keys.press('84#'); // … T H
    const at = /For East North Avenue, press (\d)/.exec(more);
    expect(at).not.toBeNull();
    expect(await keys.press(at![1]!)).toMatch(/I have North Charles Street and East North Avenue\. Is that right/);
    const { request, record } = await finishByKeys(caller, keys);
    expect(request).toMatchObject({ precision: 'intersection', needsReview: false });
    expect(record.address).toBe('N Charles St & E North Ave, Baltimore, MD');
  });

  it('files a report in a park by its name: star, 2, then its first letters', async () => {
    const { caller, keys } = await reportByKeys('+14105552303', '6', '1');
    await keys.press('*');
    expect(await keys.press('2')).toMatch(/Key the first letters of the park or landmark/);
    expect(await keys.press('37843#')).toMatch(/For Druid Hill Park, press 1\./); // D R U I D
    expect(await keys.press('1')).toMatch(/I have Druid Hill Park\. Is that right/);
    const { request, record } = await finishByKeys(caller, keys);
    expect(request).toMatchObject({ precision: 'park', needsReview: false });
    expect(record.address).toBe('Druid Hill Park, Baltimore, MD');
  });

  it('offers only streets that have the keyed house number, and says so when none has', async () => {
    const { keys } = await reportByKeys('+14105552304', '2', '1');
    await keys.press('2100#');
    expect(await keys.press('327#')).toBe(
      'For Eastern Avenue, press 1. To key more letters, press star.',
    );
    const { keys: other } = await reportByKeys('+14105552305', '2', '1');
    await other.press('9000#');
    expect(await other.press('2427#')).toMatch(/I found no street starting with those letters that has a number 9000\. Key the first letters again/);
  });

  it('offers the list again for a key it does not hold, and takes a name said instead of a key', async () => {
    const { caller, keys } = await reportByKeys('+14105552307', '2', '1');
    await keys.press('1200#');
    await keys.press('2427#');
    expect(await keys.press('7')).toMatch(/^Sorry, I didn't understand that\. For North Charles Street, press 1\./);
    await caller.say('south charles street');
    expect(caller.heard()).toMatch(/I have 1200 South Charles Street\. Is that right/);
  });

  it('files the same report in Spanish, with the same letters and Spanish prompts', async () => {
    const { caller, keys } = await reportByKeys('+14105552306', '2', '1', 'es');
    expect(await keys.press('2100#')).toMatch(/¿Y en qué calle está el número 2100\? O marque las primeras letras/);
    expect(await keys.press('327#')).toBe('Para Eastern Avenue, oprima 1. Para marcar más letras, oprima asterisco.');
    expect(await keys.press('1')).toMatch(/Tengo: 2100 Eastern Avenue\. ¿Es correcto\?/);
    const { request, record } = await finishByKeys(caller, keys, 'es');
    expect(request).toMatchObject({ precision: 'address', needsReview: false });
    expect(record.address).toBe('2100 Eastern Ave, Baltimore, MD');
  });
});
