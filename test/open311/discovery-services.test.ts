import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ISO_WITH_ZONE, parseXml } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('Open311 discovery', () => {
  it('names the GeoReport v2 endpoint, its formats and its changeset in JSON', async () => {
    const res = await get('/open311/v2/discovery.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body.changeset).toMatch(ISO_WITH_ZONE);
    expect(body).toMatchObject({ contact: expect.any(String), key_service: expect.any(String) });
    expect(body.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${t.config.PUBLIC_BASE_URL}/open311/v2`,
        changeset: body.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);
  });

  it('says the same in XML, one <format> per format', async () => {
    const res = await get('/open311/v2/discovery.xml');
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    const { discovery } = parseXml(res.body);
    expect(discovery.endpoints.endpoint[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      formats: { format: ['text/xml', 'application/json'] },
    });
    expect(discovery.changeset).toMatch(ISO_WITH_ZONE);
  });
});

describe('Open311 services', () => {
  it('lists every active service with the city request type as service_name', async () => {
    const services = (await get('/open311/v2/services.json')).json();
    expect(services.length).toBe(45);
    const potholes = services.find((s: { service_code: string }) => s.service_code === 'potholes');
    expect(potholes).toEqual({
      service_code: 'potholes',
      service_name: 'TRM-Potholes',
      description: expect.any(String),
      metadata: false,
      type: 'realtime',
      keywords: expect.stringContaining('pothole'),
      group: expect.any(String),
    });
    expect(services.find((s: { service_code: string }) => s.service_code === 'missed-trash').metadata).toBe(true);
  });

  it('lists the same services in XML, metadata as true/false', async () => {
    const { services } = parseXml((await get('/open311/v2/services.xml')).body);
    expect(services.service).toHaveLength(45);
    const bulk = services.service.find((s: { service_code: string }) => s.service_code === 'bulk-trash');
    expect(bulk).toMatchObject({ service_name: 'SW-Bulk Scheduled', metadata: 'true', type: 'realtime' });
  });

  it('defines a service\'s attributes with their values in JSON', async () => {
    const res = await get('/open311/v2/services/bulk-trash.json');
    expect(res.statusCode).toBe(200);
    const def = res.json();
    expect(def.service_code).toBe('bulk-trash');
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual(['item_type', 'item_count']);
    const [itemType, itemCount] = def.attributes;
    expect(Object.keys(itemType).sort()).toEqual(
      ['code', 'datatype', 'datatype_description', 'description', 'order', 'required', 'values', 'variable'].sort(),
    );
    expect(itemType).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: true, order: 1 });
    expect(itemType.values[0]).toEqual({ key: expect.any(String), name: expect.any(String) });
    expect(itemCount).toMatchObject({ datatype: 'number', required: false, values: [] });
  });

  it('defines the same attributes in XML as <attributes><attribute>… with <values><value>', async () => {
    const { service_definition: def } = parseXml((await get('/open311/v2/services/missed-trash.xml')).body);
    expect(def.service_code).toBe('missed-trash');
    const [container] = def.attributes.attribute;
    expect(container).toMatchObject({ code: 'container', datatype: 'singlevaluelist', required: 'false', variable: 'true', order: '1' });
    expect(container.values.value.map((v: { key: string }) => v.key)).toEqual(['cart', 'bags', 'both']);
  });

  it('answers an unknown service_code with a 404 error list in the format asked for', async () => {
    const json = await get('/open311/v2/services/unicorns.json');
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 404, description: expect.stringContaining('unicorns') }]);
    const xml = await get('/open311/v2/services/unicorns.xml');
    expect(xml.statusCode).toBe(404);
    expect(parseXml(xml.body).errors.error[0]).toEqual({ code: '404', description: expect.stringContaining('unicorns') });
  });

  it('answers an unknown format with a 404 in JSON', async () => {
    const res = await get('/open311/v2/services.csv');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual([{ code: 404, description: expect.stringMatching(/format/) }]);
  });

  it('answers an unknown resource with a 404 error list', async () => {
    const res = await get('/open311/v2/nothing/here.xml');
    expect(res.statusCode).toBe(404);
    expect(parseXml(res.body).errors.error[0].code).toBe('404');
  });
});
