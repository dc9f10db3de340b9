/**
 * Where and why JSON text is invalid, in words a scenario author understands. JSON.parse messages differ
 * between Node, Chrome and Firefox and often carry no position, so the first error is located here instead.
 *
 * Stricter than JSON.parse in two ways, both of which the scenario format already forbids: a key may appear
 * only once per object (JSON.parse keeps the last one silently, so a second "expect" would hide the first), and
 * objects and arrays nest at most MAX_JSON_DEPTH deep (deeper documents overflow the stack of any recursive
 * reader later on, so they are refused here, where the recursion is bounded).
 */
import { formatPath } from './errors.ts';
import { MAX_JSON_DEPTH } from './limits.ts';
import { quoted } from './quote.ts';

const TOO_DEEP = `objects and arrays are nested more than ${MAX_JSON_DEPTH} deep; a scenario file needs far fewer levels`;

export interface JsonSyntaxError {
  /** JSON path of the object a duplicate key is in ("steps[3]"); "" otherwise. */
  path: string;
  /** 1-based line and column (UTF-16 units) of the offending character. */
  line: number;
  column: number;
  message: string;
}

/** The parsed value, or the first syntax error. */
export function parseJson(text: string): { value: unknown } | { error: JsonSyntaxError } {
  const problem = locateSyntaxError(text);
  if (problem === undefined) {
    try {
      return { value: JSON.parse(text) };
    } catch (thrown) {
      return { error: { path: '', ...lineAndColumn(text, text.length), message: (thrown as Error).message } };
    }
  }
  return { error: { path: problem.path, ...lineAndColumn(text, problem.offset), message: problem.message } };
}

/**
 * The same depth rule for a document that arrives already parsed (the worker and the page pass objects).
 * Iterative, so the check itself cannot overflow; each object is visited once, so shared or cyclic
 * structure from a structured clone ends too.
 */
export function depthProblem(document: unknown): string | undefined {
  const visited = new Set<object>();
  const pending: { value: unknown; depth: number }[] = [{ value: document, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value !== 'object' || value === null || visited.has(value)) continue;
    if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
    visited.add(value);
    for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

class Problem {
  constructor(
    readonly offset: number,
    readonly message: string,
    readonly path = '',
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;

/** A recursive-descent pass that only validates; undefined when `text` is valid JSON for a scenario file. */
function locateSyntaxError(text: string): Problem | undefined {
  let i = 0;
  /** Keys and indices from the document to the value being read, for messages about duplicate keys. */
  const path: PropertyKey[] = [];
  const enter = () => {
    if (path.length >= MAX_JSON_DEPTH) throw new Problem(i, TOO_DEEP);
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const wordAt = (at: number) => {
    WORD.lastIndex = at;
    return WORD.exec(text)?.[0];
  };
  const unexpected = (what: string): never => {
    if (i >= text.length) throw new Problem(i, `unexpected end of file; ${what}`);
    const char = text[i]!;
    if (char === "'") throw new Problem(i, 'strings and property names need double quotes, not single quotes');
    const word = wordAt(i);
    throw new Problem(i, `${what}, found ${word !== undefined ? quoted(word) : `'${char}'`}`);
  };

  const value = (): void => {
    skipSpace();
    const char = text[i];
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    const word = wordAt(i);
    if (word === 'true' || word === 'false' || word === 'null') {
      i += word.length;
      return;
    }
    unexpected('expected a value (a number, "string", true, false, null, object or array)');
  };

  const object = () => {
    enter();
    i++;
    skipSpace();
    if (text[i] === '}') return void i++;
    /** Where each key was first seen, by its decoded name. */
    const seen = new Map<string, number>();
    for (;;) {
      skipSpace();
      if (text[i] === '}') throw new Problem(i, "trailing comma before '}'");
      if (text[i] !== '"') {
        const word = wordAt(i);
        if (word !== undefined) throw new Problem(i, `property names need double quotes: ${quoted(word)}`);
        unexpected('expected a property name in double quotes');
      }
      const keyStart = i;
      string();
      const raw = text.slice(keyStart, i);
      const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      const first = seen.get(key);
      if (first !== undefined) throw duplicateKey(key, first, keyStart);
      seen.set(key, keyStart);
      skipSpace();
      if (text[i] !== ':') unexpected("expected ':' after the property name");
      i++;
      path.push(key);
      value();
      path.pop();
      skipSpace();
      if (text[i] === '}') return void i++;
      if (text[i] === '"') throw new Problem(i, "missing ',' before this property");
      if (text[i] !== ',') unexpected("expected ',' or '}' after a property value");
      i++;
    }
  };

  const duplicateKey = (key: string, first: number, second: number): Problem => {
    const where = formatPath(path);
    const lines = `lines ${lineAndColumn(text, first).line} and ${lineAndColumn(text, second).line}`;
    const message = `key ${quoted(key)} appears twice (${lines}); keep one`;
    return new Problem(second, where === '' ? message : `${where}: ${message}`, where);
  };

  const array = () => {
    enter();
    i++;
    skipSpace();
    if (text[i] === ']') return void i++;
    for (let index = 0; ; index++) {
      skipSpace();
      if (text[i] === ']') throw new Problem(i, "trailing comma before ']'");
      path.push(index);
      value();
      path.pop();
      skipSpace();
      if (text[i] === ']') return void i++;
      if (text[i] !== ',') unexpected("expected ',' or ']' after an array element");
      i++;
    }
  };

  const string = () => {
    const start = i++;
    for (;;) {
      const char = text[i];
      if (char === undefined || char === '\n')
        throw new Problem(start, 'string is not closed with a double quote on the same line');
      if (char === '"') return void i++;
      if (char < ' ') throw new Problem(i, 'control characters must be escaped inside strings');
      if (char === '\\') {
        const escapeChar = text[i + 1] ?? '';
        if (
          escapeChar === 'u'
            ? !/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))
            : !'"\\/bfnrt'.includes(escapeChar) || escapeChar === ''
        ) {
          throw new Problem(i, `invalid escape "\\${escapeChar}" in a string`);
        }
        i += escapeChar === 'u' ? 6 : 2;
      } else i++;
    }
  };

  const number = () => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) throw new Problem(i, 'invalid number');
    i += match[0].length;
  };

  try {
    skipSpace();
    if (i === text.length) return new Problem(0, 'the file is empty; expected a JSON object');
    value();
    skipSpace();
    if (i < text.length) return new Problem(i, 'unexpected text after the end of the JSON document');
    return undefined;
  } catch (problem) {
    if (problem instanceof Problem) return problem;
    throw problem;
  }
}
