import { z } from 'zod';
import { BadUserInputError } from './errors';

/** Argument validation: messages name the argument and say why. */
export function parseArgs<T>(schema: z.ZodType<T>, args: unknown): T {
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const argument = issue.path.join('.');
    throw new BadUserInputError(`Argument "${argument}" ${issue.message}`, argument);
  }
  return parsed.data;
}

const DATE = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD');
export const date = DATE.optional().nullable().transform((v) => v ?? undefined);
export const id = z.string().min(1, 'must not be empty').max(300, 'is too long');

/** Relay paging: `first` bounded by the configured maximum, `after` an opaque cursor. */
export function paging(maxPageSize: number, defaultSize = 20) {
  return z.object({
    first: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(maxPageSize, `must be at most ${maxPageSize}`)
      .nullish()
      .transform((v) => v ?? Math.min(defaultSize, maxPageSize)),
    after: z
      .string()
      .nullish()
      .transform((v, ctx) => {
        if (!v) return 0;
        const offset = decodeCursor(v);
        if (offset === undefined) {
          ctx.addIssue({ code: 'custom', message: 'is not a cursor this API gave' });
          return z.NEVER;
        }
        return offset + 1;
      }),
  });
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string): number | undefined {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : undefined;
}

/** A connection over a page fetched with one row more than asked, so hasNextPage needs no count. */
export function connection<T>(rows: T[], skip: number, first: number, count: () => Promise<number>) {
  const page = rows.slice(0, first);
  return {
    edges: page.map((node, i) => ({ cursor: encodeCursor(skip + i), node })),
    pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? encodeCursor(skip + page.length - 1) : null },
    totalCount: count,
  };
}
