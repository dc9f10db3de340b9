// Types for the generator, so the TypeScript test that runs it is checked too.
export const REFERENCE_PATH: string;
export const CONFORMANCE_PATH: string;
export const TABLE_PATH: string;
export function sectionTitles(reference: string): Map<string, string>;
export function referenceRules(reference: string): { id: string; side: string; text: string }[];
export function conformanceRows(conformance: string): { id: string; side: string; sections: string[]; kept: string }[];
export function ruleTableModule(reference: string, conformance: string): string;
export function generate(root: string): string;
