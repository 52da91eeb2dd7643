// The board's map (Leaflet, bundled). Background tiles only when the server names a tile URL; without one the
// map is a plain grid with a note, and incidents and units are drawn all the same. Markers are SVG circles
// and CSS-styled div icons: no image files, no inline style attributes (Leaflet positions through CSSOM,
// which the page's Content-Security-Policy allows).

import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { h } from '../../../shared/dom.ts';
import { t, tx } from '../../../shared/i18n.ts';
import type { DispatchConfig, Incident, Unit } from './api.ts';
import { D, categoryMsg, incidentStatusMsg, unitKindMsg, unitStatusMsg } from './text.ts';
import type { Taxonomy } from './logic.ts';

const PRIORITY_COLOR: Record<string, string> = { P1: '#c62828', P2: '#ef6c00', P3: '#f9a825', P4: '#607d8b' };
const PRIORITY_RADIUS: Record<string, number> = { P1: 11, P2: 9, P3: 8, P4: 7 };
/** Below this zoom the call signs of available units are hidden (committed units keep theirs). */
const LABEL_ZOOM = 15;

interface IncidentMark {
  layer: L.CircleMarker;
  incident: Incident;
}
interface UnitMark {
  layer: L.Marker;
  unit: Unit;
  label: HTMLElement;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function validPoint(lat: unknown, lon: unknown): lat is number {
  return typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) &&
    Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

export class DispatchMap {
  readonly el: HTMLElement;
  private readonly canvas: HTMLElement;
  private map: L.Map | null = null;
  private readonly incidents = new Map<number, IncidentMark>();
  private readonly units = new Map<number, UnitMark>();
  private resize: ResizeObserver | null = null;
  private fitted = false;
  private tax: Taxonomy | undefined;

  constructor(
    private readonly config: DispatchConfig,
    private readonly onIncident: (id: number) => void,
  ) {
    const tiles = config.map.tile_url !== '';
    this.canvas = h('div', { class: tiles ? 'map-canvas' : 'map-canvas no-tiles', 'data-testid': 'dispatch-map',
      'data-tiles': String(tiles) });
    this.el = h('div', { class: 'map-wrap' },
      this.canvas,
      tiles ? null : h('p', { class: 'map-note', 'data-testid': 'no-base-map' }, tx(D.noBaseMap)),
    );
  }

  setTaxonomy(tax: Taxonomy): void {
    this.tax = tax;
  }

  /** Creates the Leaflet map; call once the element is in the document (Leaflet measures it). */
  attach(): void {
    if (this.map) return;
    const c = this.config.map;
    const map = L.map(this.canvas, {
      center: c.center,
      zoom: c.zoom,
      zoomControl: true,
      attributionControl: c.tile_url !== '',
      preferCanvas: false,
    });
    if (c.tile_url) {
      map.attributionControl.setPrefix(false);
      L.tileLayer(c.tile_url, { attribution: escapeHtml(c.attribution), maxZoom: 19 }).addTo(map);
    }
    // Incidents above unit markers (Leaflet's marker pane is 600): a busy fleet must not hide a call.
    map.createPane('incidents').style.zIndex = '650';
    const zoomClass = (): void => {
      this.canvas.classList.toggle('zoom-far', map.getZoom() < LABEL_ZOOM);
    };
    map.on('zoomend', zoomClass);
    zoomClass();
    this.map = map;
    for (const mark of this.incidents.values()) this.addIncidentLayer(mark);
    for (const mark of this.units.values()) this.addUnitLayer(mark);
    this.resize = new ResizeObserver(() => map.invalidateSize());
    this.resize.observe(this.canvas);
    this.fit();
  }

  destroy(): void {
    this.resize?.disconnect();
    this.map?.remove();
    this.map = null;
  }

  /** Zooms to everything drawn, once (the officer's own panning is kept afterwards). */
  fit(force = false): void {
    if (!this.map || (this.fitted && !force)) return;
    const points: L.LatLngExpression[] = [];
    for (const m of this.incidents.values()) points.push(m.layer.getLatLng());
    for (const m of this.units.values()) points.push(m.layer.getLatLng());
    if (points.length === 0) return;
    this.fitted = true;
    if (points.length === 1) this.map.setView(points[0]!, Math.max(this.map.getZoom(), 14));
    else this.map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 15 });
  }

  // ---- incidents ----

  setIncident(inc: Incident): void {
    const loc = inc.location;
    const open = inc.status !== 'closed';
    const existing = this.incidents.get(inc.id);
    if (!open || !loc || !validPoint(loc.lat, loc.lon)) {
      if (existing) this.removeIncident(inc.id);
      return;
    }
    const prio = /^P[1-4]$/.test(inc.priority) ? inc.priority : 'P4';
    const unack = prio === 'P1' && !inc.acknowledged_at;
    if (existing) {
      existing.incident = inc;
      existing.layer.setLatLng([loc.lat!, loc.lon!]);
      existing.layer.setStyle({ color: PRIORITY_COLOR[prio]!, fillColor: PRIORITY_COLOR[prio]! });
      existing.layer.setRadius(PRIORITY_RADIUS[prio]!);
      this.decorateIncident(existing);
      return;
    }
    const layer = L.circleMarker([loc.lat!, loc.lon!], {
      radius: PRIORITY_RADIUS[prio]!,
      color: PRIORITY_COLOR[prio]!,
      fillColor: PRIORITY_COLOR[prio]!,
      fillOpacity: 0.55,
      weight: unack ? 4 : 2,
      className: 'inc-marker',
      pane: 'incidents',
    });
    layer.on('click', () => this.onIncident(inc.id));
    const mark: IncidentMark = { layer, incident: inc };
    this.incidents.set(inc.id, mark);
    if (this.map) this.addIncidentLayer(mark);
  }

  removeIncident(id: number): void {
    const mark = this.incidents.get(id);
    if (!mark) return;
    mark.layer.remove();
    this.incidents.delete(id);
  }

  private addIncidentLayer(mark: IncidentMark): void {
    if (!this.map) return;
    mark.layer.addTo(this.map);
    mark.layer.bindTooltip(() => this.incidentTip(mark.incident), { direction: 'top' });
    this.decorateIncident(mark);
  }

  private decorateIncident(mark: IncidentMark): void {
    const el = mark.layer.getElement();
    if (!el) return;
    const inc = mark.incident;
    const unack = inc.priority === 'P1' && !inc.acknowledged_at;
    el.setAttribute('data-testid', `map-incident-${inc.id}`);
    el.setAttribute('data-priority', inc.priority);
    el.setAttribute('data-status', inc.status);
    el.classList.toggle('unack', unack);
    mark.layer.setStyle({ weight: unack ? 4 : 2 });
  }

  private incidentTip(inc: Incident): HTMLElement {
    return h('div', { class: 'map-tip' },
      h('strong', {}, `${inc.priority} #${inc.id} `), t(categoryMsg(inc.category, this.tax)),
      h('br', {}), t(incidentStatusMsg(inc.status, this.tax)),
      inc.description ? h('div', { class: 'map-tip-desc' }, inc.description.slice(0, 120)) : null,
    );
  }

  // ---- units ----

  setUnit(unit: Unit): void {
    const pos = unit.position;
    const existing = this.units.get(unit.id);
    if (!pos || !validPoint(pos.lat, pos.lon)) {
      if (existing) {
        existing.layer.remove();
        this.units.delete(unit.id);
      }
      return;
    }
    if (existing) {
      existing.unit = unit;
      existing.layer.setLatLng([pos.lat, pos.lon]);
      this.decorateUnit(existing);
      return;
    }
    const label = h('span', { class: 'unit-label' }, unit.call_sign);
    const icon = L.divIcon({
      className: 'unit-marker',
      html: h('span', { class: 'unit-dot' }, label),
      iconSize: [14, 14],
    });
    const layer = L.marker([pos.lat, pos.lon], { icon, keyboard: false, riseOnHover: true });
    const mark: UnitMark = { layer, unit, label };
    this.units.set(unit.id, mark);
    if (this.map) this.addUnitLayer(mark);
  }

  moveUnit(id: number, lat: number, lon: number): void {
    const mark = this.units.get(id);
    if (mark && validPoint(lat, lon)) mark.layer.setLatLng([lat, lon]);
  }

  private addUnitLayer(mark: UnitMark): void {
    if (!this.map) return;
    mark.layer.addTo(this.map);
    mark.layer.bindTooltip(() => {
      const u = mark.unit;
      return h('div', { class: 'map-tip' },
        h('strong', {}, u.call_sign), ' — ', t(unitKindMsg(u.kind, this.tax)), h('br', {}),
        t(unitStatusMsg(u.status, this.tax)), u.incident_id ? ` · #${u.incident_id}` : '');
    }, { direction: 'right', offset: [10, 0] });
    this.decorateUnit(mark);
  }

  private decorateUnit(mark: UnitMark): void {
    const el = mark.layer.getElement();
    if (!el) return;
    const u = mark.unit;
    for (const cls of [...el.classList]) if (cls.startsWith('st-')) el.classList.remove(cls);
    el.classList.add(`st-${u.status}`);
    el.setAttribute('data-testid', `map-unit-${u.id}`);
    el.setAttribute('data-status', u.status);
    mark.label.textContent = u.call_sign;
  }
}
