import path from 'node:path';
import { evaluateDirectory, summarize } from '../../../src/extract/evaluate';

// Floors set a few points under what the extractor scores on seeds/ (`npm run eval` prints the figures):
// a change that costs more than that is a regression, not noise.
const FLOORS = { precision: 0.9, f1: 0.8, modality: 0.8 };

describe('extraction quality on seeds/ against their gold annotations', () => {
  const scores = evaluateDirectory(path.resolve(__dirname, '../../../seeds'));
  const summary = summarize(scores);

  it('covers at least 16 articles, half in each language', () => {
    expect(summary.ar.articles).toBeGreaterThanOrEqual(8);
    expect(summary.en.articles).toBeGreaterThanOrEqual(8);
  });

  it.each(['ar', 'en', 'all'])('keeps precision, F1 and modality above the floor (%s)', (lang) => {
    expect(summary[lang].relations.precision).toBeGreaterThanOrEqual(FLOORS.precision);
    expect(summary[lang].relations.f1).toBeGreaterThanOrEqual(FLOORS.f1);
    expect(summary[lang].entities.f1).toBeGreaterThanOrEqual(0.9);
    expect(summary[lang].modality).toBeGreaterThanOrEqual(FLOORS.modality);
  });
});
