/** The names of the files the page downloads, so the same session always gets the same name wherever it is saved. */

/** `title`'s words, lower case, joined by dashes (at most eight), or `fallback` when it has none. */
function slug(title: string, fallback: string): string {
  const words = title.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.slice(0, 8).join('-') || fallback;
}

/** The file name for a saved session of `title` ("Save as scenario"). */
export const savedFileName = (title: string): string => `${slug(title, 'scenario')}-session.json`;

/** The file name the scenario loaded from `source` downloads as: its own name (without folders), always .json. */
export function scenarioFileName(source: string, title: string): string {
  const base =
    source
      .split(/[\\/]/)
      .at(-1)
      ?.replace(/\.json$/i, '') ?? '';
  return `${slug(base, slug(title, 'scenario'))}.json`;
}

/** `file` with its extension replaced by `extension` (".ndjson", ".csv"). */
export const withExtension = (file: string, extension: string): string => file.replace(/\.[^./\\]*$/, '') + extension;
