import type { SensorTypeWire, SignalTypeWire } from '../../src/api/besmart/schemas.ts';
import { createRng, pick, randInt } from '../seed.ts';
import { DAY, HOUR, valueAt, type SignalKind, type SignalPlan } from './series.ts';

/** Demo accounts of the fake besmart (README lists them). */
export const BESMART_DEMO_ACCOUNTS = [
  {
    login: 'operator',
    password: 'operator',
    workspaceKey: 'demo-workspace',
    user_id: 1,
    /** Clients whose sensors this user may see. */
    clients: [1],
    readOnly: false,
    description: 'Operator of client 1: reads and edits everything of client 1',
  },
  {
    login: 'viewer',
    password: 'viewer',
    workspaceKey: 'demo-workspace',
    user_id: 2,
    clients: [1],
    readOnly: true,
    description: 'Resident: sees client 1, may not write (every sensor has write: false)',
  },
] as const;

export type BesmartAccount = (typeof BESMART_DEMO_ACCOUNTS)[number];

export const MOID = { aPlus: 32, aMinus: 33, rPlus: 34, power: 64, temperature: 200 } as const;

/** The 1-minute signal for chart benchmarks: 525,600 points per 365 days, no gaps. */
export const BESMART_MINUTE_SIGNAL = { client_cid: 1, sensor_mid: 5, signal_type_moid: MOID.power } as const;

export interface SensorRecord {
  client_cid: number;
  sensor_mid: number;
  name: string;
  sensor_type_id: number;
  sensor_eid: string | null;
  lat: number | null;
  lon: number | null;
  info: string;
  comments: string | null;
  write: boolean;
  execute: boolean;
  negligible: boolean;
  uncertain: boolean;
  /** Current servers only (v0.1.5 has no such field). */
  balance_calculation: boolean;
  /** Current servers only: minutes between acquisitions, by its name (the docs do not say). */
  acq_min: number | null;
}

export interface MeterTypeRecord {
  id: number;
  meter_type_name: string;
  description: string | null;
  number_of_phases: number;
  is_balance: boolean;
  is_ami: boolean;
  is_dcu: boolean;
  /** Current servers only. */
  is_remote: boolean;
  prefix_name: string | null;
  default_cap_period: number | null;
}

export interface SignalStateRecord {
  signal_state_id: number;
  signal_type_moid: number;
  value_for_since: number | null;
  value_for_till: number | null;
  info: string | null;
}

export interface StateRecord {
  sensor_state_id: number;
  client_cid: number;
  sensor_mid: number;
  since: number;
  till: number | null;
  meter_eid: string | null;
  info: string | null;
  meter_type_name: string | null;
  signal_states: SignalStateRecord[];
}

export interface BesmartSeed {
  sensorTypes: SensorTypeWire[];
  signalTypes: SignalTypeWire[];
  sensors: SensorRecord[];
  meterTypes: Map<number, MeterTypeRecord[]>;
  states: StateRecord[];
  /** How each seeded signal's series is computed. */
  plans: SignalPlan[];
  nextStateId: number;
  nextSignalStateId: number;
}

export const BESMART_SENSOR_TYPES: SensorTypeWire[] = [
  {
    id: 1,
    name: 'virtual',
    description: 'Wirtualny',
    sensor_custom_fields: '{"tariff": {"required": false}}',
    sensor_state_custom_fields: '{}',
  },
  {
    id: 3,
    name: 'energy_meter',
    description: 'Licznik energii',
    sensor_custom_fields: '{"tariff": {"required": true}, "meter_max_digits": {"required": false}}',
    sensor_state_custom_fields: '{"METER_DEV": {"required": true}, "MM_NAME": {"required": false}}',
  },
  {
    id: 4,
    name: 'pv_inverter',
    description: 'Falownik PV',
    sensor_custom_fields: '{"peak_power_kw": {"required": true}}',
    sensor_state_custom_fields: '{}',
  },
  {
    id: 5,
    name: 'weather_station',
    description: 'Stacja pogodowa',
    sensor_custom_fields: '{"height_m": {"required": false}}',
    sensor_state_custom_fields: '{}',
  },
  {
    id: 12,
    name: 'meter_station',
    description: 'Stacja',
    sensor_custom_fields: '{"tariff": {"required": true}}',
    sensor_state_custom_fields: '{"METER_DEV": {"required": false}}',
  },
];

/** Signal types; A− carries its moid as a string, as the reference documents the field. */
export const BESMART_SIGNAL_TYPES: SignalTypeWire[] = [
  {
    signal_type_moid: MOID.aPlus,
    symbol: 'A+',
    is_incremental: true,
    description: 'Energia czynna pobrana z sieci',
    unit_id: 1,
    unit_symbol: 'kW.h',
    group_id: 2,
    group: 'Energetyka',
    obis_mapping: '1.8.0',
    chart_expected_unit: 'kW',
    keep_prefix: false,
  },
  {
    signal_type_moid: String(MOID.aMinus),
    symbol: 'A-',
    is_incremental: true,
    description: 'Energia czynna oddana do sieci',
    unit_id: 1,
    unit_symbol: 'kW.h',
    group_id: 2,
    group: 'Energetyka',
    obis_mapping: '2.8.0',
    chart_expected_unit: 'kW',
    keep_prefix: false,
  },
  {
    signal_type_moid: MOID.rPlus,
    symbol: 'R+',
    is_incremental: true,
    description: 'Energia bierna pobrana',
    unit_id: 3,
    unit_symbol: 'kvar.h',
    group_id: 2,
    group: 'Energetyka',
    obis_mapping: '3.8.0',
    chart_expected_unit: 'kvar',
    keep_prefix: false,
  },
  {
    signal_type_moid: MOID.power,
    symbol: 'P',
    is_incremental: false,
    description: 'Moc czynna',
    unit_id: 2,
    unit_symbol: 'kW',
    group_id: 2,
    group: 'Energetyka',
    obis_mapping: '1.7.0',
    chart_expected_unit: 'kW',
    keep_prefix: true,
  },
  {
    signal_type_moid: MOID.temperature,
    symbol: 'T',
    is_incremental: false,
    description: 'Temperatura powietrza',
    unit_id: 10,
    unit_symbol: '°C',
    group_id: 5,
    group: 'Meteo',
    obis_mapping: null,
    chart_expected_unit: '°C',
    keep_prefix: false,
  },
];

interface SignalSeed {
  moid: number;
  kind: SignalKind;
  scale: number;
  stepMinutes?: number;
  gaps?: boolean;
  /** Counter reading at the first state's since. */
  start?: number;
}

interface StateSeed {
  /** Days before the anchor (the seed day's midnight UTC), plus hours. */
  sinceDays: number;
  sinceHours?: number;
  meter_eid: string | null;
  meter_type_name: string | null;
  info: string | null;
}

interface SensorSeed {
  sensor: SensorRecord;
  states: StateSeed[];
  signals: SignalSeed[];
}

function sensor(
  client_cid: number,
  sensor_mid: number,
  name: string,
  sensor_type_id: number,
  rest: Partial<SensorRecord> = {},
): SensorRecord {
  return {
    client_cid,
    sensor_mid,
    name,
    sensor_type_id,
    sensor_eid: null,
    lat: null,
    lon: null,
    info: '{}',
    comments: null,
    write: true,
    execute: true,
    negligible: false,
    uncertain: false,
    balance_calculation: false,
    acq_min: 15,
    ...rest,
  };
}

function defaultSensors(): SensorSeed[] {
  return [
    {
      sensor: sensor(1, 1, 'Main switchboard meter', 3, {
        sensor_eid: '48003752B205900000',
        lat: 54.38,
        lon: 18.634,
        info: '{"tariff": "C12A", "meter_max_digits": 6}',
        comments: 'Meter swapped after a fault.',
        balance_calculation: true,
      }),
      states: [
        {
          sinceDays: 500,
          meter_eid: '135620',
          meter_type_name: 'CX2000-9',
          info: '{"METER_DEV": 135620, "MM_NAME": "CX2000-9"}',
        },
        {
          sinceDays: 120,
          sinceHours: 10,
          meter_eid: 'ZE-00481',
          meter_type_name: 'ZMG310',
          info: '{"METER_DEV": 481, "MM_NAME": "ZMG310"}',
        },
      ],
      signals: [
        { moid: MOID.aPlus, kind: 'import', scale: 2.4, start: 15204.2 },
        { moid: MOID.aMinus, kind: 'export', scale: 0.8, start: 312.5 },
        { moid: MOID.power, kind: 'load-power', scale: 2.4 },
      ],
    },
    {
      sensor: sensor(1, 2, 'Rooftop PV inverter', 4, {
        sensor_eid: 'INV-7781',
        lat: 54.381,
        lon: 18.636,
        info: '{"peak_power_kw": 9.9}',
      }),
      states: [{ sinceDays: 450, meter_eid: '7781', meter_type_name: 'Virtual', info: null }],
      signals: [
        { moid: MOID.aMinus, kind: 'export', scale: 5.5, start: 100 },
        { moid: MOID.power, kind: 'pv-power', scale: 8.5 },
      ],
    },
    {
      sensor: sensor(1, 3, 'Weather station on the roof', 5, {
        sensor_eid: 'WS-12',
        lat: 54.379,
        lon: 18.633,
        info: '{"height_m": 18}',
      }),
      states: [{ sinceDays: 450, meter_eid: null, meter_type_name: null, info: null }],
      signals: [{ moid: MOID.temperature, kind: 'temperature', scale: 1 }],
    },
    {
      sensor: sensor(1, 4, 'Substation T-12 (utility, read-only)', 12, {
        sensor_eid: 'T12-MAIN',
        lat: 54.4,
        lon: 18.6,
        info: '{"tariff": "B23"}',
        write: false,
        execute: false,
      }),
      states: [{ sinceDays: 450, meter_eid: '990001', meter_type_name: 'CX2000-9', info: '{"METER_DEV": 990001}' }],
      signals: [
        { moid: MOID.aPlus, kind: 'import', scale: 45, start: 880000 },
        { moid: MOID.power, kind: 'load-power', scale: 45 },
      ],
    },
    {
      sensor: sensor(1, 5, 'Workshop meter (1-minute data)', 3, {
        sensor_eid: 'HR-0005',
        info: '{"tariff": "C11"}',
        uncertain: true,
        acq_min: 1,
      }),
      states: [{ sinceDays: 420, meter_eid: '5005', meter_type_name: 'ZMG310', info: '{"METER_DEV": 5005}' }],
      signals: [
        { moid: MOID.power, kind: 'load-power', scale: 6, stepMinutes: 1, gaps: false },
        { moid: MOID.aPlus, kind: 'import', scale: 6, start: 2000 },
      ],
    },
    {
      sensor: sensor(3, 1, 'Neighbouring client meter', 3, { info: '{"tariff": "G11"}' }),
      states: [{ sinceDays: 450, meter_eid: '3001', meter_type_name: 'Generic', info: '{"METER_DEV": 3001}' }],
      signals: [{ moid: MOID.aPlus, kind: 'import', scale: 1, start: 10 }],
    },
  ];
}

function largeSensors(rng: () => number): SensorSeed[] {
  const out: SensorSeed[] = [];
  for (let mid = 6; mid < 36; mid++) {
    const typeId = pick(rng, [3, 12]);
    const scale = randInt(rng, 1, 60);
    out.push({
      sensor: sensor(1, mid, `Meter ${String(mid).padStart(3, '0')}`, typeId, {
        sensor_eid: `LG-${mid}`,
        lat: 54 + rng(),
        lon: 18 + rng(),
        info: '{"tariff": "C11"}',
      }),
      states: [
        { sinceDays: 430, meter_eid: String(10000 + mid), meter_type_name: 'ZMG310', info: `{"METER_DEV": ${mid}}` },
      ],
      signals: [
        { moid: MOID.aPlus, kind: 'import', scale, start: randInt(rng, 0, 50000) },
        { moid: MOID.power, kind: 'load-power', scale },
      ],
    });
  }
  return out;
}

function meterTypes(): Map<number, MeterTypeRecord[]> {
  return new Map([
    [
      1,
      [
        {
          id: 1,
          meter_type_name: 'CX2000-9',
          description: 'Three-phase AMI meter',
          number_of_phases: 3,
          is_balance: false,
          is_ami: true,
          is_dcu: false,
          is_remote: true,
          prefix_name: 'CX',
          default_cap_period: 15,
        },
        {
          id: 2,
          meter_type_name: 'ZMG310',
          description: 'Landis+Gyr three-phase',
          number_of_phases: 3,
          is_balance: true,
          is_ami: true,
          is_dcu: false,
          is_remote: true,
          prefix_name: 'ZE',
          default_cap_period: 15,
        },
        {
          id: 3,
          meter_type_name: 'Virtual',
          description: null,
          number_of_phases: 1,
          is_balance: false,
          is_ami: false,
          is_dcu: false,
          is_remote: false,
          prefix_name: null,
          default_cap_period: null,
        },
      ],
    ],
    [
      3,
      [
        {
          id: 1,
          meter_type_name: 'Generic',
          description: 'Single-phase meter',
          number_of_phases: 1,
          is_balance: false,
          is_ami: false,
          is_dcu: false,
          is_remote: false,
          prefix_name: null,
          default_cap_period: 60,
        },
      ],
    ],
  ]);
}

/**
 * The seeded world, relative to `anchor` (midnight UTC of the fake's start
 * day), so the demo always has the last 400+ days of data.
 */
export function createBesmartSeed(options: {
  anchor: number;
  dataset: 'default' | 'large';
  seed: number;
}): BesmartSeed {
  const rng = createRng(options.seed);
  const seeds = [...defaultSensors(), ...(options.dataset === 'large' ? largeSensors(rng) : [])];
  const states: StateRecord[] = [];
  const plans: SignalPlan[] = [];
  let stateId = 21300;
  let signalStateId = 798600;
  for (const { sensor: s, states: stateSeeds, signals } of seeds) {
    const bounds = stateSeeds.map((st) => options.anchor - st.sinceDays * DAY + (st.sinceHours ?? 0) * HOUR);
    const segmentsBySignal = signals.map((sig, i) => {
      const plan: SignalPlan = {
        client_cid: s.client_cid,
        sensor_mid: s.sensor_mid,
        signal_type_moid: sig.moid,
        kind: sig.kind,
        stepMinutes: sig.stepMinutes ?? 15,
        gaps: sig.gaps ?? true,
        scale: sig.scale,
        salt: s.client_cid * 1000 + s.sensor_mid * 10 + i + options.seed,
        segments: [],
      };
      plans.push(plan);
      return plan;
    });
    stateSeeds.forEach((st, i) => {
      const since = bounds[i] ?? options.anchor;
      const till = bounds[i + 1] ?? null;
      const state: StateRecord = {
        sensor_state_id: stateId++,
        client_cid: s.client_cid,
        sensor_mid: s.sensor_mid,
        since,
        till,
        meter_eid: st.meter_eid,
        info: st.info,
        meter_type_name: st.meter_type_name,
        signal_states: [],
      };
      signals.forEach((sig, j) => {
        const plan = segmentsBySignal[j];
        if (!plan) return;
        const incremental = sig.kind === 'import' || sig.kind === 'export';
        // A new meter starts from zero: the counter restarts at each swap.
        const valueForSince = incremental ? (i === 0 ? (sig.start ?? 0) : 0) : 0;
        const segment = { since, till, valueForSince };
        plan.segments.push(segment);
        state.signal_states.push({
          signal_state_id: signalStateId++,
          signal_type_moid: sig.moid,
          value_for_since: incremental ? valueForSince : null,
          value_for_till: incremental && till !== null ? valueAt(plan, segment, till) : null,
          info: incremental ? `{"TARIFF_NAME": "${i === 0 ? 'C12A' : 'C11'}"}` : null,
        });
      });
      states.push(state);
    });
  }
  return {
    sensorTypes: BESMART_SENSOR_TYPES,
    signalTypes: BESMART_SIGNAL_TYPES,
    sensors: seeds.map((x) => ({ ...x.sensor })),
    meterTypes: meterTypes(),
    states,
    plans,
    nextStateId: stateId,
    nextSignalStateId: signalStateId,
  };
}
