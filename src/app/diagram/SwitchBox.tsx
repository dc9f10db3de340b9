/**
 * The Hyper-V switch: the overlying driver that issues the OID requests and receives the indications. It lists
 * its recent requests (with any still pending), so a status indication can point at the request that caused it,
 * and says how many earlier ones it does not list.
 */
import { shortOid, shortStatus } from '../ndis/ndisLabels.ts';
import { fitText, textWidth } from '../viz/textFit.ts';
import type { OidFact } from '../viz/traceDigest.ts';
import { Drawn, HitArea } from '../viz/HitArea.tsx';
import { vizVar } from '../viz/theme.ts';
import type { VizToken } from '../viz/theme.ts';
import type { DiagramLayout } from './layout.ts';
import { useSide, useSideSelection } from '../side/SideProvider.tsx';

const outcomeToken = (fact: OidFact): VizToken =>
  fact.status === null ? 'warning' : fact.status === 'NDIS_STATUS_SUCCESS' ? 'indicate' : 'violation';

const outcomeText = (fact: OidFact): string =>
  fact.status === null ? (fact.pended ? 'PENDING' : '…') : shortStatus(fact.status);

/** The outcome in full words, for the row's name. */
const outcomeWords = (fact: OidFact): string =>
  fact.status ?? (fact.pended ? 'NDIS_STATUS_PENDING, not completed yet' : 'not answered yet');

export function SwitchBox({
  layout,
  oids,
  earlier,
  brokenByRequest,
}: {
  layout: DiagramLayout;
  oids: readonly OidFact[];
  /** Requests of the session not listed. */
  earlier: number;
  /** Rules the engine found broken by each request. */
  brokenByRequest: ReadonlyMap<number, readonly string[]>;
}) {
  const { vswitch: box, compact } = layout;
  const { select } = useSide();
  // A request row selects its oid-requested event: the inspector shows the request and what answered it.
  const selectedSeq = useSideSelection((s) => (s?.kind === 'event' ? s.id : null));
  return (
    <g data-testid="diagram-switch">
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={10} fill={vizVar('lane')} stroke={vizVar('grid')} />
      <text x={box.x + 10} y={box.y + 34} fontSize={11} fill={vizVar('muted')}>
        {compact ? 'OID requests' : 'vmswitch · OID requests'}
      </text>
      {oids.length === 0 && (
        <text x={box.x + 10} y={box.y + 58} fontSize={11} fill={vizVar('muted')} fontStyle="italic">
          none yet
        </text>
      )}
      {oids.map((fact, i) => {
        const row = layout.oidRows[i];
        if (!row) return null;
        const broken = brokenByRequest.get(fact.requestId);
        return (
          <g
            key={fact.requestId}
            data-testid="switch-oid"
            data-request-id={fact.requestId}
            data-broken={broken?.join(' ')}
          >
            <Drawn>
              <rect
                x={row.x}
                y={row.y}
                width={row.w}
                height={row.h}
                rx={5}
                fill={vizVar('bg')}
                stroke={vizVar(broken ? 'violation' : 'grid')}
                strokeWidth={broken ? 1.5 : 1}
              />
              <text x={row.x + 8} y={row.y + 13} fontSize={11} fill={vizVar('fg')}>
                <tspan fill={vizVar('muted')}>{`#${fact.requestId} `}</tspan>
                {fitText(shortOid(fact.oid), row.w - 16 - textWidth(`#${fact.requestId} `, 11), 11)}
              </text>
              <circle cx={row.x + 11} cy={row.y + row.h - 8} r={3} fill={vizVar(outcomeToken(fact))} />
              <text
                x={row.x + 19}
                y={row.y + row.h - 5}
                fontSize={10}
                fontWeight={600}
                fill={vizVar(outcomeToken(fact))}
              >
                {outcomeText(fact)}
              </text>
              {broken && (
                <text
                  x={row.x + row.w - 6}
                  y={row.y + row.h - 5}
                  fontSize={10}
                  fontWeight={700}
                  textAnchor="end"
                  fill={vizVar('violation')}
                >
                  {`⚠ ${broken.join(' ')}`}
                </text>
              )}
            </Drawn>
            <HitArea
              rect={row}
              rx={5}
              rovingKey={`oid-${fact.requestId}`}
              label={`Request #${fact.requestId} ${fact.oid}: ${outcomeWords(fact)}${broken ? `; broke ${broken.join(', ')}` : ''}`}
              pressed={selectedSeq === fact.issuedSeq}
              onPick={() => select({ kind: 'event', id: fact.issuedSeq })}
            />
          </g>
        );
      })}
      {earlier > 0 && layout.oidRows[oids.length] && (
        // In the row the layout keeps under the list: beside the title it would collide with it in a narrow box.
        <text
          x={box.x + 10}
          y={(layout.oidRows[oids.length]?.y ?? 0) + 14}
          fontSize={11}
          fill={vizVar('muted')}
          data-testid="switch-oid-earlier"
        >
          {`+${earlier} earlier`}
        </text>
      )}
    </g>
  );
}
