/**
 * Text a scenario's author chose, in markup: isolated from the page's text direction (dir="auto", unicode-bidi:
 * isolate), so a right-to-left override in a VM name reorders only the name; and bounded, so a 100 KB name ends
 * in an ellipsis inside its box instead of widening the page, with the whole text in the tooltip.
 */
import type { VmConfig } from '../../engine/index.ts';
import { isolatedName, SHOWN_TEXT_CHARS, shortened } from './plainText.ts';

const LAYOUT = {
  /** One line, cut with an ellipsis at the width of its container. */
  line: 'inline-block max-w-full truncate align-bottom',
  /** Wrapped prose (descriptions, notes): breaks inside any word too long for the line. */
  prose: '[overflow-wrap:anywhere]',
} as const;

export function UserText({ text, layout = 'line' }: { text: string; layout?: keyof typeof LAYOUT }) {
  return (
    <bdi dir="auto" title={text} className={`[unicode-bidi:isolate] ${LAYOUT[layout]}`} data-user-text>
      {shortened(text, SHOWN_TEXT_CHARS)}
    </bdi>
  );
}

/** An <option> named by the user: shortened and isolated (CSS cannot reach inside an option), whole in its tooltip. */
export function NameOption({ value, name, suffix = '' }: { value: string; name: string; suffix?: string }) {
  return (
    <option value={value} title={name}>
      {isolatedName(name)}
      {suffix}
    </option>
  );
}

/** A VM in a dropdown: its name, then its MAC and VLAN. */
export function VmOption({ vm, value }: { vm: VmConfig; value: string }) {
  return (
    <NameOption
      value={value}
      name={vm.name}
      suffix={`: ${vm.mac}${vm.vlan === undefined ? '' : `, VLAN ${vm.vlan}`}`}
    />
  );
}
