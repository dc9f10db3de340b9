/** Every effect of vmq, so tests can run its commands without a process (vmq.ts wires Node's). */
export interface CliIo {
  /** The file's text; throws (as fs does) when it cannot be read. */
  readFile(path: string): string;
  /** The file's bytes (vmq replay reads captures); throws as fs does. Without it, replay is refused. */
  readBytes?(path: string): Uint8Array;
  out(line: string): void;
  err(line: string): void;
  /** The package version, e.g. "0.1.0". */
  version: string;
  /** Writes a file (vmq check --junit, vmq run --pcapng); throws as fs does. Without it, both are refused. */
  writeFile?(path: string, data: string | Uint8Array): void;
  /** The names of a directory's entries; throws as fs does. Lists lessons (vmq lessons, an unknown --lesson ID). */
  listDir?(path: string): string[];
  /** Where --lesson ID and vmq lessons look: public/lessons/ of the vmq checkout, when it has one. */
  lessonsDir?: string;
}
