/**
 * A frame's header, field by field, beside its bytes: pointing at (or focusing) a field lights its bytes, and
 * pointing at a byte lights the fields it belongs to.
 */
import { useState } from 'react';
import type { FrameHeader } from './frameHeader.ts';

const BYTES_PER_ROW = 16;

export function FrameBytes({ header }: { header: FrameHeader }) {
  const [active, setActive] = useState<{ start: number; end: number } | null>(null);
  const lit = (i: number) => active !== null && i >= active.start && i < active.end;
  const fieldsAt = (i: number) => header.fields.filter((f) => i >= f.start && i < f.end);
  const rows: number[][] = [];
  for (let i = 0; i < header.bytes.length; i += BYTES_PER_ROW) rows.push(header.bytes.slice(i, i + BYTES_PER_ROW));
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: only clears the pointer's highlight; keyboard users get the same highlight from the focusable field rows (onFocus/onBlur).
    <div className="flex flex-col gap-3" onMouseLeave={() => setActive(null)}>
      <table className="w-full text-sm" data-testid="frame-fields">
        <caption className="sr-only">Ethernet and 802.1Q header fields, with the bytes each occupies</caption>
        <tbody>
          {header.fields.map((field) => {
            const on = active !== null && active.start === field.start && active.end === field.end;
            return (
              <tr
                key={field.key}
                tabIndex={0}
                onMouseEnter={() => setActive(field)}
                onFocus={() => setActive(field)}
                onBlur={() => setActive(null)}
                className={`cursor-default outline-none focus-visible:ring-2 focus-visible:ring-sky-600 ${on ? 'bg-amber-50' : ''}`}
                data-testid={`frame-field-${field.key}`}
              >
                <th scope="row" className="py-0.5 pr-3 text-left text-xs font-normal text-slate-500">
                  {field.name}
                </th>
                <td className="py-0.5 pr-3 font-mono text-xs text-slate-900">{field.value}</td>
                <td className="py-0.5 text-right font-mono text-xs text-slate-500">
                  {field.end - field.start === 1 ? `byte ${field.start}` : `bytes ${field.start}–${field.end - 1}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="font-mono text-xs leading-5" aria-hidden data-testid="frame-hex">
        {rows.map((row, r) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows of a hex dump are positional: row r holds bytes 16r to 16r+15.
          <div key={r} className="flex gap-2">
            <span className="w-8 text-right text-slate-500">{(r * BYTES_PER_ROW).toString(16).padStart(4, '0')}</span>
            <span className="flex">
              {row.map((byte, c) => {
                const i = r * BYTES_PER_ROW + c;
                const [field] = fieldsAt(i);
                return (
                  // biome-ignore lint/a11y/noStaticElementInteractions: pointing at a byte is a mouse affordance in an aria-hidden dump; the field rows above give keyboard users the same highlight.
                  <span
                    // biome-ignore lint/suspicious/noArrayIndexKey: a byte's position in the row is its identity.
                    key={c}
                    onMouseEnter={() => setActive(field ?? null)}
                    className={`px-[3px] ${c === 8 ? 'ml-1.5' : ''} ${lit(i) ? 'rounded-sm bg-amber-200 text-slate-900' : field?.key === 'payload' ? 'text-slate-500' : 'text-slate-700'}`}
                    data-byte={i}
                  >
                    {byte.toString(16).padStart(2, '0')}
                  </span>
                );
              })}
            </span>
          </div>
        ))}
        {header.notShown > 0 && <div className="pl-10 text-slate-500">… {header.notShown} more bytes not traced</div>}
      </div>
    </div>
  );
}
