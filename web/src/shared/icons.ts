// Small line icons as inline SVG (system fonts may have no emoji: kiosks and servers often lack them).
// Decorative: hidden from assistive technology; the text beside them says what they mean.

const NS = 'http://www.w3.org/2000/svg';

function icon(paths: string[], cls: string): SVGSVGElement {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  svg.setAttribute('class', `icon ${cls}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of paths) {
    const p = document.createElementNS(NS, 'path');
    p.setAttribute('d', d);
    p.setAttribute('fill', 'none');
    p.setAttribute('stroke', 'currentColor');
    p.setAttribute('stroke-width', '2');
    p.setAttribute('stroke-linecap', 'round');
    p.setAttribute('stroke-linejoin', 'round');
    svg.append(p);
  }
  return svg;
}

export function cameraIcon(cls = ''): SVGSVGElement {
  return icon(['M3 8h4l2-3h6l2 3h4v11H3z', 'M12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z'], `icon-camera ${cls}`.trim());
}

export function clockIcon(cls = ''): SVGSVGElement {
  return icon(['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M12 7v5l3 2'], `icon-clock ${cls}`.trim());
}

export function chatIcon(cls = ''): SVGSVGElement {
  return icon(['M4 5h16v11H9l-5 4z', 'M8 9h8', 'M8 12h5'], `icon-chat ${cls}`.trim());
}

export function phoneIcon(cls = ''): SVGSVGElement {
  return icon(['M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z'], `icon-phone ${cls}`.trim());
}
