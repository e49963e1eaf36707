import { useEffect, useRef, useState } from 'react';
import { api } from '../api.js';
import { errorMessage } from '../error-message.js';
import { useT } from '../i18n/index.js';
import type { SurveyDefinition } from '../types.js';
import { SurveyVersionForm } from './survey-version-form.js';
import { SurveyVersionItem } from './survey-version-item.js';

/** Survey definitions with every version (the current one marked), and a form for a new version. */
export function SurveyDefinitions({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const [items, setItems] = useState<SurveyDefinition[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [editing, setEditing] = useState<string | undefined>();
  const [published, setPublished] = useState<string | undefined>();
  const [reloads, setReloads] = useState(0);
  const newButtons = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    let cancelled = false;
    api
      .surveyDefinitions()
      .then((answer) => !cancelled && setItems(answer.items))
      .catch((caught) => !cancelled && setError(errorMessage(caught, t, 'surveys.failed')));
    return () => {
      cancelled = true;
    };
  }, [reloads]);

  if (error) {
    return (
      <p className="notice notice-error" role="alert">
        {error}
      </p>
    );
  }
  if (!items) return <p className="muted">{t('app.loading')}</p>;
  if (items.length === 0) return <p className="empty">{t('definitions.none')}</p>;

  return (
    <div className="admin-stack">
      <div role="status" aria-live="polite">
        {published && <p className="notice notice-success">{published}</p>}
      </div>
      {items.map((definition) => {
        const current = definition.versions.find((v) => v.id === definition.currentVersionId);
        return (
          <section key={definition.id} className="panel admin-panel" aria-labelledby={`definition-${definition.id}`}>
            <div className="panel-head">
              <div>
                <h2 id={`definition-${definition.id}`}>{t('definitions.title', { name: definition.name })}</h2>
                <p className="muted">{t(`definitions.purpose.${definition.purpose}`)}</p>
              </div>
              {canEdit && editing !== definition.name && (
                <button
                  type="button"
                  className="button button-primary"
                  ref={(el) => {
                    if (el) newButtons.current.set(definition.name, el);
                  }}
                  onClick={() => {
                    setPublished(undefined);
                    setEditing(definition.name);
                  }}
                >
                  {t('definitions.newVersion')}
                </button>
              )}
            </div>
            {editing === definition.name && (
              <SurveyVersionForm
                name={definition.name}
                current={current ?? definition.versions[0]}
                onCancel={() => {
                  setEditing(undefined);
                  setTimeout(() => newButtons.current.get(definition.name)?.focus(), 0);
                }}
                onPublished={(version) => {
                  setEditing(undefined);
                  setPublished(t('definitions.published', { version: version.version }));
                  setReloads((n) => n + 1);
                }}
              />
            )}
            <ol className="version-list" reversed>
              {definition.versions.map((version) => (
                <SurveyVersionItem key={version.id} version={version} current={version.id === definition.currentVersionId} />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
