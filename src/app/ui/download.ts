/**
 * Saves text the page made (an exported diagram, a chart's data, a scenario) as a file: a Blob behind a temporary
 * object URL, clicked through an anchor, so nothing leaves the browser and no server is asked.
 */
export function downloadText(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The click has started the download; the URL is no longer needed once this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
