import { extract } from '../src/extract';
import { defaultLexicon } from '../src/extract/lexicon';
import { generateCorpus } from './corpus';
import { machine, median } from './machine';

/**
 * Extraction throughput on one core: a generated corpus of ARTICLES articles of about 1,000 words
 * (half English, half Arabic), extracted RUNS times in this process; prints the median.
 */
const ARTICLES = Number(process.env.ARTICLES ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 3);

const loadStart = performance.now();
defaultLexicon();
const loadMs = performance.now() - loadStart;
const corpus = generateCorpus(ARTICLES, 1000);
const bytes = corpus.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
const words = corpus.reduce((n, a) => n + a.text.split(/\s+/).length, 0);
console.log(`machine: ${machine()}`);
console.log(`corpus: ${ARTICLES} articles, ${(words / ARTICLES).toFixed(0)} words and ${(bytes / ARTICLES / 1024).toFixed(1)} KiB each on average; lexicon loaded in ${loadMs.toFixed(0)} ms`);

const rates: number[] = [];
let relations = 0;
for (let run = 0; run < RUNS; run++) {
  relations = 0;
  const start = performance.now();
  for (const a of corpus) relations += extract({ text: a.text, language: a.language, publishedAt: a.publishedAt }).relations.length;
  const seconds = (performance.now() - start) / 1000;
  rates.push(ARTICLES / seconds);
  console.log(`run ${run + 1}: ${(ARTICLES / seconds).toFixed(0)} articles/s, ${(bytes / 2 ** 20 / seconds).toFixed(2)} MB/s, ${relations} relations`);
}
const rate = median(rates);
console.log(`median: ${rate.toFixed(0)} articles/s, ${((rate * bytes) / ARTICLES / 2 ** 20).toFixed(2)} MB/s on one core (goal ≥ 1,000 articles/s)`);
