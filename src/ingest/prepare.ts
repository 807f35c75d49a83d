import { extract, RULES_EXTRACTOR } from '../extract';
import { defaultLexicon } from '../extract/lexicon';
import { resolveArticle, sha256, type ResolvedArticle } from '../resolve/records';
import type { SourceArticle } from './sources';

/** One article through extraction and resolution: the records the writer stores. */
export function prepareArticle(article: SourceArticle): ResolvedArticle {
  const lexicon = defaultLexicon();
  const result = extract({ text: article.text, language: article.language, publishedAt: article.publishedAt }, lexicon);
  return resolveArticle(
    {
      id: article.id,
      url: article.url ?? null,
      title: article.title ?? null,
      source: article.source ?? null,
      publishedAt: article.publishedAt ?? null,
      language: result.language,
      contentHash: sha256(article.text),
      extractor: RULES_EXTRACTOR,
    },
    result,
    lexicon,
  );
}
