/**
 * An NDIS structure as JSON (an OID's output buffer, a filter's parameters), one member per line under its NDIS
 * name, with flag words, enumerations and statuses spelled out beside the raw value.
 */
import { NdisName } from '../ui/formControls.tsx';
import { decodeField } from './ndisFields.ts';
import { hex32, type OidName } from '../../engine/index.ts';

type Path = readonly (string | number)[];

export function NdisBufferView({
  oid,
  value,
  testId,
}: {
  oid: OidName;
  value: Record<string, unknown>;
  testId?: string;
}) {
  return (
    <div
      className="overflow-x-auto rounded-md bg-slate-50 px-3 py-2 font-mono text-xs leading-5 ring-1 ring-inset ring-slate-200"
      data-testid={testId}
    >
      <Members oid={oid} path={[]} value={value} />
    </div>
  );
}

function Members({ oid, path, value }: { oid: OidName; path: Path; value: Record<string, unknown> | unknown[] }) {
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return (
    <ul className={path.length > 0 ? 'border-l border-slate-200 pl-3' : ''}>
      {entries.map(([key, member]) => (
        <li key={key}>
          <Member oid={oid} path={[...path, key]} name={typeof key === 'number' ? `[${key}]` : key} value={member} />
        </li>
      ))}
    </ul>
  );
}

function Member({ oid, path, name, value }: { oid: OidName; path: Path; name: string; value: unknown }) {
  if (value !== null && typeof value === 'object') {
    const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
    return (
      <>
        <span className="text-slate-600">{name}</span>
        {empty ? (
          <span className="text-slate-500"> {Array.isArray(value) ? '[]' : '{}'}</span>
        ) : (
          <Members oid={oid} path={path} value={value as Record<string, unknown>} />
        )}
      </>
    );
  }
  const meaning = typeof value === 'number' ? decodeField(oid, path, value) : null;
  const shown =
    typeof value === 'number' && meaning !== null && /Flags|Types|Supported|Mask|CompletionStatus/.test(name)
      ? hex32(value)
      : JSON.stringify(value);
  return (
    <span className="wrap-anywhere">
      <span className="whitespace-nowrap text-slate-600">
        {name}
        <span className="text-slate-500">: </span>
      </span>
      <span className="text-slate-900">{shown}</span>
      {meaning !== null && (
        <span className="text-teal-700">
          {' '}
          <NdisName name={meaning} />
        </span>
      )}
    </span>
  );
}
