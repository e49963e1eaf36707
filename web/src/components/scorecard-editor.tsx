import { useState } from 'react';
import { useLanguage, useT } from '../i18n/index.js';
import { fieldErrorsOf, wordField, type FieldErrors } from '../field-errors.js';
import { errorMessage } from '../error-message.js';
import type { ScorecardContent } from '../types.js';

type Section = ScorecardContent['sections'][number];
type Criterion = Section['criteria'][number];

const emptyLabels = () => ({ fr: '', en: '', de: '' });
const newCriterion = (n: number): Criterion => ({ key: `criterion-${n}`, labels: emptyLabels(), weight: 5, critical: false, allowNa: false });

/** The editor of a draft version: name, pass threshold, sections and their criteria (labels in three languages, weight, critical, N/A). */
export function ScorecardEditor({ name: initialName, content: initial, onSave, onCancel }: { name: string; content: ScorecardContent; onSave: (name: string, content: ScorecardContent) => Promise<void>; onCancel: () => void }) {
  const t = useT();
  const language = useLanguage();
  const [name, setName] = useState(initialName);
  const [content, setContent] = useState<ScorecardContent>(initial);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const setSection = (i: number, section: Section) => setContent((c) => ({ ...c, sections: c.sections.map((s, j) => (j === i ? section : s)) }));
  const setCriterion = (i: number, k: number, criterion: Criterion) => setSection(i, { ...content.sections[i]!, criteria: content.sections[i]!.criteria.map((c, j) => (j === k ? criterion : c)) });
  const problem = (field: string) => wordField(fields[field], t);
  const save = async () => {
    setBusy(true);
    setError(undefined);
    setFields({});
    try {
      await onSave(name, content);
    } catch (e) {
      const found = fieldErrorsOf(e);
      setFields(found);
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const count = content.sections.reduce((n, s) => n + s.criteria.length, 0);
  return (
    <div className="scorecard-editor">
      <label className="field">
        <span>{t('qualityEvaluations.scorecards.name')}</span>
        <input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field field-compact">
        <span>{t('qualityEvaluations.scorecards.threshold')}</span>
        <input type="number" min={0} max={100} value={content.passThreshold} onChange={(e) => setContent((c) => ({ ...c, passThreshold: Number(e.target.value) }))} />
      </label>
      {problem('content.sections') && <p className="field-error">{problem('content.sections')}</p>}
      {content.sections.map((section, i) => (
        <fieldset key={i} className="evaluation-section">
          <legend>{section.labels[language] || `${t('qualityEvaluations.scorecards.section')} ${i + 1}`}</legend>
          <div className="scorecard-row">
            {(['fr', 'en', 'de'] as const).map((l) => (
              <label key={l} className="field field-compact">
                <span>{t(l === 'fr' ? 'qualityEvaluations.scorecards.labelFr' : l === 'en' ? 'qualityEvaluations.scorecards.labelEn' : 'qualityEvaluations.scorecards.labelDe')}</span>
                <input value={section.labels[l]} maxLength={200} onChange={(e) => setSection(i, { ...section, labels: { ...section.labels, [l]: e.target.value } })} />
              </label>
            ))}
            <label className="field field-compact">
              <span>{t('qualityEvaluations.scorecards.kind')}</span>
              <select value={section.kind} onChange={(e) => setSection(i, { ...section, kind: e.target.value as Section['kind'] })}>
                <option value="standard">{t('qualityEvaluations.scorecards.standard')}</option>
                <option value="bonus">{t('qualityEvaluations.scorecards.bonusKind')}</option>
              </select>
            </label>
          </div>
          {section.criteria.map((criterion, k) => (
            <div key={k} className="scorecard-criterion">
              <div className="scorecard-row">
                <label className="field field-compact">
                  <span>{t('qualityEvaluations.scorecards.key')}</span>
                  <input value={criterion.key} maxLength={40} onChange={(e) => setCriterion(i, k, { ...criterion, key: e.target.value })} />
                </label>
                {(['fr', 'en', 'de'] as const).map((l) => (
                  <label key={l} className="field field-compact">
                    <span>{t(l === 'fr' ? 'qualityEvaluations.scorecards.labelFr' : l === 'en' ? 'qualityEvaluations.scorecards.labelEn' : 'qualityEvaluations.scorecards.labelDe')}</span>
                    <input value={criterion.labels[l]} maxLength={200} onChange={(e) => setCriterion(i, k, { ...criterion, labels: { ...criterion.labels, [l]: e.target.value } })} />
                  </label>
                ))}
                <label className="field field-compact">
                  <span>{t('qualityEvaluations.scorecards.weight')}</span>
                  <input type="number" min={1} max={100} value={criterion.weight} onChange={(e) => setCriterion(i, k, { ...criterion, weight: Number(e.target.value) })} />
                </label>
                <label className="checkbox">
                  <input type="checkbox" checked={criterion.critical} onChange={(e) => setCriterion(i, k, { ...criterion, critical: e.target.checked })} />
                  <span>{t('qualityEvaluations.scorecards.critical')}</span>
                </label>
                <label className="checkbox">
                  <input type="checkbox" checked={criterion.allowNa} onChange={(e) => setCriterion(i, k, { ...criterion, allowNa: e.target.checked })} />
                  <span>{t('qualityEvaluations.scorecards.allowNa')}</span>
                </label>
                <button type="button" className="button button-small button-secondary" onClick={() => setSection(i, { ...section, criteria: section.criteria.filter((_, j) => j !== k) })}>
                  {t('qualityEvaluations.scorecards.remove')}
                </button>
              </div>
            </div>
          ))}
          <button type="button" className="button button-small button-secondary" onClick={() => setSection(i, { ...section, criteria: [...section.criteria, newCriterion(count + 1)] })}>
            {t('qualityEvaluations.scorecards.addCriterion')}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button-small button-secondary"
        onClick={() => setContent((c) => ({ ...c, sections: [...c.sections, { key: `section-${c.sections.length + 1}`, kind: 'standard', labels: emptyLabels(), criteria: [newCriterion(count + 1)] }] }))}
      >
        {t('qualityEvaluations.scorecards.addSection')}
      </button>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
          {Object.entries(fields).length > 0 && ` (${Object.keys(fields).length})`}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void save()}>
          {t('qualityEvaluations.scorecards.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('qualityEvaluations.scorecards.cancel')}
        </button>
      </div>
    </div>
  );
}
