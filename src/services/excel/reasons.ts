/**
 * The admission service's messages as a Chinese reason for one cell: its Chinese half where it has
 * one, a Chinese sentence for the English-only ones, and row numbers as the sheet counts them.
 */
import type { Column } from './columns';

const HAN = /[\u3400-\u9fff]/;

function chineseHalf(message: string): string | null {
  const trailing = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(message);
  if (trailing && HAN.test(trailing[1])) return trailing[1].trim();
  if (trailing && HAN.test(trailing[2])) return trailing[2].trim();
  return HAN.test(message) ? message : null;
}

function fromEnglish(message: string, column: Column | undefined, header: string): string {
  const longest = /must be at most (\d+) characters/.exec(message);
  if (longest) return `${header}最多 ${longest[1]} 个字`;
  if (/must be one of/.test(message) && column?.options) return `${header}须为以下之一：${column.options.map((o) => o.label).join('、')}`;
  if (/cannot be set/.test(message)) return `录取时不能填写${header}`;
  if (/must be a string/.test(message)) return `${header}须为文本`;
  return `${header}填写有误`;
}

/** The reason for one cell; `rowNumberOf` turns the service's row index into the sheet's row. */
export function chineseReason(message: string, column: Column | undefined, header: string, rowNumberOf: (index: number) => number): string {
  const chinese = chineseHalf(message) ?? fromEnglish(message, column, header);
  // "与第 3 行重复" counts the service's rows from 0: the sheet's row numbers are what the reader sees.
  return chinese.replace(/第 (\d+) 行/g, (_, index: string) => `第 ${rowNumberOf(Number(index))} 行`);
}
