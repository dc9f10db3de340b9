/**
 * What the scenario's JSON Schema (scenario/json-schema.ts, the one vmq prints) allows at a place in a document: the
 * keys an object there may have and the values a field may take (its enum: OID names, NDIS_STATUS_* names, request
 * types, profiles). The editor's completion reads it; the parser stays the judge of what is valid.
 */

/** A JSON Schema node, as far as completion reads it. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
}

/** A step of the path from the document's root: an object's key or an array's index. */
export type PathSegment = string | number;

/** `node` with its alternatives spread out (anyOf, oneOf), so each one names its own shape. */
function alternatives(node: SchemaNode): SchemaNode[] {
  const choices = [...(node.anyOf ?? []), ...(node.oneOf ?? [])];
  return choices.length === 0 ? [node] : choices.flatMap(alternatives);
}

/** The object shapes an object with `present` keys may be, of `nodes`: those that allow every key it has, so a step
 * with "oid" is offered the OID step's keys, not every action's. With none that fits, all of them. */
function fitting(nodes: SchemaNode[], present: readonly string[]): SchemaNode[] {
  const objects = nodes.filter((node) => node.properties !== undefined);
  const fit = objects.filter((node) => present.every((key) => key in (node.properties ?? {})));
  return fit.length > 0 ? fit : objects;
}

/** The shapes the value at `path` may have; `present(depth)` is the keys the object at that depth already has. */
export function schemaAt(
  root: SchemaNode,
  path: readonly PathSegment[],
  present: (depth: number) => readonly string[] = () => [],
): SchemaNode[] {
  let nodes = alternatives(root);
  for (const [depth, segment] of path.entries()) {
    if (typeof segment === 'number') {
      nodes = nodes.flatMap((node) => (node.items ? alternatives(node.items) : []));
    } else {
      nodes = fitting(nodes, present(depth)).flatMap((node) => {
        const field = node.properties?.[segment];
        return field ? alternatives(field) : [];
      });
    }
  }
  return nodes;
}

export interface KeyOption {
  key: string;
  required: boolean;
  description?: string;
}

/** The keys the object at `path` may have, not yet there, the required ones first. */
export function keysAt(
  root: SchemaNode,
  path: readonly PathSegment[],
  present: (depth: number) => readonly string[],
): KeyOption[] {
  const here = present(path.length);
  const options = new Map<string, KeyOption>();
  for (const node of fitting(schemaAt(root, path, present), here))
    for (const [key, field] of Object.entries(node.properties ?? {})) {
      if (here.includes(key) || options.has(key)) continue;
      const description = field.description ?? alternatives(field).find((alt) => alt.description)?.description;
      options.set(key, {
        key,
        required: node.required?.includes(key) ?? false,
        ...(description ? { description } : {}),
      });
    }
  return [...options.values()].sort((a, b) => Number(b.required) - Number(a.required));
}

/** The values the field at `path` may only take (its enum, its const, true/false), as JSON text. */
export function valuesAt(
  root: SchemaNode,
  path: readonly PathSegment[],
  present: (depth: number) => readonly string[],
): string[] {
  const values = new Set<string>();
  for (const node of schemaAt(root, path, present)) {
    for (const value of node.enum ?? []) values.add(JSON.stringify(value));
    if ('const' in node) values.add(JSON.stringify(node.const));
    if (node.type === 'boolean') for (const value of ['true', 'false']) values.add(value);
    if (node.type === 'null') values.add('null');
  }
  return [...values];
}
