import type { Doc } from './document';
import { asciiDigits } from './normalize';
import { TokenKind } from './tokenize';

/** Dates and quantities stated in a sentence. */

export interface DateMention {
  /** YYYY-MM-DD, or YYYY-MM when only the month is known. */
  value: string;
  tokenStart: number;
}

export interface QuantityMention {
  value: number;
  unit: string;
  text: string;
  tokenStart: number;
  tokenEnd: number;
}

const ASCII_DIGITS = /^[0-9]+$/;
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

function parseNumber(raw: string): number | undefined {
  if (ASCII_DIGITS.test(raw)) return Number(raw);
  const s = asciiDigits(raw).replace(/[\u066C,،]/g, '').replace('\u066B', '.');
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Finds date expressions in tokens [from, to): day-month(-year), month-day(-year), month-year, relative days,
 * weekdays, relative months and years. A missing year is the one that puts the date nearest before the article
 * (or after it, for plans).
 */
function yearAt(doc: Doc, i: number): number | undefined {
  const raw = doc.raws[i];
  const n = raw && doc.kinds[i] === TokenKind.number ? parseNumber(raw) : undefined;
  return n && n >= 1900 && n <= 2100 ? n : undefined;
}

/** A day of the month at token i, if i lies in [from, to). */
function dayAt(doc: Doc, i: number, from: number, to: number): number | undefined {
  const n = i >= from && i < to && doc.kinds[i] === TokenKind.number ? parseNumber(doc.raws[i]) : undefined;
  return n && n >= 1 && n <= 31 && Number.isInteger(n) ? n : undefined;
}

/** A date from its parts; a missing year from the article's date. Undefined when there is no year to give. */
function completeDate(anchor: Date | undefined, planned: boolean, year: number | undefined, month: number, day: number | undefined, at: number): DateMention | undefined {
  let y = year ?? anchor?.getUTCFullYear();
  if (y === undefined) return undefined;
  if (year === undefined && anchor) {
    const candidate = Date.UTC(y, month - 1, day ?? 1);
    const slack = 7 * 86_400_000;
    if (!planned && candidate > anchor.getTime() + slack) y -= 1;
    if (planned && candidate < anchor.getTime() - 31 * 86_400_000) y += 1;
  }
  return { value: day ? `${y}-${pad(month)}-${pad(day)}` : `${y}-${pad(month)}`, tokenStart: at };
}

export function findDates(doc: Doc, from: number, to: number, planned: boolean): DateMention[] {
  const rules = doc.rules;
  if (!rules) return [];
  const anchor = doc.publishedAt;
  const out: DateMention[] = [];
  const dateWords = rules.scanBit(rules.months) | rules.scanBit(rules.relativeDays) | rules.scanBit(rules.weekdays) | rules.scanBit(rules.relativeMonths);
  for (let i = from; i < to; i++) {
    // Where no date word can start, only a bare year can ("in 2024"): one mask read instead of four matches.
    if ((rules.startMask(doc.ids[i]) & dateWords) === 0) {
      if (anchor) addYear(doc, i, out);
      continue;
    }
    const month = rules.months.matchAt(doc, i, false, to)[0];
    if (month) {
      // "5 December", "27-28 أكتوبر" (take the first day), "December 5, 2024", "December 2024"
      let day = dayAt(doc, i - 1, from, to);
      let start = i - 1;
      if (day === undefined && doc.raws[i - 2] === '-' ) {
        day = dayAt(doc, i - 3, from, to);
        start = i - 3;
      } else if (day !== undefined && doc.raws[i - 2] === '-' && dayAt(doc, i - 3, from, to) !== undefined) {
        day = dayAt(doc, i - 3, from, to);
        start = i - 3;
      }
      let end = month.end;
      if (day === undefined && dayAt(doc, end, from, to) !== undefined) {
        day = dayAt(doc, end, from, to);
        start = i;
        end++;
      }
      if (doc.raws[end] === ',') end++;
      const date = completeDate(anchor, planned, yearAt(doc, end), month.value, day, day === undefined ? i : start);
      if (date) out.push(date);
      i = month.end - 1;
      continue;
    }
    if (!anchor) continue;
    const relDay = rules.relativeDays.matchAt(doc, i, false, to)[0];
    if (relDay) {
      out.push({ value: iso(new Date(anchor.getTime() + relDay.value * 86_400_000)), tokenStart: i });
      i = relDay.end - 1;
      continue;
    }
    const weekday = rules.weekdays.matchAt(doc, i, false, to)[0];
    if (weekday) {
      const diff = (weekday.value - anchor.getUTCDay() + 7) % 7;
      const offset = planned ? diff || 7 : diff === 0 ? 0 : diff - 7;
      out.push({ value: iso(new Date(anchor.getTime() + offset * 86_400_000)), tokenStart: i });
      continue;
    }
    const relMonth = rules.relativeMonths.matchAt(doc, i, false, to)[0];
    if (relMonth) {
      const d = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() + relMonth.value, 1));
      out.push({ value: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`, tokenStart: i });
      i = relMonth.end - 1;
      continue;
    }
    addYear(doc, i, out);
  }
  return out;
}

const YEAR_INTRODUCERS = /^(in|عام|سنة|العام|since|منذ)$/;

/** A year on its own after "in", "since", "عام" ..., unless a date of that year is already known. */
function addYear(doc: Doc, i: number, out: DateMention[]): void {
  // The introducer first: it rules out most numbers without parsing them.
  const prev = doc.norms[i - 1];
  if (doc.kinds[i] !== TokenKind.number || !prev || !YEAR_INTRODUCERS.test(prev)) return;
  const y = yearAt(doc, i);
  if (y && !out.some((d) => d.value.startsWith(String(y)))) out.push({ value: String(y), tokenStart: i });
}

/** Numbers with their scale and the noun they count: "أكثر من 10,000 جندي", "more than four million shells". */
export function findQuantities(doc: Doc, from: number, to: number): QuantityMention[] {
  const rules = doc.rules;
  if (!rules) return [];
  const out: QuantityMention[] = [];
  for (let i = from; i < to; i++) {
    let value: number | undefined;
    let end = i + 1;
    if (doc.kinds[i] === TokenKind.number) value = parseNumber(doc.raws[i]);
    else {
      const word = rules.numberWords.matchAt(doc, i, false, to)[0];
      if (word) {
        value = word.value;
        end = word.end;
      }
    }
    if (value === undefined) continue;
    const year = doc.kinds[i] === TokenKind.number && value >= 1900 && value <= 2100 && !doc.raws[i].includes(',');
    const scale = rules.numberScales.matchAt(doc, end, false, to)[0];
    if (scale) {
      value *= scale.value;
      end = scale.end;
    }
    if (year && !scale) continue;
    // The counted noun, past "of"/"من" ("10,000 containers of munitions", "10 آلاف من الجنود").
    let unitAt = end;
    if (unitAt < to && /^(of|من)$/.test(doc.norms[unitAt])) unitAt++;
    if (unitAt >= to || doc.kinds[unitAt] !== TokenKind.word) continue;
    out.push({ value, unit: doc.raws[unitAt], text: doc.text.slice(doc.starts[i], doc.ends[unitAt]), tokenStart: i, tokenEnd: unitAt + 1 });
    i = unitAt;
  }
  return out;
}
