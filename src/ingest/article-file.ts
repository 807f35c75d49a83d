import { z } from 'zod';

/** Article metadata a file may carry in front matter (`---` lines) or a sidecar `.json`. */
export const ArticleMetaSchema = z.object({
  id: z.string().min(1).optional(),
  url: z.string().url().optional(),
  title: z.string().optional(),
  source: z.string().optional(),
  publishedAt: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date such as 2024-12-05')
    .optional(),
  language: z.string().min(2).max(8).optional(),
});

/** Splits `---\nkey: value\n---\n` front matter from the body; the body is the article text offsets refer to. */
export function parseFrontMatter(raw: string): { meta: Record<string, string>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(raw);
  if (!match) return { meta: {}, body: raw };
  const meta: Record<string, string> = {};
  for (const line of match[1].split(/\r?\n/)) {
    const kv = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (kv) meta[kv[1]] = kv[2].trim().replace(/^["']|["']$/g, '');
  }
  return { meta, body: raw.slice(match[0].length) };
}
