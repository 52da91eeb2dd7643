// The incidents and units a dispatch page shows, loaded once and then kept current from the live topics
// (dispatch, dispatch.positions): no polling. Events that arrive while the lists load are applied after.

import type { Live } from '../../live.ts';
import type { DispatchApi, Incident, Unit } from './api.ts';
import { parseDispatchEvent, type DispatchEvent, type PositionFix } from './logic.ts';

export type Change =
  | { kind: 'loaded' }
  | { kind: 'incident'; incident: Incident; type: string }
  | { kind: 'unit'; unit: Unit; type: string }
  | { kind: 'positions'; fixes: PositionFix[] }
  | { kind: 'escalated'; incident: Incident };

export interface StateOptions {
  incidents: boolean;
  units: boolean;
}

export class DispatchState {
  readonly incidents = new Map<number, Incident>();
  readonly units = new Map<number, Unit>();
  private readonly subs = new Set<(c: Change) => void>();
  private pending: DispatchEvent[] | null = null;
  private readonly off: () => void;

  constructor(
    private readonly client: DispatchApi,
    live: Live,
    private readonly opts: StateOptions,
  ) {
    this.off = live.onEvent((item) => {
      const ev = parseDispatchEvent(item.topic, item.data);
      if (!ev) return;
      if (this.pending) this.pending.push(ev);
      else this.apply(ev);
    });
  }

  /** Loads the open incidents and/or the units; rejects with the API error. */
  async load(): Promise<void> {
    this.pending = [];
    try {
      const [incidents, units] = await Promise.all([
        this.opts.incidents ? this.client.incidents('open') : Promise.resolve(null),
        this.opts.units ? this.client.units() : Promise.resolve(null),
      ]);
      if (incidents) {
        this.incidents.clear();
        for (const i of incidents) this.incidents.set(i.id, i);
      }
      if (units) {
        this.units.clear();
        for (const u of units) this.units.set(u.id, u);
      }
      this.emit({ kind: 'loaded' });
    } finally {
      const queued = this.pending ?? [];
      this.pending = null;
      for (const ev of queued) this.apply(ev);
    }
  }

  onChange(fn: (c: Change) => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }

  /** Puts an object the page got from a call of its own (the live event will say the same later). */
  putIncident(incident: Incident, type = 'local'): void {
    if (!incident || typeof incident.id !== 'number') return;
    const old = this.incidents.get(incident.id);
    // Keep the detail parts (events, assignments) a list object does not carry.
    const merged: Incident = old ? { ...old, ...incident } : incident;
    this.incidents.set(incident.id, merged);
    this.emit({ kind: 'incident', incident: merged, type });
  }

  putUnit(unit: Unit, type = 'local'): void {
    if (!unit || typeof unit.id !== 'number') return;
    const old = this.units.get(unit.id);
    // A status event may come without the last position; keep the one we have.
    const merged: Unit = old ? { ...old, ...unit, position: unit.position ?? old.position } : unit;
    this.units.set(unit.id, merged);
    this.emit({ kind: 'unit', unit: merged, type });
  }

  destroy(): void {
    this.off();
    this.subs.clear();
  }

  private apply(ev: DispatchEvent): void {
    switch (ev.kind) {
      case 'objects':
        if (ev.incident) this.putIncident(ev.incident as unknown as Incident, ev.type);
        if (ev.unit) this.putUnit(ev.unit as unknown as Unit, ev.type);
        break;
      case 'positions':
        for (const f of ev.fixes) {
          const u = this.units.get(f.id);
          if (u) u.position = { ...(u.position ?? {}), lat: f.lat, lon: f.lon, fixed_at: f.fixed_at };
        }
        this.emit({ kind: 'positions', fixes: ev.fixes });
        break;
      case 'escalated': {
        const inc = ev.incident as unknown as Incident;
        if (typeof inc.id === 'number') {
          const old = this.incidents.get(inc.id);
          this.incidents.set(inc.id, old ? { ...old, ...inc } : inc);
          this.emit({ kind: 'escalated', incident: this.incidents.get(inc.id)! });
        }
        break;
      }
    }
  }

  private emit(c: Change): void {
    for (const fn of this.subs) fn(c);
  }
}
