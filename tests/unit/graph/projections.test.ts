import { evidenceWeight, projectionIncrements } from '../../../src/graph/repositories/articles-writer';

describe('projection increments', () => {
  const claim = (relationKey: string, articleId: string, confidence: number, eventDate: string | null, polarity = 'POSITIVE') => ({
    relationKey,
    articleId,
    eventDate,
    polarity,
    evidenceWeight: evidenceWeight(confidence),
  });

  it('sums positive claims per edge: counts, distinct articles, date range, evidence', () => {
    const increments = projectionIncrements([
      claim('CONDEMNED|Q183|Q159', 'a1', 0.8, '2025-02-01'),
      claim('CONDEMNED|Q183|Q159', 'a1', 0.5, null),
      claim('CONDEMNED|Q183|Q159', 'a2', 0.6, '2024-12-30'),
      claim('CONDEMNED|Q183|Q159', 'a3', 0.9, '2025-03-01', 'NEGATIVE'),
      claim('ALLIED_WITH|Q159|Q423', 'a2', 0.7, null),
    ]);
    expect(increments.get('CONDEMNED')).toEqual([
      { key: 'CONDEMNED|Q183|Q159', subject: 'Q183', object: 'Q159', claimCount: 3, articleCount: 2, firstSeen: '2024-12-30', lastSeen: '2025-02-01', evidenceWeight: evidenceWeight(0.8) + evidenceWeight(0.5) + evidenceWeight(0.6) },
    ]);
    expect(increments.get('ALLIED_WITH')).toMatchObject([{ subject: 'Q159', object: 'Q423', claimCount: 1, firstSeen: null, lastSeen: null }]);
  });

  it('turns summed weights back into the noisy-or of the confidences', () => {
    const confidences = [0.8, 0.5, 0.6, 0.99];
    const weight = confidences.reduce((w, c) => w + evidenceWeight(c), 0);
    expect(Number.isInteger(weight)).toBe(true);
    expect(1 - Math.exp(-weight / 1_000_000)).toBeCloseTo(1 - confidences.reduce((p, c) => p * (1 - c), 1), 5);
  });

  it('keeps a certain claim finite', () => {
    expect(Number.isFinite(evidenceWeight(1))).toBe(true);
  });
});
