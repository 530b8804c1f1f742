import { startTestApp, TestApp } from './support/test-app';

type Operation = { summary?: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

/** The OpenAPI document is the public contract: every operation and answer documented. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/docs-json').expect(200)).body as Doc;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })));

  it('serves the UI at /docs', async () => {
    const response = await t.http.get('/docs/').expect(200);
    expect(response.text).toContain('swagger-ui');
  });

  it('gives every API operation a summary and a documented success schema', () => {
    for (const { key, operation } of operations().filter(({ key }) => key.includes('/api/v1/'))) {
      expect({ key, summary: typeof operation.summary }).toEqual({ key, summary: 'string' });
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect({ key, successes: success.length }).not.toEqual({ key, successes: 0 });
      for (const [status, response] of success) {
        expect({ key, status, schema: Boolean(response.content?.['application/json']?.schema) }).toEqual({ key, status, schema: true });
      }
    }
  });

  it('documents every error answer as application/problem+json with the ProblemDto schema', () => {
    for (const { key, operation } of operations().filter(({ key }) => key.includes('/api/v1/'))) {
      for (const [status, response] of Object.entries(operation.responses).filter(([s]) => /^[45]/.test(s))) {
        expect({ key, status, content: response.content }).toEqual({
          key, status, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
        });
      }
    }
    expect(doc.components.schemas.ProblemDto).toBeDefined();
    expect(doc.components.schemas.FieldViolationDto).toBeDefined();
  });

  it('resolves every schema reference', () => {
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z0-9_]+/g) ?? [];
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref.split('/').pop()!]).toBeDefined();
  });
});
