/**
 * How an OID request ended: the NDIS_STATUS name and its hex value, who decided it (NDIS or the miniport) and why,
 * BytesNeeded and bytes read or written, and the output buffer with its flag words spelled out.
 */
import { formatUs } from '../ui/format.ts';
import { NdisBufferView } from './NdisBufferView.tsx';
import { IssuedByTag } from './IssuedByTag.tsx';
import { Citations } from '../reference/RefLink.tsx';
import { hex32, kindOf, type NdisStatusName, NDIS_STATUS, type OidResult } from '../../engine/index.ts';

/** Success green, PENDING and warnings (0x8…) amber, errors (0xC…) red. */
export function statusTone(status: NdisStatusName): string {
  const value = NDIS_STATUS[status];
  if (value === 0) return 'bg-emerald-50 text-emerald-800 ring-emerald-200';
  if (value >>> 30 === 3) return 'bg-rose-50 text-rose-800 ring-rose-200';
  return 'bg-amber-50 text-amber-900 ring-amber-200';
}

export function StatusChip({ status }: { status: NdisStatusName }) {
  return (
    <span
      className={`inline-flex items-baseline gap-1.5 rounded px-1.5 py-0.5 font-mono text-xs ring-1 ring-inset ${statusTone(status)}`}
      data-testid="status"
    >
      <span className="font-semibold" data-testid="status-name">
        {status}
      </span>
      <span data-testid="status-hex">{hex32(NDIS_STATUS[status])}</span>
    </span>
  );
}

/** The DATA member names of NDIS_OID_REQUEST that carry the byte counts, by request kind. */
const BYTES_MEMBER = { query: 'BytesWritten', set: 'BytesRead', method: 'BytesWritten' } as const;

export function OidResultView({ result, pended }: { result: OidResult; pended: boolean }) {
  const kind = kindOf(result.requestType);
  return (
    <div className="space-y-2 text-sm" data-testid="oid-result">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <StatusChip status={result.status} />
        <span className="text-xs text-slate-500">
          decided by{' '}
          <span className="font-semibold text-slate-800" data-testid="result-layer">
            {result.layer}
          </span>
          {pended && result.completedAtNs !== undefined && (
            <>
              {' '}
              · NDIS_STATUS_PENDING at {formatUs(result.issuedAtNs)} µs, completed at {formatUs(result.completedAtNs)}{' '}
              µs
            </>
          )}
        </span>
        <IssuedByTag issuedBy={result.issuedBy} />
      </div>
      {result.message && (
        <p className="text-slate-800" data-testid="result-message">
          <Citations text={result.message} />
        </p>
      )}
      <p className="font-mono text-xs text-slate-600">
        BytesNeeded{' '}
        <span className="text-slate-900" data-testid="bytes-needed">
          {result.bytesNeeded}
        </span>
        <span className="mx-2 text-slate-300">·</span>
        {BYTES_MEMBER[kind]} <span className="text-slate-900">{result.bytesReadOrWritten}</span>
        <span className="mx-2 text-slate-300">·</span>
        {result.requestType}, binding {result.binding}, request #{result.requestId}
      </p>
      {result.output && <NdisBufferView oid={result.oid} value={result.output} testId="result-output" />}
    </div>
  );
}
