import { useMemo } from 'react';
import type { SensorRef, SensorState, SignalType } from '../../api/besmart/schemas.ts';
import {
  decideKind,
  kindFromType,
  signalKindKey,
  useChosenKinds,
  type KindDecision,
  type SignalKind,
} from '../../lib/signal-kind.ts';

export interface SignalInfo {
  moid: number;
  symbol: string;
  description: string;
  unit: string;
  /** Counter or instantaneous value, as drawn: the operator's choice first (see lib/signal-kind.ts). */
  kind: KindDecision;
  /** What the app decides without the operator: from is_incremental, else from the unit. */
  auto: KindDecision;
}

/**
 * The signal types present in the sensor's states' signal states, labelled
 * from the signal types list, each with its kind: `chosen` gives the
 * operator's choice for a signal (null: decide automatically).
 */
export function signalsOf(
  states: SensorState[],
  types: SignalType[],
  chosen: (moid: number) => SignalKind | null = () => null,
): SignalInfo[] {
  const moids = [...new Set(states.flatMap((s) => s.signal_states.map((x) => x.signal_type_moid)))].sort(
    (a, b) => a - b,
  );
  return moids.map((moid) => {
    const type = types.find((t) => t.signal_type_moid === moid);
    // A signal missing from the types list has no unit to go by: instantaneous, unless the operator says otherwise.
    const known = type ?? { is_incremental: null, unit_symbol: '' };
    return {
      moid,
      symbol: type?.symbol ?? `#${moid}`,
      description: type?.description ?? '',
      unit: type?.unit_symbol ?? '',
      kind: decideKind(known, chosen(moid)),
      auto: kindFromType(known),
    };
  });
}

/** A sensor's signals with their kinds; re-renders when the operator changes a choice (here or in another tab). */
export function useSensorSignals(
  ref: SensorRef | null,
  stateList: SensorState[],
  typeList: SignalType[],
): SignalInfo[] {
  const choices = useChosenKinds();
  const cid = ref?.client_cid ?? 0;
  const mid = ref?.sensor_mid ?? 0;
  return useMemo(
    () =>
      signalsOf(
        stateList,
        typeList,
        (moid) => choices[signalKindKey({ client_cid: cid, sensor_mid: mid, signal_type_moid: moid })] ?? null,
      ),
    [stateList, typeList, choices, cid, mid],
  );
}
