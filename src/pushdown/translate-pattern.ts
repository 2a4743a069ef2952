import type { DialectName } from '../rules';

/** Characters that stand for themselves in JavaScript, PostgreSQL and PCRE patterns alike. */
const PLAIN = /^[A-Za-z0-9 _,:@#%&=~!<>/'"-]$/;
/** Punctuation a backslash makes literal in all three. */
const ESCAPABLE = '.-_/+*?()[]{}|^$\\';
const DIGITS = '0123456789';
const WORD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';

/**
 * The pattern of a class-validator @Matches in the database's regex syntax, when it is proven
 * to match exactly the strings JavaScript's does: anchors only at the ends, and atoms that are
 * ASCII characters (literal, escaped punctuation, \d, \w, or a class of such characters and
 * ranges, not negated), each with an optional quantifier. Such an atom matches one ASCII
 * character in every engine, so whether JavaScript counts UTF-16 units and the database code
 * points makes no difference; ranges are written out character by character (a range's
 * meaning can depend on the collation). Flags other than `g` (which does not change
 * `str.match()`'s verdict), `.`, groups, alternation, negated classes, \s and \b are not
 * translated: undefined. The end anchor is `\z` for MySQL/MariaDB, whose `$` also matches
 * before a final newline.
 */
export function translatePattern(pattern: unknown, modifiers: unknown, dialect: DialectName): string | undefined {
  let source: string;
  let flags: string;
  if (pattern instanceof RegExp) {
    source = pattern.source;
    flags = pattern.flags;
  } else if (typeof pattern === 'string') {
    source = pattern;
    flags = modifiers === undefined || modifiers === null ? '' : String(modifiers);
  } else {
    return undefined;
  }
  if (flags !== '' && flags !== 'g') return undefined;
  let at = 0;
  let out = '';
  if (source.startsWith('^')) {
    out += '^';
    at = 1;
  }
  let end = source.length;
  let anchoredEnd = false;
  if (end > at && source[end - 1] === '$' && !escapedAt(source, end - 1)) {
    anchoredEnd = true;
    end -= 1;
  }
  while (at < end) {
    const atom = readAtom(source, at, end);
    if (!atom) return undefined;
    at = atom.next;
    const quantifier = readQuantifier(source, at, end);
    if (quantifier === null) return undefined;
    out += atom.text + (quantifier?.text ?? '');
    at = quantifier?.next ?? at;
  }
  if (anchoredEnd) out += dialect === 'mysql' ? '\\z' : '$';
  return out;
}

function escapedAt(source: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && source[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** One atom at `at`, as the database's pattern text. */
function readAtom(source: string, at: number, end: number): { text: string; next: number } | undefined {
  const char = source[at];
  if (char === '\\') {
    const escaped = source[at + 1];
    if (at + 1 >= end || escaped === undefined) return undefined;
    if (escaped === 'd') return { text: bracket(DIGITS), next: at + 2 };
    if (escaped === 'w') return { text: bracket(WORD), next: at + 2 };
    if (ESCAPABLE.includes(escaped)) return { text: `\\${escaped}`, next: at + 2 };
    return undefined;
  }
  if (char === '[') return readClass(source, at, end);
  if (PLAIN.test(char)) return { text: char, next: at + 1 };
  return undefined;
}

/** A class [...] of ASCII characters, written out as a list. */
function readClass(source: string, at: number, end: number): { text: string; next: number } | undefined {
  let i = at + 1;
  if (source[i] === '^') return undefined;
  const members = new Set<string>();
  while (i < end && source[i] !== ']') {
    let first: string;
    if (source[i] === '\\') {
      const escaped = source[i + 1];
      if (escaped === 'd' || escaped === 'w') {
        for (const c of escaped === 'd' ? DIGITS : WORD) members.add(c);
        i += 2;
        continue;
      }
      if (escaped === undefined || !ESCAPABLE.includes(escaped)) return undefined;
      first = escaped;
      i += 2;
    } else if (PLAIN.test(source[i]) || source[i] === '.') {
      first = source[i];
      i += 1;
    } else {
      return undefined;
    }
    if (source[i] === '-' && source[i + 1] !== ']' && i + 1 < end) {
      const last = source[i + 1];
      if (!/^[A-Za-z0-9]$/.test(first) || !/^[A-Za-z0-9]$/.test(last) || kindOf(first) !== kindOf(last) || last < first) return undefined;
      for (let code = first.charCodeAt(0); code <= last.charCodeAt(0); code++) members.add(String.fromCharCode(code));
      i += 2;
    } else {
      members.add(first);
    }
  }
  if (source[i] !== ']' || members.size === 0) return undefined;
  return { text: bracket([...members].join('')), next: i + 1 };
}

function kindOf(char: string): string {
  return /[0-9]/.test(char) ? 'digit' : /[a-z]/.test(char) ? 'lower' : 'upper';
}

/** A bracket expression listing these ASCII characters; `-` last, where it is literal in every engine. */
function bracket(characters: string): string {
  const list = [...new Set(characters)];
  const dash = list.includes('-');
  const body = list.filter((c) => c !== '-').map((c) => ('\\^[]'.includes(c) ? `\\${c}` : c)).join('');
  return `[${body}${dash ? '-' : ''}]`;
}

/** A quantifier at `at` (greedy or lazy: whether a string matches does not depend on it); null: one that is not translated. */
function readQuantifier(source: string, at: number, end: number): { text: string; next: number } | null | undefined {
  if (at >= end) return undefined;
  const char = source[at];
  let text: string;
  let next: number;
  if (char === '*' || char === '+' || char === '?') {
    text = char;
    next = at + 1;
  } else if (char === '{') {
    const match = /^\{(\d{1,3})(,(\d{1,3})?)?\}/.exec(source.slice(at, end));
    if (!match) return null;
    if (match[3] !== undefined && Number(match[3]) < Number(match[1])) return null;
    text = match[0];
    next = at + match[0].length;
  } else {
    return undefined;
  }
  if (source[next] === '?' && next < end) next += 1;
  if ('*+?{'.includes(source[next] ?? '') && next < end) return null;
  return { text, next };
}
