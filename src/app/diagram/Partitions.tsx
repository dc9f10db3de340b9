/**
 * Where received frames end up: the CPUs whose DPCs indicate them (one DPC per processor services every queue
 * affinitized to it), and the partitions the switch delivers them to — the management OS and each VM.
 */
import { MANAGEMENT_OS, type QueueView, type VmConfig } from '../../engine/index.ts';
import { useSide } from '../side/SideProvider.tsx';
import { Drawn, HitArea } from '../viz/HitArea.tsx';
import { vizVar, vmToken } from '../viz/theme.ts';
import type { DiagramLayout } from './layout.ts';
import { Box } from '../viz/Box.tsx';
import { fitName } from '../viz/textFit.ts';

/**
 * A CPU box is one of the diagram's roving items: its name says which queues' DPCs it runs (their processor
 * affinity), and Enter or a click selects the first of them, so the inspector shows what that CPU indicates. A CPU
 * that serves no queue is focusable for its name but selects nothing.
 */
export function CpuBoxes({ layout, queues }: { layout: DiagramLayout; queues: readonly QueueView[] }) {
  const { select } = useSide();
  return (
    <g data-testid="diagram-cpus">
      {layout.cpus.map(({ cpu, rect }) => {
        const served = queues.filter((q) => q.cpu === cpu).map((q) => q.QueueId);
        const first = served[0];
        const pick = first === undefined ? undefined : () => select({ kind: 'queue', id: first });
        const names = served.map((id) => (id === 0 ? 'the default queue' : `queue ${id}`));
        return (
          <g key={cpu} data-testid="diagram-cpu" data-cpu={cpu}>
            <Drawn>
              <Box rect={rect} rx={8} fill={vizVar('bg')} stroke={vizVar('grid')} />
              <text
                x={rect.x + rect.w / 2}
                y={rect.y + rect.h / 2 - 2}
                fontSize={12}
                fontWeight={600}
                textAnchor="middle"
                fill={vizVar('fg')}
              >{`CPU ${cpu}`}</text>
              <text
                x={rect.x + rect.w / 2}
                y={rect.y + rect.h / 2 + 12}
                fontSize={10}
                textAnchor="middle"
                fill={vizVar('muted')}
              >
                DPC
              </text>
            </Drawn>
            <HitArea
              rect={rect}
              rx={8}
              rovingKey={`cpu-${cpu}`}
              label={`CPU ${cpu} DPC: ${names.length ? `runs the DPC of ${names.join(', ')}` : 'no queue is affinitized to it'}`}
              onPick={pick}
            />
          </g>
        );
      })}
    </g>
  );
}

export function HostBoxes({ layout, vms }: { layout: DiagramLayout; vms: readonly VmConfig[] }) {
  return (
    <g data-testid="diagram-partitions">
      {layout.hosts.map(({ name, rect }) => {
        const vmIndex = vms.findIndex((vm) => vm.name === name);
        const vm = vms[vmIndex];
        const isHost = name === MANAGEMENT_OS;
        return (
          <g key={name} data-testid="diagram-partition" data-name={name}>
            {!isHost && <title>{name}</title>}
            <Box rect={rect} rx={8} fill={vizVar('bg')} stroke={vizVar('grid')} />
            <rect
              x={rect.x}
              y={rect.y + 6}
              width={4}
              height={rect.h - 12}
              rx={2}
              fill={vizVar(vmToken(isHost ? null : vmIndex))}
            />
            <text
              x={rect.x + 12}
              y={rect.y + (layout.compact ? rect.h / 2 + 4 : 21)}
              fontSize={12}
              fontWeight={600}
              fill={vizVar('fg')}
            >
              {isHost ? (layout.compact ? 'Host' : 'Management OS') : fitName(name, rect.w - 24, 12)}
              {vm?.vlan !== undefined && !layout.compact && (
                <tspan fontWeight={400} fontSize={11} fill={vizVar('muted')}>{` · VLAN ${vm.vlan}`}</tspan>
              )}
            </text>
            {!layout.compact && (
              <text
                x={rect.x + 12}
                y={rect.y + 37}
                fontSize={10}
                fill={vizVar('muted')}
                className={vm ? 'font-mono' : undefined}
              >
                {vm ? vm.mac : 'parent partition'}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
