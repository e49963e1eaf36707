import { useEffect, useRef, useState } from 'react';
import { evaluationsApi } from '../api-quality-evaluations.js';
import { ScorecardEditor } from '../components/scorecard-editor.js';
import { errorMessage } from '../error-message.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { ScorecardSummaryView, ScorecardVersionView } from '../types.js';
import type { QualitySectionProps } from '../quality-section.js';

/** Scorecards (docs/quality.md, "Scorecards and scores"): versions, the draft editor, publishing and archiving. */
export function QualityScorecardsPage(_: QualitySectionProps) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [cards, setCards] = useState<ScorecardSummaryView[] | undefined>();
  const [open, setOpen] = useState<ScorecardVersionView | undefined>();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const reload = async (show?: string) => {
    try {
      const list = (await evaluationsApi.scorecards()).items;
      setCards(list);
      const id = show ?? open?.id ?? list[0]?.versions[0]?.id;
      if (id) setOpen(await evaluationsApi.version(id));
    } catch (e) {
      setError(errorMessage(e, t, 'qualityEvaluations.scorecards.failed'));
    }
  };
  useEffect(() => {
    void reload();
    headingRef.current?.focus();
  }, []);
  const act = async (step: () => Promise<ScorecardVersionView>) => {
    setError(undefined);
    setNotice(undefined);
    try {
      const version = await step();
      setEditing(false);
      await reload(version.id);
      setNotice(t('qualityEvaluations.scorecards.done'));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <div className="quality-scorecards">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('qualityEvaluations.scorecards.title')}
        </h1>
        <p className="muted">{t('qualityEvaluations.scorecards.intro')}</p>
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      {cards === undefined && !error && <p className="muted">{t('app.loading')}</p>}
      {cards?.length === 0 && <p className="empty">{t('qualityEvaluations.scorecards.empty')}</p>}
      <div className="evaluation-layout">
        <nav className="panel" aria-label={t('qualityEvaluations.scorecards.title')}>
          {cards?.map((card) => (
            <div key={card.id}>
              <h2>{card.name}</h2>
              <ul className="scorecard-versions">
                {card.versions.map((v) => (
                  <li key={v.id}>
                    <button type="button" className="link-button" aria-current={open?.id === v.id ? 'true' : undefined} onClick={() => void evaluationsApi.version(v.id).then((x) => (setEditing(false), setOpen(x)))}>
                      {t('qualityEvaluations.scorecards.version', { version: v.version })}
                    </button>{' '}
                    <span className="badge">{t(`qualityEvaluations.scorecards.states.${v.state}`)}</span>
                  </li>
                ))}
              </ul>
              {!card.versions.some((v) => v.state === 'draft') && (
                <button type="button" className="button button-small button-secondary" onClick={() => void act(() => evaluationsApi.newDraft(card.id))}>
                  {t('qualityEvaluations.scorecards.newDraft')}
                </button>
              )}
            </div>
          ))}
        </nav>
        {open && (
          <section className="panel" aria-labelledby="scorecard-version-title">
            <h2 id="scorecard-version-title">
              {open.name} — {t('qualityEvaluations.scorecards.version', { version: open.version })} <span className="badge">{t(`qualityEvaluations.scorecards.states.${open.state}`)}</span>
            </h2>
            <p className="muted">{t('qualityEvaluations.scorecards.evaluations')}</p>
            {editing ? (
              <ScorecardEditor name={open.name} content={open.content} onCancel={() => setEditing(false)} onSave={(name, content) => act(() => evaluationsApi.editDraft(open.id, { name, content })).then(() => undefined)} />
            ) : (
              <>
                <p>
                  {t('qualityEvaluations.scorecards.threshold')}: <strong>{open.content.passThreshold}</strong>
                </p>
                <div className="table-scroll">
                  <table className="data-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('qualityEvaluations.scorecards.section')}</th>
                        <th scope="col">{t('qualityEvaluations.scorecards.criterion')}</th>
                        <th scope="col" className="num">
                          {t('qualityEvaluations.scorecards.weight')}
                        </th>
                        <th scope="col">{t('qualityEvaluations.scorecards.critical')}</th>
                        <th scope="col">{t('qualityEvaluations.scorecards.allowNa')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {open.content.sections.flatMap((s) =>
                        s.criteria.map((c, k) => (
                          <tr key={c.key}>
                            <td>{k === 0 ? `${s.labels[language]}${s.kind === 'bonus' ? ` (${t('qualityEvaluations.scorecards.bonusKind')})` : ''}` : ''}</td>
                            <th scope="row">{c.labels[language]}</th>
                            <td className="num">{c.weight}</td>
                            <td>{c.critical ? '✔' : ''}</td>
                            <td>{c.allowNa ? '✔' : ''}</td>
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                </div>
                <div className="form-actions">
                  {open.state === 'draft' && (
                    <>
                      <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
                        {t('qualityEvaluations.scorecards.edit')}
                      </button>
                      <button type="button" className="button button-primary" onClick={() => void act(() => evaluationsApi.publish(open.id))}>
                        {t('qualityEvaluations.scorecards.publish')}
                      </button>
                    </>
                  )}
                  {open.state === 'published' && (
                    <button type="button" className="button button-secondary" onClick={() => void act(() => evaluationsApi.archive(open.id))}>
                      {t('qualityEvaluations.scorecards.archive')}
                    </button>
                  )}
                </div>
              </>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
