import type { I18n } from '../../lib/i18n/i18n.tsx';
import type { KindDecision } from '../../lib/signal-kind.ts';

/** Why a signal is read as a counter or an instantaneous value: "from the server", "from the unit kW.h"… */
export function kindSourceText(t: I18n['t'], decision: KindDecision, unit: string): string {
  if (decision.source === 'server') return t('chart.kind.fromServer');
  if (decision.source === 'operator') return t('chart.kind.fromOperator');
  return unit.trim() === '' ? t('chart.kind.fromNoUnit') : t('chart.kind.fromUnit', { unit });
}

/** A decided kind in a few words: "counter (from the server)". */
export function kindText(t: I18n['t'], decision: KindDecision, unit: string): string {
  const kind = t(decision.kind === 'counter' ? 'chart.kind.counterShort' : 'chart.kind.instantShort');
  return `${kind} (${kindSourceText(t, decision, unit)})`;
}
