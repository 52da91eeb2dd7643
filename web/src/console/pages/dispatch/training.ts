// Call-taker training: a simulated call from GET /api/v1/dispatch/training/scenario (what the caller says, the
// line and number the phone shows, the AML SMS when the phone sends one), entered in the same form as a real
// call (callform.ts) against a running clock, and checked by POST /api/v1/dispatch/training/check instead of
// being recorded: the score, the time taken, each aspect right or wrong with the reason, and the answers.
// Nothing is stored on the server; "Next exercise" loads another scenario.

import { h, replace } from '../../../shared/dom.ts';
import { tattr, tx, type Msg } from '../../../shared/i18n.ts';
import { problemView } from '../../../shared/problem.ts';
import type { Ctx } from '../../page.ts';
import { dispatchApi, type TrainingItem, type TrainingResult, type TrainingScenario } from './api.ts';
import { callForm } from './callform.ts';
import {
  clampScore,
  formatClock,
  phoneDisplay,
  scoreBand,
  trainingFieldFor,
  trainingValueText,
  type Taxonomy,
} from './logic.ts';
import { D, categoryMsg, durationMsg, lineMsg, pair, scoreBandMsg, trainingAspectMsg } from './text.ts';
import { priorityBadge, type View } from './widgets.ts';

export function trainingView(ctx: Ctx): View {
  const client = dispatchApi(ctx.api);
  let alive = true;
  let tax: Taxonomy | undefined;
  let scenario: TrainingScenario | null = null;
  let generation = 0; // a newer load or "next" makes older answers stale
  let startedAt = 0;
  let tick = 0;

  // ---- the form: the real one, checked instead of recorded ----
  const taxonomy = client.taxonomy();
  taxonomy.then(
    (t) => {
      tax = t;
    },
    () => undefined, // shown in the form
  );
  const form = callForm({
    title: D.enterCall,
    lead: D.trainingLead,
    submitLabel: D.check,
    busyLabel: D.checking,
    taxonomy,
    fieldFor: trainingFieldFor,
    onSubmit: async (call) => {
      const s = scenario;
      if (!s) return;
      const gen = generation;
      const elapsed = Math.round((Date.now() - startedAt) / 1000); // whole seconds, as on the clock
      const res = await client.checkTraining(s.id, call);
      if (!alive || gen !== generation) return;
      stopTimer(elapsed);
      form.setLocked(true);
      showResult(res, elapsed);
      nextBtn.focus();
    },
  });
  form.setLocked(true); // until a scenario is there

  // ---- the call as the trainee gets it ----
  const note = h('span', { 'data-testid': 'training-note' }, tx(D.trainingNote));
  const banner = h('p', { class: 'notice warn training-banner', role: 'note', 'data-testid': 'training-banner' },
    h('strong', { class: 'training-badge' }, tx(D.trainingBadge)), ' ', note);
  const timer = h('span', { class: 'training-timer', role: 'timer', 'data-testid': 'training-timer' }, formatClock(0));
  tattr(timer, 'aria-label', D.timer);
  const lineEl = h('span', { class: 'phone-line', 'data-testid': 'training-line' });
  const callerEl = h('span', { class: 'phone-number', 'data-testid': 'training-caller' });
  const script = h('blockquote', { class: 'training-script', 'data-testid': 'training-script' });
  // The Vietnamese words under the English telling (hidden by the style sheet while the page is Vietnamese).
  const scriptVi = h('span', { lang: 'vi', 'data-testid': 'training-script-vi' });
  const original = h('p', { class: 'training-original small', 'data-testid': 'training-original' },
    h('span', { class: 'muted' }, tx(D.callerOriginal), ': '), scriptVi);
  const amlBox = h('div', { class: 'training-aml', 'data-testid': 'training-aml-box', hidden: true });
  const exerciseId = h('span', { class: 'small muted', 'data-testid': 'training-id' });
  const loadStatus = h('div', { 'aria-live': 'polite', 'data-testid': 'training-status' });
  const nextBtn = h('button', { type: 'button', class: 'secondary', 'data-testid': 'training-next' }, tx(D.nextExercise));
  nextBtn.addEventListener('click', () => {
    form.reset();
    void load(true);
  });

  const phone = h('div', { class: 'phone', 'data-testid': 'training-phone' },
    h('div', { class: 'phone-row' }, h('span', { class: 'muted small' }, tx(D.line)), lineEl),
    h('div', { class: 'phone-row' }, h('span', { class: 'muted small' }, tx(D.caller)), callerEl),
  );
  const callCard = h('section', { class: 'card training-call', 'aria-labelledby': 'training-call-title',
    'data-testid': 'training-scenario' },
    h('div', { class: 'training-call-head' },
      h('h2', { id: 'training-call-title' }, tx(D.incomingCall)),
      timer,
    ),
    phone,
    h('h3', {}, tx(D.callerSays)),
    script,
    original,
    amlBox,
    loadStatus,
    h('div', { class: 'form-actions training-actions' }, nextBtn, exerciseId),
  );

  // ---- the result ----
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'training-result' },
    h('p', { class: 'muted empty' }, tx(D.trainingResultEmpty)));
  const resultCard = h('section', { class: 'card training-result-card', 'aria-labelledby': 'training-result-title' },
    h('h2', { id: 'training-result-title' }, tx(D.trainingResult)),
    result,
  );

  // ---- clock ----
  const stopTimer = (final?: number): void => {
    window.clearInterval(tick);
    tick = 0;
    if (final !== undefined) timer.textContent = formatClock(final);
  };
  const startTimer = (): void => {
    stopTimer();
    startedAt = Date.now();
    timer.textContent = formatClock(0);
    tick = window.setInterval(() => {
      timer.textContent = formatClock((Date.now() - startedAt) / 1000);
    }, 1000);
  };

  const amlView = (text: string): HTMLElement[] => {
    const area = h('textarea', { class: 'mono', rows: 3, readonly: true, spellcheck: 'false', id: 'training-aml-text',
      'aria-labelledby': 'training-aml-title', 'data-testid': 'training-aml' }) as HTMLTextAreaElement;
    area.value = text;
    const out = h('span', { class: 'small', 'aria-live': 'polite', 'data-testid': 'training-aml-copied' });
    const copy = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': 'training-aml-copy' }, tx(D.copy));
    copy.addEventListener('click', async () => {
      area.focus();
      area.select();
      let done = false;
      try {
        await navigator.clipboard.writeText(text);
        done = true;
      } catch {
        // No clipboard API outside a secure context, or permission refused: the old way, else by hand.
        try {
          done = document.execCommand('copy');
        } catch {
          done = false;
        }
      }
      replace(out, tx(done ? D.copied : D.copySelected));
    });
    return [
      h('h3', { id: 'training-aml-title' }, tx(D.amlReceived)),
      area,
      h('div', { class: 'training-copy' }, copy, ' ', out),
      h('p', { class: 'small muted' }, tx(D.amlPasteHint)),
    ];
  };

  const showScenario = (s: TrainingScenario): void => {
    scenario = s;
    el.dataset['scenarioId'] = s.id;
    replace(note, tx(pair(s.note_vi || D.trainingNote.vi, s.note_en || D.trainingNote.en)));
    lineEl.dataset['line'] = s.line;
    replace(lineEl, s.line);
    callerEl.dataset['caller'] = s.caller;
    replace(callerEl, phoneDisplay(s.caller));
    replace(script, tx(pair(s.script_vi, s.script_en)));
    replace(scriptVi, s.script_vi);
    if (s.aml) {
      replace(amlBox, amlView(s.aml));
      amlBox.hidden = false;
    } else {
      replace(amlBox);
      amlBox.hidden = true;
    }
    replace(exerciseId, tx(D.exercise(s.id)));
    replace(result, h('p', { class: 'muted empty' }, tx(D.trainingResultEmpty)));
    form.setLocked(false);
    startTimer();
  };

  async function load(focus: boolean): Promise<void> {
    const gen = ++generation;
    scenario = null;
    stopTimer(0);
    form.setLocked(true);
    nextBtn.disabled = true;
    replace(loadStatus, h('p', { class: 'muted small' }, tx(D.loadingExercise)));
    try {
      const s = await client.trainingScenario();
      if (!alive || gen !== generation) return;
      replace(loadStatus);
      showScenario(s);
      if (focus) form.focus();
    } catch (e) {
      if (alive && gen === generation) replace(loadStatus, problemView(e, 'training-error'));
    } finally {
      if (alive && gen === generation) nextBtn.disabled = false;
    }
  }

  // ---- the answer ----
  const valueMsg = (aspect: string, v: unknown): Msg | null => {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v === 'string' && aspect === 'line') return lineMsg(v, tax);
    if (typeof v === 'string' && aspect === 'category') {
      const label = categoryMsg(v, tax);
      return label.vi === v ? label : { vi: `${v} — ${label.vi}`, en: `${v} — ${label.en}` };
    }
    const text = trainingValueText(v);
    return text ? { vi: text, en: text } : null;
  };

  const itemRow = (it: TrainingItem): HTMLElement => {
    const given = valueMsg(it.aspect, it.given);
    const expected = valueMsg(it.aspect, it.expected);
    return h('li', { class: `training-item ${it.ok ? 'ok' : 'bad'}`, 'data-testid': `training-item-${it.aspect}`,
      'data-aspect': it.aspect, 'data-ok': String(Boolean(it.ok)) },
      h('span', { class: 'training-mark', 'aria-hidden': 'true' }, it.ok ? '✓' : '✗'),
      h('div', { class: 'training-item-body' },
        h('p', { class: 'training-item-head' },
          h('strong', {}, tx(trainingAspectMsg(it.aspect))), ' ',
          h('span', { class: 'visually-hidden' }, tx(it.ok ? D.right : D.wrong))),
        h('p', { 'data-testid': `training-note-${it.aspect}` }, tx(pair(it.note_vi, it.note_en))),
        h('p', { class: 'small muted' },
          tx(it.aspect === 'priority' ? D.leadsTo : D.youEntered), ': ', given ? tx(given) : tx(D.nothingEntered),
          it.ok ? null : [' · ', tx(D.answer), ': ', expected ? tx(expected) : '—']),
      ),
    );
  };

  const expectedList = (x: TrainingResult['expected']): HTMLElement => {
    const position = trainingValueText({ lat: x.lat, lon: x.lon });
    return h('dl', { class: 'training-expected', 'data-testid': 'training-expected' },
      h('dt', {}, tx(D.line)), h('dd', { 'data-testid': 'training-expected-line' }, tx(lineMsg(x.line, tax))),
      h('dt', {}, tx(D.category)), h('dd', { 'data-testid': 'training-expected-category' },
        tx(valueMsg('category', x.category) ?? categoryMsg(x.category, tax))),
      h('dt', {}, tx(D.priority)), h('dd', {},
        priorityBadge(x.priority, 'training-expected-priority'),
        x.priority_rule ? [' ', h('span', { class: 'small muted' }, tx(D.rule), ': ', h('code', {}, x.priority_rule))] : null),
      h('dt', {}, tx(D.location)), h('dd', { 'data-testid': 'training-expected-location' },
        x.address || '', x.address && position ? h('br') : null, position ? h('span', { class: 'small muted mono' }, position) : null),
    );
  };

  const showResult = (res: TrainingResult, elapsed: number): void => {
    const score = clampScore(res.score);
    const band = scoreBand(score);
    const items = Array.isArray(res.items) ? res.items : [];
    replace(result,
      h('div', { class: `training-score band-${band}`, 'data-testid': 'training-score', 'data-score': score, 'data-band': band },
        h('span', { class: 'muted' }, tx(D.points)),
        h('span', { class: 'score-num' }, String(score), h('small', {}, '/100')),
        h('span', { class: 'score-band', 'data-testid': 'training-band' }, tx(scoreBandMsg(band))),
      ),
      h('p', { 'data-testid': 'training-elapsed', 'data-seconds': elapsed },
        h('span', { class: 'muted' }, tx(D.timeTaken), ': '), tx(durationMsg(elapsed))),
      h('ul', { class: 'training-items', 'data-testid': 'training-items' }, items.map(itemRow)),
      res.expected ? [h('h3', {}, tx(D.answers)), expectedList(res.expected)] : null,
      h('p', { class: 'small muted' }, tx(D.checkedHint)),
    );
  };

  const el = h('div', { class: 'dispatch-training', 'data-testid': 'dispatch-training' },
    banner,
    h('div', { class: 'training-grid' },
      h('div', { class: 'training-main' }, form.el),
      h('div', { class: 'training-side' }, callCard, resultCard),
    ),
  );

  void load(false);

  return {
    el,
    title: D.training,
    attached: () => form.focus(),
    destroy: () => {
      alive = false;
      stopTimer();
      form.destroy();
    },
  };
}
