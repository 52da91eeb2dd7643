// The citizen's "tap where it happened" map (Leaflet, bundled). The citizen page has no tile server: the map is a
// plain coordinate grid with a note, a tap puts a marker (a CSS-styled div icon: no image files, no inline style
// attributes — Leaflet positions through CSSOM, which the page's Content-Security-Policy allows).

import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { h, replace } from '../../shared/dom.ts';
import { tattr, tx } from '../../shared/i18n.ts';
import { R } from './text.ts';

/** Central Hà Nội. */
const CENTER: L.LatLngTuple = [21.0285, 105.8542];
const ZOOM = 14;

export interface PickedPoint {
  lat: number;
  lon: number;
}

export class PickMap {
  readonly el: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly readout: HTMLElement;
  private readonly clearBtn: HTMLButtonElement;
  private map: L.Map | null = null;
  private marker: L.Marker | null = null;
  private point: PickedPoint | null = null;
  private resize: ResizeObserver | null = null;

  constructor(private readonly onChange: (p: PickedPoint | null) => void) {
    this.canvas = h('div', { class: 'pick-canvas no-tiles', 'data-testid': 'report-map', tabindex: '0' });
    tattr(this.canvas, 'aria-label', R.mapLabel);
    this.readout = h('p', { class: 'pick-readout small', 'data-testid': 'report-point', 'aria-live': 'polite' }, tx(R.noPoint));
    this.clearBtn = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': 'report-point-clear', hidden: true },
      tx(R.clearPoint));
    this.clearBtn.addEventListener('click', () => this.set(null));
    const locateOut = h('span', { class: 'small muted', 'aria-live': 'polite' });
    const locate = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': 'report-locate' }, tx(R.myLocation));
    locate.addEventListener('click', () => {
      if (!('geolocation' in navigator)) {
        replace(locateOut, tx(R.locateFailed));
        return;
      }
      locate.disabled = true;
      replace(locateOut, tx(R.locating));
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          locate.disabled = false;
          replace(locateOut);
          this.set({ lat: pos.coords.latitude, lon: pos.coords.longitude }, true);
        },
        () => {
          locate.disabled = false;
          replace(locateOut, tx(R.locateFailed));
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      );
    });
    this.el = h('div', { class: 'pick-map' },
      h('div', { class: 'pick-wrap' },
        this.canvas,
        h('p', { class: 'map-note', 'data-testid': 'no-base-map' }, tx(R.noBaseMap)),
      ),
      h('div', { class: 'pick-actions' }, this.readout, this.clearBtn, locate, locateOut),
    );
  }

  /** Creates the Leaflet map; call once the element is in the document (Leaflet measures it). */
  attach(): void {
    if (this.map) return;
    const map = L.map(this.canvas, { center: CENTER, zoom: ZOOM, zoomControl: true, attributionControl: false });
    map.on('click', (ev: L.LeafletMouseEvent) => this.set({ lat: ev.latlng.lat, lon: ev.latlng.lng }));
    // Enter or Space on the focused map marks its centre: the map works from the keyboard too.
    this.canvas.addEventListener('keydown', (ev) => {
      if (ev.target !== this.canvas || (ev.key !== 'Enter' && ev.key !== ' ')) return;
      ev.preventDefault();
      const c = map.getCenter();
      this.set({ lat: c.lat, lon: c.lng });
    });
    this.map = map;
    if (this.point) this.draw(this.point, false);
    this.resize = new ResizeObserver(() => map.invalidateSize());
    this.resize.observe(this.canvas);
  }

  get value(): PickedPoint | null {
    return this.point;
  }

  set(p: PickedPoint | null, pan = false): void {
    this.point = p ? { lat: clamp(p.lat, -90, 90), lon: wrapLon(p.lon) } : null;
    if (this.point) {
      this.draw(this.point, pan);
      const lat = this.point.lat.toFixed(5);
      const lon = this.point.lon.toFixed(5);
      this.readout.dataset['lat'] = lat;
      this.readout.dataset['lon'] = lon;
      replace(this.readout, tx(R.pointChosen(lat, lon)));
    } else {
      this.marker?.remove();
      this.marker = null;
      delete this.readout.dataset['lat'];
      delete this.readout.dataset['lon'];
      replace(this.readout, tx(R.noPoint));
    }
    this.clearBtn.hidden = !this.point;
    this.onChange(this.point);
  }

  setInvalid(invalid: boolean): void {
    this.canvas.classList.toggle('invalid', invalid);
  }

  focus(): void {
    this.canvas.focus();
  }

  private draw(p: PickedPoint, pan: boolean): void {
    if (!this.map) return;
    if (!this.marker) {
      const icon = L.divIcon({ className: 'pick-marker', html: h('span', { class: 'pick-pin' }), iconSize: [22, 22], iconAnchor: [11, 22] });
      this.marker = L.marker([p.lat, p.lon], { icon, keyboard: false, interactive: false }).addTo(this.map);
      this.marker.getElement()?.setAttribute('data-testid', 'report-marker');
    } else {
      this.marker.setLatLng([p.lat, p.lon]);
    }
    if (pan) this.map.setView([p.lat, p.lon], Math.max(this.map.getZoom(), 16));
  }

  destroy(): void {
    this.resize?.disconnect();
    this.map?.remove();
    this.map = null;
    this.marker = null;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function wrapLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}
