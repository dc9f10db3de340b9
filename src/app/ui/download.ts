/**
 * Saves what the page made (an exported diagram, a chart's data, a scenario, a trace) as a file: a Blob behind a
 * temporary object URL, clicked through an anchor, so nothing leaves the browser and no server is asked.
 */

/** Downloads `blob` as `filename`. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The click has started the download; the URL is no longer needed once this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Downloads `text` as `filename`, of type `mime` ("application/json", "text/csv", …). */
export function downloadText(filename: string, mime: string, text: string): void {
  downloadBlob(filename, new Blob([text], { type: mime }));
}
