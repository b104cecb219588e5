/**
 * The text of a PDF made by pdfkit, for assertions: objects read, each font's ToUnicode map
 * decoded, and every shown glyph string (`<...> Tj`, `[<...> ...] TJ`) turned back into
 * characters with the font selected at that point (`/F2 10 Tf`). Enough for our own documents;
 * not a general PDF reader.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: string | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  // Object offsets from the cross-reference table (binary font data may hold any bytes).
  const xref = /xref\s+0 (\d+)\s+([\s\S]*?)trailer/.exec(text);
  if (!xref) throw new Error('no cross-reference table');
  const offsets = [...xref[2].matchAll(/(\d{10}) \d{5} n/g)].map((m) => Number(m[1]));
  for (const offset of offsets) {
    const head = /^(\d+) 0 obj/.exec(text.slice(offset, offset + 20));
    if (!head) continue;
    const streamAt = text.indexOf('stream', offset);
    const endAt = text.indexOf('endobj', offset);
    if (streamAt < 0 || streamAt > endAt) {
      found.set(Number(head[1]), { dict: text.slice(offset, endAt), stream: null });
      continue;
    }
    const dict = text.slice(offset, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
    let start = streamAt + 'stream'.length;
    if (text[start] === '\r') start += 1;
    if (text[start] === '\n') start += 1;
    const raw = pdf.subarray(start, start + length);
    let stream: string;
    try {
      stream = /FlateDecode/.test(dict) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
    } catch {
      stream = raw.toString('latin1');
    }
    found.set(Number(head[1]), { dict, stream });
  }
  return found;
}

const codes = (hex: string, width: number) => Array.from({ length: Math.floor(hex.length / width) }, (_, i) => parseInt(hex.slice(i * width, i * width + width), 16));

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of block[1].split('\n')) {
      const list = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/.exec(line);
      if (list) {
        const from = parseInt(list[1], 16);
        // An entry may map one glyph to several characters (a ligature: <0066 0066>).
        [...list[3].matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((target, i) => map.set(from + i, String.fromCharCode(...codes(target[1].replace(/\s/g, ''), 4))));
        continue;
      }
      const range = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/.exec(line);
      if (range) for (let code = parseInt(range[1], 16); code <= parseInt(range[2], 16); code += 1) map.set(code, String.fromCharCode(parseInt(range[3], 16) + code - parseInt(range[1], 16)));
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const line of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(line[1], 16), String.fromCharCode(...codes(line[2], 4)));
  }
  return map;
}

export function pdfText(pdf: Buffer): string {
  const all = objects(pdf);
  // Each font object's map, then the resource names pages give them.
  const fontMaps = new Map<number, Map<number, string>>();
  for (const [id, object] of all) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(object.dict);
    const cmap = ref ? all.get(Number(ref[1]))?.stream : null;
    if (cmap) fontMaps.set(id, toUnicode(cmap));
  }
  const byName = new Map<string, Map<number, string>>();
  for (const object of all.values()) {
    for (const fonts of object.dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const entry of fonts[1].matchAll(/\/(\w+) (\d+) 0 R/g)) {
        const map = fontMaps.get(Number(entry[2]));
        if (map) byName.set(entry[1], map);
      }
    }
  }
  const lines: string[] = [];
  for (const object of all.values()) {
    if (!object.stream || !/\bT[Jj]\b/.test(object.stream)) continue;
    let current: Map<number, string> | undefined;
    for (const token of object.stream.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|(\[[^\]]*\]\s*TJ|<[0-9a-fA-F]*>\s*Tj)/g)) {
      if (token[1]) {
        current = byName.get(token[1]);
        continue;
      }
      const hex = [...token[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
      lines.push(codes(hex, 4).map((code) => current?.get(code) ?? '').join(''));
    }
  }
  return lines.join('\n');
}
