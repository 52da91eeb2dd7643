// Typed client of the dispatch routes (modules/dispatch/README.md). Taxonomy and map settings are fetched
// once per sign-in and shared by the dispatch pages.

import { ApiError } from '../../../shared/api.ts';
import type { Api } from '../../session.ts';
import { normalizeTaxonomy, type Taxonomy } from './logic.ts';

export type { Taxonomy } from './logic.ts';

export interface AmlInfo {
  version?: number;
  method?: string;
  confidence_pct?: number | null;
  positioned_at?: string | null;
  length_mismatch?: boolean;
  imsi?: string;
  imei?: string;
  mcc?: string;
  mnc?: string;
}

export interface Location {
  lat: number | null;
  lon: number | null;
  accuracy_m: number | null;
  source: 'aml' | 'caller' | 'address' | string;
  address?: string | null;
  area?: string | null;
  aml?: AmlInfo | null;
}

export interface IncidentEvent {
  id: number;
  incident_id: number;
  at: string;
  kind: string;
  actor: string;
  text: string;
  unit_id: number | null;
}

export interface Assignment {
  id: number;
  incident_id: number;
  unit_id: number;
  assigned_at: string;
  assigned_by: string;
  eta_s: number | null;
  en_route_at: string | null;
  on_scene_at: string | null;
  cleared_at: string | null;
  cancelled_at: string | null;
}

export interface Incident {
  id: number;
  line: string;
  category: string;
  type: string;
  priority: string;
  priority_rule: string;
  priority_reason_vi: string;
  priority_reason_en: string;
  status: string;
  description: string;
  location: Location | null;
  received_at: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  dispatched_at: string | null;
  on_scene_at: string | null;
  cleared_at: string | null;
  closed_at: string | null;
  closure_code: string | null;
  escalated_at: string | null;
  call_count: number;
  units: number[];
  events?: IncidentEvent[];
  assignments?: Assignment[];
  call_ids?: number[];
}

export interface Call {
  id: number;
  line: string;
  caller?: string;
  received_at: string;
  description: string;
  category: string;
  type: string;
  state: 'pending_link' | 'incident_created' | 'linked' | 'transferred' | string;
  incident_id: number | null;
  transferred_to: string | null;
  location: Location | null;
  created_by: string;
  created_at: string;
}

export interface Duplicate {
  incident: Incident;
  score: number;
  distance_m: number | null;
  age_s: number | null;
  reason_vi: string;
  reason_en: string;
}

export interface CallResult {
  call: Call;
  incident: Incident | null;
  duplicates: Duplicate[];
}

export interface Position {
  lat: number;
  lon: number;
  accuracy_m?: number | null;
  fixed_at?: string | null;
}

export interface Unit {
  id: number;
  call_sign: string;
  kind: string;
  station: string;
  capabilities: string[];
  status: string;
  position: Position | null;
  incident_id: number | null;
  updated_at: string;
}

export interface Recommendation {
  unit: Unit;
  eta_s: number | null;
  distance_m: number | null;
  reasons_vi: string[];
  reasons_en: string[];
}

export interface Recommendations {
  incident_id: number;
  required_capabilities: string[];
  recommendations: Recommendation[];
}

export interface DispatchConfig {
  map: { tile_url: string; attribution: string; center: [number, number]; zoom: number };
  escalate_after_s: number;
}

export interface TimeStat {
  median: number | null;
  p90: number | null;
}

export interface StatsGroup {
  key: string;
  label_vi?: string;
  label_en?: string;
  incidents: number;
  dispatched: number;
  arrived: number;
  time_to_dispatch_s: TimeStat | null;
  time_to_arrive_s: TimeStat | null;
}

export interface Stats {
  from: string;
  to: string;
  group_by: string;
  groups: StatsGroup[];
  total: StatsGroup | null;
}

/** A call as the intake form gives it: the body of POST /api/v1/calls without its client_ref. */
export interface CallEntry {
  line: string;
  caller: string;
  description: string;
  category: string;
  type?: string;
  location?: { lat: number; lon: number; accuracy_m?: number } | { aml: string } | { address: string };
}

export interface NewCall extends CallEntry {
  client_ref: string;
}

/** GET /api/v1/dispatch/training/scenario: the call as the trainee hears it (no answers in it). */
export interface TrainingScenario {
  /** A decimal string: the same id always gives the same scenario. */
  id: string;
  line: string;
  caller: string;
  /** What the caller says (in Vietnamese). */
  script_vi: string;
  /** The same, told in English for a reader of the English console. */
  script_en: string;
  /** The AML SMS that arrives with the call, or null. */
  aml: string | null;
  note_vi: string;
  note_en: string;
}

export type TrainingAspect = 'line' | 'category' | 'priority' | 'location';

export interface TrainingItem {
  aspect: TrainingAspect | string;
  ok: boolean;
  expected: unknown;
  given: unknown;
  note_vi: string;
  note_en: string;
}

export interface TrainingResult {
  score: number;
  items: TrainingItem[];
  expected: {
    line: string;
    category: string;
    priority: string;
    priority_rule: string;
    lat: number;
    lon: number;
    address: string;
  };
}

const DEFAULT_CONFIG: DispatchConfig = {
  map: { tile_url: '', attribution: '', center: [21.0285, 105.8542], zoom: 12 },
  escalate_after_s: 90,
};

export class DispatchApi {
  private taxonomyP: Promise<Taxonomy> | null = null;
  private configP: Promise<DispatchConfig> | null = null;

  constructor(readonly api: Api) {}

  taxonomy(): Promise<Taxonomy> {
    if (!this.taxonomyP) {
      const p = this.api.json<unknown>('/api/v1/dispatch/taxonomy').then(normalizeTaxonomy);
      this.taxonomyP = p;
      p.catch(() => {
        if (this.taxonomyP === p) this.taxonomyP = null; // try again next time
      });
    }
    return this.taxonomyP;
  }

  config(): Promise<DispatchConfig> {
    if (!this.configP) {
      const p = this.api.json<Partial<DispatchConfig>>('/api/v1/dispatch/config').then(normalizeConfig);
      this.configP = p;
      p.catch(() => {
        if (this.configP === p) this.configP = null;
      });
    }
    return this.configP;
  }

  createCall(body: NewCall): Promise<CallResult> {
    return this.api.json<CallResult>('/api/v1/calls', { method: 'POST', body });
  }

  /** A random scenario, or the one with this id. */
  trainingScenario(id?: string): Promise<TrainingScenario> {
    const q = id ? `?id=${encodeURIComponent(id)}` : '';
    return this.api.json<TrainingScenario>(`/api/v1/dispatch/training/scenario${q}`);
  }

  /** Checks a trainee's call against the scenario; nothing is stored. Refused fields are prefixed "call.". */
  checkTraining(scenarioId: string, call: CallEntry): Promise<TrainingResult> {
    return this.api.json<TrainingResult>('/api/v1/dispatch/training/check', {
      method: 'POST',
      body: { scenario_id: scenarioId, call },
    });
  }

  linkCall(callId: number, body: { decision: 'confirm'; incident_id: number } | { decision: 'reject' }):
    Promise<{ call: Call; incident: Incident }> {
    return this.api.json(`/api/v1/calls/${callId}/link`, { method: 'POST', body });
  }

  /** Personal data: the caller's number and AML identifiers; needs a purpose. */
  call(callId: number, purpose: string | null): Promise<Call> {
    return this.api.json<Call>(`/api/v1/calls/${callId}`, { purpose });
  }

  async incidents(status: 'open' | 'closed' | 'all' = 'open', limit = 500): Promise<Incident[]> {
    const path = `/api/v1/incidents?status=${status}`;
    let r: { incidents: Incident[] };
    try {
      r = await this.api.json<{ incidents: Incident[] }>(`${path}&limit=${limit}`);
    } catch (e) {
      // The README gives no upper bound for this limit: if the server finds it too large, take its default.
      if (!(e instanceof ApiError && e.status === 400 && e.problem.field === 'limit')) throw e;
      r = await this.api.json<{ incidents: Incident[] }>(path);
    }
    return Array.isArray(r?.incidents) ? r.incidents : [];
  }

  incident(id: number): Promise<Incident> {
    return this.api.json<Incident>(`/api/v1/incidents/${id}`);
  }

  addNote(id: number, text: string): Promise<IncidentEvent> {
    return this.api.json<IncidentEvent>(`/api/v1/incidents/${id}/notes`, { method: 'POST', body: { text } });
  }

  acknowledge(id: number): Promise<Incident> {
    return this.api.json<Incident>(`/api/v1/incidents/${id}/ack`, { method: 'POST', body: {} });
  }

  close(id: number, closureCode: string, note: string): Promise<Incident> {
    const body: Record<string, string> = { closure_code: closureCode };
    if (note) body['note'] = note;
    return this.api.json<Incident>(`/api/v1/incidents/${id}/close`, { method: 'POST', body });
  }

  recommendations(id: number, limit = 5): Promise<Recommendations> {
    return this.api.json<Recommendations>(`/api/v1/incidents/${id}/recommendations?limit=${limit}`);
  }

  assign(id: number, unitId: number): Promise<{ assignment: Assignment; unit: Unit; incident: Incident }> {
    return this.api.json(`/api/v1/incidents/${id}/assignments`, { method: 'POST', body: { unit_id: unitId } });
  }

  async units(): Promise<Unit[]> {
    const r = await this.api.json<{ units: Unit[] }>('/api/v1/units');
    return Array.isArray(r?.units) ? r.units : [];
  }

  setUnitStatus(unitId: number, status: string): Promise<Unit> {
    return this.api.json<Unit>(`/api/v1/units/${unitId}/status`, { method: 'POST', body: { status } });
  }

  stats(from: string, to: string, groupBy: string): Promise<Stats> {
    const q = new URLSearchParams({ from, to, group_by: groupBy });
    return this.api.json<Stats>(`/api/v1/dispatch/stats?${q.toString()}`);
  }
}

function normalizeConfig(raw: Partial<DispatchConfig> | null | undefined): DispatchConfig {
  const map = raw?.map ?? DEFAULT_CONFIG.map;
  const center = Array.isArray(map.center) && map.center.length === 2 && map.center.every((n) => Number.isFinite(n))
    ? map.center
    : DEFAULT_CONFIG.map.center;
  return {
    map: {
      tile_url: typeof map.tile_url === 'string' ? map.tile_url.trim() : '',
      attribution: typeof map.attribution === 'string' ? map.attribution : '',
      center,
      zoom: Number.isFinite(map.zoom) ? map.zoom : DEFAULT_CONFIG.map.zoom,
    },
    escalate_after_s: Number.isFinite(raw?.escalate_after_s) ? Number(raw?.escalate_after_s) : 90,
  };
}

const clients = new WeakMap<Api, DispatchApi>();

/** One client per signed-in session (the Api object lives as long as the session). */
export function dispatchApi(api: Api): DispatchApi {
  let c = clients.get(api);
  if (!c) {
    c = new DispatchApi(api);
    clients.set(api, c);
  }
  return c;
}

/** A key for POST /api/v1/calls: randomUUID where the page is a secure context, else built from getRandomValues. */
export function newClientRef(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
