import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { z } from 'zod';
import { sha256 } from '../resolve/records';
import { ArticleMetaSchema, parseFrontMatter } from './article-file';

/** An article as a source gives it, before extraction. */
export const SourceArticleSchema = ArticleMetaSchema.extend({ text: z.string().trim().min(1, 'text is empty') });
export type SourceArticle = z.infer<typeof SourceArticleSchema> & { id: string };

export type SourceItem = { ok: true; article: SourceArticle; location: string } | { ok: false; location: string; message: string };

const TEXT = new Set(['.txt', '.md', '.text']);
const NDJSON = new Set(['.ndjson', '.jsonl']);
const HTML = new Set(['.html', '.htm']);
const FEED = new Set(['.xml', '.rss', '.atom']);

/** A stable id: the one given, else from the URL, else from the file's path, else from the text. */
export function articleId(meta: { id?: string; url?: string }, text: string, file?: string): string {
  if (meta.id) return meta.id;
  if (meta.url) return `url:${sha256(meta.url).slice(0, 24)}`;
  if (file) return `file:${path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/')}`;
  return `text:${sha256(text).slice(0, 24)}`;
}

function validate(raw: unknown, location: string, file?: string): SourceItem {
  const parsed = SourceArticleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, location, message: `${issue.path.join('.') || 'article'}: ${issue.message}` };
  }
  return { ok: true, location, article: { ...parsed.data, id: articleId(parsed.data, parsed.data.text, file) } };
}

/** Every article in the given files, directories (recursively) and http(s) URLs; bad items say where they are. */
export async function* readSources(inputs: string[]): AsyncGenerator<SourceItem> {
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      yield* readUrl(input);
      continue;
    }
    if (!existsSync(input)) {
      yield { ok: false, location: input, message: 'no such file or directory' };
      continue;
    }
    if (statSync(input).isDirectory()) {
      for (const file of walk(input)) yield* readFile(file);
    } else {
      yield* readFile(input, true);
    }
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (isArticleFile(full)) yield full;
  }
}

function isArticleFile(file: string): boolean {
  const ext = path.extname(file).toLowerCase();
  return TEXT.has(ext) || NDJSON.has(ext) || HTML.has(ext) || FEED.has(ext);
}

function* readFile(file: string, explicit = false): Generator<SourceItem> {
  const ext = path.extname(file).toLowerCase();
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    yield { ok: false, location: file, message: (error as Error).message };
    return;
  }
  if (NDJSON.has(ext)) {
    const lines = raw.split(/\r?\n/);
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      const location = `${file}:${i + 1}`;
      try {
        yield validate(JSON.parse(line), location);
      } catch (error) {
        yield { ok: false, location, message: `not JSON: ${(error as Error).message}` };
      }
    }
  } else if (HTML.has(ext)) {
    yield fromHtml(raw, file, {});
  } else if (FEED.has(ext)) {
    yield* fromFeed(raw, file);
  } else if (TEXT.has(ext) || explicit) {
    const { meta, body } = parseFrontMatter(raw);
    const sidecar = file.replace(/\.[^.]+$/, '.json');
    let side: Record<string, unknown> = {};
    if (existsSync(sidecar)) {
      try {
        side = JSON.parse(readFileSync(sidecar, 'utf8'));
      } catch (error) {
        yield { ok: false, location: sidecar, message: `not JSON: ${(error as Error).message}` };
        return;
      }
    }
    yield validate({ ...side, ...meta, text: body }, file, file);
  }
}

/** The main text of an HTML page, found by Readability over a linkedom document. */
function fromHtml(html: string, location: string, meta: Record<string, unknown>): SourceItem {
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as Document).parse();
    const text = (article?.textContent ?? '').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
    return validate({ title: article?.title || undefined, ...meta, text }, location);
  } catch (error) {
    return { ok: false, location, message: `unreadable HTML: ${(error as Error).message}` };
  }
}

const FeedItem = z.object({
  title: z.unknown().optional(),
  link: z.unknown().optional(),
  description: z.unknown().optional(),
  summary: z.unknown().optional(),
  content: z.unknown().optional(),
  pubDate: z.unknown().optional(),
  published: z.unknown().optional(),
  updated: z.unknown().optional(),
  guid: z.unknown().optional(),
  id: z.unknown().optional(),
});

const textOf = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'object' && v && '#text' in v ? String((v as Record<string, unknown>)['#text']) : '');
const stripTags = (html: string) => parseHTML(`<div>${html}</div>`).document.querySelector('div')?.textContent?.trim() ?? '';

/** Items of an RSS 2.0 or Atom feed: title and description (or summary/content) as the article's text. */
function* fromFeed(xml: string, location: string, source?: string): Generator<SourceItem> {
  let parsed: Record<string, unknown>;
  try {
    parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
  } catch (error) {
    yield { ok: false, location, message: `not a feed: ${(error as Error).message}` };
    return;
  }
  const rss = (parsed.rss as Record<string, any> | undefined)?.channel;
  const atom = parsed.feed as Record<string, any> | undefined;
  const items: unknown[] = [rss?.item ?? atom?.entry ?? []].flat();
  if (!rss && !atom) {
    yield { ok: false, location, message: 'not an RSS or Atom feed' };
    return;
  }
  const feedTitle = textOf(rss?.title ?? atom?.title) || source;
  for (const [i, raw] of items.entries()) {
    const item = FeedItem.safeParse(raw);
    const where = `${location}#item${i + 1}`;
    if (!item.success) {
      yield { ok: false, location: where, message: 'malformed item' };
      continue;
    }
    const it = item.data;
    const link = typeof it.link === 'object' && it.link && '@href' in it.link ? String((it.link as Record<string, unknown>)['@href']) : textOf(it.link);
    const title = stripTags(textOf(it.title));
    const body = stripTags(textOf(it.content ?? it.description ?? it.summary));
    const date = textOf(it.pubDate ?? it.published ?? it.updated);
    const publishedAt = date && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : undefined;
    yield validate({ url: link || undefined, title: title || undefined, source: feedTitle || undefined, publishedAt, text: [title, body].filter(Boolean).join('\n\n') }, where);
  }
}

async function* readUrl(url: string): AsyncGenerator<SourceItem> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000), headers: { 'user-agent': 'geokg' } });
  } catch (error) {
    yield { ok: false, location: url, message: `fetch failed: ${(error as Error).message}` };
    return;
  }
  if (!response.ok) {
    yield { ok: false, location: url, message: `HTTP ${response.status}` };
    return;
  }
  const type = response.headers.get('content-type') ?? '';
  const body = await response.text();
  if (/xml|rss|atom/i.test(type) || /^\s*<\?xml|<rss|<feed/i.test(body.slice(0, 500))) yield* fromFeed(body, url, new URL(url).hostname);
  else yield fromHtml(body, url, { url });
}
