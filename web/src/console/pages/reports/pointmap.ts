// The point of a report on a small Leaflet map, without background tiles (the reports module names no tile
// server): a coordinate grid and a circle marker, drawn through CSSOM only (the page policy allows that).

import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { h } from '../../../shared/dom.ts';
import { tx } from '../../../shared/i18n.ts';
import { T } from './text.ts';

export class PointMap {
  readonly el: HTMLElement;
  private readonly canvas: HTMLElement;
  private map: L.Map | null = null;
  private resize: ResizeObserver | null = null;

  constructor(private lat: number, private lon: number) {
    this.canvas = h('div', { class: 'report-map-canvas no-tiles', 'data-testid': 'report-detail-map' });
    this.el = h('div', { class: 'report-map-wrap' },
      this.canvas,
      h('p', { class: 'map-note' }, tx(T.noBaseMap)),
    );
  }

  /** Creates the map; call once the element is in the document. */
  attach(): void {
    if (this.map || !this.canvas.isConnected) return;
    const map = L.map(this.canvas, { center: [this.lat, this.lon], zoom: 16, attributionControl: false });
    const marker = L.circleMarker([this.lat, this.lon], {
      radius: 9, color: '#b3261e', fillColor: '#b3261e', fillOpacity: 0.6, weight: 3, className: 'report-point',
    }).addTo(map);
    marker.getElement()?.setAttribute('data-testid', 'report-detail-marker');
    this.map = map;
    this.resize = new ResizeObserver(() => map.invalidateSize());
    this.resize.observe(this.canvas);
  }

  destroy(): void {
    this.resize?.disconnect();
    this.map?.remove();
    this.map = null;
  }
}
