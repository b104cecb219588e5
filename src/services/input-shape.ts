/**
 * Where a request's input holds a NUL byte or nests too deep. Walks iteratively, so that a body
 * nested thousands of levels deep is measured without overflowing the stack it is meant to protect.
 */
const ENCODED_NUL = /%00/i;

type Problem = { kind: 'nul' | 'depth'; key: string };
type Frame = { value: unknown; path: string[] };

/** A raw (still URL-encoded) path or query string with a NUL byte, encoded or not. */
export function hasNul(raw: string): boolean {
  return raw.includes('\0') || ENCODED_NUL.test(raw);
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function entriesOf(value: Record<string, unknown> | unknown[]): Array<[string, unknown]> {
  return Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
}

/** The first NUL byte (in a key or a string) or container deeper than `maxDepth`, by its path. */
function findProblem(root: unknown, maxDepth: number): { kind: Problem['kind']; path: string[] } | null {
  const stack: Frame[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as Frame;
    if (typeof value === 'string' && value.includes('\0')) return { kind: 'nul', path };
    if (!isContainer(value)) continue;
    if (path.length > maxDepth) return { kind: 'depth', path: path.slice(0, maxDepth + 1) };
    for (const [key, child] of entriesOf(value)) {
      if (key.includes('\0')) return { kind: 'nul', path: [...path, key] };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}

/** The body field (dotted path) holding a NUL byte or nested deeper than `maxDepth` levels. */
export function findInBody(body: unknown, maxDepth: number): Problem | null {
  const problem = findProblem(body, maxDepth);
  return problem && { kind: problem.kind, key: problem.path.join('.') };
}

/** The query parameter (as sent: `filters[name][$eq]`) holding a NUL byte, once parsed. */
export function findInQuery(query: unknown): string | null {
  const problem = findProblem(query, Number.MAX_SAFE_INTEGER);
  if (!problem || problem.path.length === 0) return null;
  const [head, ...rest] = problem.path;
  return `${head}${rest.map((key) => `[${key}]`).join('')}`;
}
