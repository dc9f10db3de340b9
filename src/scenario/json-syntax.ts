/**
 * Where and why JSON text is invalid, in words a scenario author understands. JSON.parse messages differ
 * between Node, Chrome and Firefox and often carry no position, so the first error is located here instead.
 */

export interface JsonSyntaxError {
  /** 1-based line and column (UTF-16 units) of the offending character. */
  line: number;
  column: number;
  message: string;
}

/** The parsed value, or the first syntax error. */
export function parseJson(text: string): { value: unknown } | { error: JsonSyntaxError } {
  try {
    return { value: JSON.parse(text) };
  } catch (thrown) {
    const found = locateSyntaxError(text) ?? { offset: text.length, message: (thrown as Error).message };
    return { error: { ...lineAndColumn(text, found.offset), message: found.message } };
  }
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
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;

/** A recursive-descent pass that only validates; undefined when `text` is valid JSON. */
function locateSyntaxError(text: string): Problem | undefined {
  let i = 0;
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
    throw new Problem(i, `${what}, found ${word !== undefined ? `"${word}"` : `'${char}'`}`);
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
    i++;
    skipSpace();
    if (text[i] === '}') return void i++;
    for (;;) {
      skipSpace();
      if (text[i] === '}') throw new Problem(i, "trailing comma before '}'");
      if (text[i] !== '"') {
        if (wordAt(i) !== undefined) throw new Problem(i, `property names need double quotes: "${wordAt(i)}"`);
        unexpected('expected a property name in double quotes');
      }
      string();
      skipSpace();
      if (text[i] !== ':') unexpected("expected ':' after the property name");
      i++;
      value();
      skipSpace();
      if (text[i] === '}') return void i++;
      if (text[i] === '"') throw new Problem(i, "missing ',' before this property");
      if (text[i] !== ',') unexpected("expected ',' or '}' after a property value");
      i++;
    }
  };

  const array = () => {
    i++;
    skipSpace();
    if (text[i] === ']') return void i++;
    for (;;) {
      skipSpace();
      if (text[i] === ']') throw new Problem(i, "trailing comma before ']'");
      value();
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
