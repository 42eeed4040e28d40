import { z } from 'zod';

/*
 * Wire schemas for the SAURES API (lk.saures.ru). Each schema accepts what the
 * real server is known to send (z.input — the Wire* types the fake builds) and
 * normalises it (z.infer — what the app uses): numbers from strings, dates to
 * UTC epoch ms, missing fields to null.
 */

const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** "135.494", "-73", "1 234,5", 75 → number; "", "n/a", null → null. */
export function toNumber(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const s = value.replace(/\s/g, '').replace(',', '.');
  if (!NUMBER_RE.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;
const DMY_RE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function utcFromParts(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offsetMs: number,
): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  // Date.UTC reads years 0–99 as 1900–1999; no reading is that old anyway.
  if (y < 1000) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 31.02 over to March; such a date is not a real one.
  if (new Date(local).getUTCDate() !== d) return null;
  return local - offsetMs;
}

/**
 * SAURES dates: "15.09.2017 09:00" or ISO without zone ("2017-09-15T09:00:00"),
 * both Moscow time (UTC+3, no DST since 2014). An ISO date with its own zone
 * keeps it. Returns UTC epoch ms, or null when the text is not a date.
 */
export function parseSauresDate(text: string): number | null {
  const s = text.trim();
  const dmy = DMY_RE.exec(s);
  if (dmy) {
    const [, d, mo, y, h, mi, sec] = dmy;
    return utcFromParts(
      Number(y),
      Number(mo),
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(sec ?? 0),
      0,
      MOSCOW_OFFSET_MS,
    );
  }
  const iso = ISO_RE.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, frac, zone] = iso;
    let offset = MOSCOW_OFFSET_MS;
    if (zone !== undefined) {
      if (zone.toUpperCase() === 'Z') offset = 0;
      else {
        const digits = zone.replace(':', '');
        const sign = digits.startsWith('-') ? -1 : 1;
        offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
      }
    }
    const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
    return utcFromParts(
      Number(y),
      Number(mo),
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(sec ?? 0),
      ms,
      offset,
    );
  }
  return null;
}

/** A number the server may send as a number, a string, null, or not at all. */
export const numberishSchema = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => toNumber(v));

/** Text the server may send as a string, a number, null, or not at all; missing → "". */
const textSchema = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? '' : String(v)));

/** Optional text; missing or empty → null. */
const optionalTextSchema = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v)));

/** A date as sent; missing or empty → null, otherwise the raw text and its UTC epoch ms (null if unreadable). */
export const sauresDateSchema = z
  .string()
  .nullish()
  .transform((raw) =>
    raw === null || raw === undefined || raw.trim() === '' ? null : { raw, epochMs: parseSauresDate(raw) },
  );
export type SauresDate = z.infer<typeof sauresDateSchema>;

/** `{name, number}` pairs: meter type, meter state, controller state. */
export const codeNameSchema = z
  .object({ name: textSchema, number: numberishSchema })
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : { number: v.number, name: v.name }));
export type SauresCodeName = z.infer<typeof codeNameSchema>;

// ── Envelope and errors ──────────────────────────────────────────────────────

const EXCEPTION_RE = /\b([A-Za-z]+Exception)\b/;

/**
 * One entry of `errors`: a plain string ("WrongSIDException"), `{name, msg}`,
 * or, from some endpoints, field errors `{email: ["…"]}`. Normalised to a code
 * (the exception name, when there is one) and the server's words.
 */
export const errorItemSchema = z
  .union([z.string(), z.object({ name: z.string().nullish(), msg: z.string().nullish() }).loose()])
  .transform((e): { code: string | undefined; message: string } => {
    if (typeof e === 'string') return { code: EXCEPTION_RE.exec(e)?.[1], message: e };
    const code = e.name ?? undefined;
    if (e.msg) return { code, message: e.msg };
    const fieldWords = Object.entries(e)
      .filter(([k]) => k !== 'name' && k !== 'msg')
      .flatMap(([, v]) => (Array.isArray(v) ? v : [v]))
      .filter((v): v is string => typeof v === 'string');
    return { code, message: fieldWords.join('; ') || code || 'unknown error' };
  });
export type SauresErrorItem = z.infer<typeof errorItemSchema>;

/** `{status: "ok"|"bad", errors: [...], data}` — `data` is parsed per endpoint after `status` is checked. */
export const envelopeSchema = z.object({
  status: z.enum(['ok', 'bad']),
  errors: z
    .union([z.array(errorItemSchema), errorItemSchema])
    .nullish()
    .transform((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v])),
  data: z.unknown(),
});
export type SauresEnvelope = z.infer<typeof envelopeSchema>;
export type WireEnvelope<D> = Omit<z.input<typeof envelopeSchema>, 'data'> & { data: D };

// ── POST /api/auth/login ─────────────────────────────────────────────────────

export const loginDataSchema = z
  .object({ sid: z.string().min(1), role: numberishSchema })
  .transform((d) => ({ sid: d.sid, role: d.role }));
export type WireLoginData = z.input<typeof loginDataSchema>;
export type SauresSession = z.infer<typeof loginDataSchema>;

// ── GET /api/company/flats ───────────────────────────────────────────────────

const booleanishSchema = z
  .union([z.boolean(), z.number(), z.string()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined) return true;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    return !['false', '0', 'no', ''].includes(v.trim().toLowerCase());
  });

export const flatSchema = z
  .object({
    id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
    house: textSchema,
    number: textSchema,
    personal_account: textSchema,
    enable: booleanishSchema,
  })
  .transform((f) => ({
    id: Number(f.id),
    /** Address of the building ("Город Москва, улица …, дом 13с4"). */
    house: f.house,
    /** Flat or office number within the building ("25", "офис 25"). */
    number: f.number,
    /** Billing account number; often "". */
    personalAccount: f.personal_account,
    enabled: f.enable,
  }));
export type WireFlat = z.input<typeof flatSchema>;
export type SauresFlat = z.infer<typeof flatSchema>;

/** `flats` must be a list: data without one is unreadable, not an account without flats (`flats: []`). */
export const flatsDataSchema = z.object({ flats: z.array(flatSchema) }).transform((d) => d.flats);
export type WireFlatsData = z.input<typeof flatsDataSchema>;

// ── GET /api/meter/meters/ ───────────────────────────────────────────────────

const tariffEntrySchema = z.union([z.object({ type: textSchema, value: numberishSchema }), z.number(), z.string()]);

const rawValsSchema = z.union([z.array(tariffEntrySchema), z.string()]).nullish();

/** The readable tariffs, and whether every tariff sent was readable (so their sum is the meter's reading). */
function readVals(v: z.output<typeof rawValsSchema>): { tariffs: SauresTariff[]; complete: boolean } {
  if (v === null || v === undefined) return { tariffs: [], complete: true };
  const entries =
    typeof v === 'string'
      ? v
          .split('/')
          .filter((p) => p.trim() !== '')
          .map((p) => ({ tariff: undefined, value: toNumber(p) }))
      : v.map((e) =>
          typeof e === 'object'
            ? { tariff: e.type || undefined, value: e.value }
            : { tariff: undefined, value: toNumber(e) },
        );
  return {
    tariffs: entries.flatMap((e, i) => (e.value === null ? [] : [{ tariff: e.tariff || `T${i + 1}`, value: e.value }])),
    complete: entries.every((e) => e.value !== null),
  };
}

/** Digits after the point of a number as JavaScript writes it; null for exponent notation (1e-7). */
function decimalsOf(n: number): number | null {
  const text = String(n);
  if (/e/i.test(text)) return null;
  return text.split('.')[1]?.length ?? 0;
}

/** The sum of the tariffs, without binary noise: 0.1 + 0.2 is 0.3, as the meter would show it. */
function sumOfTariffs(tariffs: readonly SauresTariff[]): number {
  const sum = tariffs.reduce((a, t) => a + t.value, 0);
  const decimals = tariffs.map((t) => decimalsOf(t.value));
  if (decimals.some((d) => d === null)) return sum;
  const places = Math.min(20, Math.max(...decimals.map((d) => d ?? 0)));
  const rounded = Number(sum.toFixed(places));
  return Number.isFinite(rounded) ? rounded : sum;
}

/** Per-tariff values: `[{type, value}]`, `[1.2, 3.4]`, or one string "4803.08/1774.58"; empty when single-tariff. */
export const valsSchema = rawValsSchema.transform((v): SauresTariff[] => readVals(v).tariffs);
export interface SauresTariff {
  /** "T1", "T2", … (as sent, or by position when the server gives none). */
  tariff: string;
  value: number;
}

export const meterSchema = z
  .object({
    meter_name: textSchema,
    value: z.union([z.number(), z.string()]).nullish(),
    vals: rawValsSchema,
    state: codeNameSchema,
    sn: textSchema,
    type: codeNameSchema,
  })
  .transform((m) => {
    const vals = readVals(m.vals);
    const valueSent = m.value !== null && m.value !== undefined && String(m.value).trim() !== '';
    // `value` is the sum of the tariffs; a meter that sends only `vals` gets that sum (when every tariff is readable).
    const fromTariffs = !valueSent && vals.complete && vals.tariffs.length > 0 ? sumOfTariffs(vals.tariffs) : null;
    return {
      /** User-given name; often "". */
      name: m.meter_name,
      /** Factory serial number. */
      sn: m.sn,
      /** Reading (sum of tariffs when multi-tariff, worked out from `vals` when `value` is missing); null when not a number. */
      value: fromTariffs ?? toNumber(m.value),
      /** `value` as sent, for display when it is not a plain number; null when none was sent or the reading comes from `vals`. */
      valueRaw: fromTariffs !== null || m.value === null || m.value === undefined ? null : String(m.value),
      tariffs: vals.tariffs,
      /** `{number, name}`; numbers beyond 1–10 (11 heat kWh, 13 heat Gcal, 14 pressure bar…) are kept as sent. */
      type: m.type ?? { number: null, name: '' },
      /** `{number, name}`; 0 = no errors. */
      state: m.state,
    };
  });
export type WireMeter = z.input<typeof meterSchema>;
export type SauresMeter = z.infer<typeof meterSchema>;

export const sensorSchema = z
  .object({
    sn: textSchema,
    hardware: optionalTextSchema,
    firmware: optionalTextSchema,
    ssid: optionalTextSchema,
    local_ip: optionalTextSchema,
    bat: numberishSchema,
    rssi: numberishSchema,
    last_connection: sauresDateSchema,
    request_dt: sauresDateSchema,
    readout_dt: sauresDateSchema,
    state: codeNameSchema,
    meters: z
      .array(meterSchema)
      .nullish()
      .transform((v) => v ?? []),
  })
  .transform((s) => ({
    /** Serial number of the controller (УСПД). */
    sn: s.sn,
    hardware: s.hardware,
    firmware: s.firmware,
    /** Wi-Fi network name. */
    ssid: s.ssid,
    localIp: s.local_ip,
    /** Remaining battery, %. */
    batteryPercent: s.bat,
    /** Wi-Fi signal, dB (negative). */
    rssiDb: s.rssi,
    /** When the controller last talked to the server. */
    lastConnection: s.last_connection,
    /** When readings were requested. */
    requestedAt: s.request_dt,
    /** When the controller sent the readings to the server. */
    readoutAt: s.readout_dt,
    state: s.state,
    meters: s.meters,
  }));
export type WireSensor = z.input<typeof sensorSchema>;
export type SauresSensor = z.infer<typeof sensorSchema>;

/** `sensors` must be a list: data without one is unreadable, not a flat without controllers (`sensors: []`). */
export const metersDataSchema = z.object({ sensors: z.array(sensorSchema) }).transform((d) => d.sensors);
export type WireMetersData = z.input<typeof metersDataSchema>;
