import { createExtractor } from '../../../src/ingest/extract-pool';
import { prepareArticle } from '../../../src/ingest/prepare';

describe('extraction threads', () => {
  const articles = [
    { id: 'pool-en', text: 'Germany condemned Russia over the strike on Kharkiv.', language: 'en', publishedAt: '2025-01-06' },
    { id: 'pool-ar', text: 'أدانت ألمانيا الهجوم الروسي على خاركيف.', language: 'ar', publishedAt: '2025-01-06' },
  ];

  it('give what extraction on the calling thread gives, in order', async () => {
    const pool = createExtractor(2);
    try {
      const [first, second] = await Promise.all([pool.prepare(articles), pool.prepare([articles[1]])]);
      expect(first).toEqual(articles.map(prepareArticle));
      expect(second).toEqual([prepareArticle(articles[1])]);
      expect(first[0].claims.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});
