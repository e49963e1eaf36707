import { useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { errorMessage } from '../error-message.js';
import { errorFor, fieldErrorsOf, wordField, type FieldErrors } from '../field-errors.js';
import { useT, type MessageKey } from '../i18n/index.js';
import { smsLength } from '../sms-length.js';
import type { Language, SurveyTexts, SurveyVersion, SurveyVersionInput } from '../types.js';
import { joinSurveyParts } from '../../../src/contract/survey-text.js';
import { LANGUAGES } from '../../../src/contract/vocabulary.js';
import { FieldError } from './field-error.js';

export const SURVEY_LANGUAGES: readonly Language[] = LANGUAGES;

export const TEXT_KEYS: readonly { key: keyof SurveyTexts; label: MessageKey; optional?: boolean }[] = [
  { key: 'question', label: 'definitions.textQuestion' },
  { key: 'resolvedQuestion', label: 'definitions.textResolvedQuestion', optional: true },
  { key: 'commentInvite', label: 'definitions.textCommentInvite', optional: true },
  { key: 'thanks', label: 'definitions.textThanks' },
  { key: 'clarification', label: 'definitions.textClarification' },
  { key: 'optOutConfirmation', label: 'definitions.textOptOutConfirmation' },
  { key: 'optInConfirmation', label: 'definitions.textOptInConfirmation' },
];

type TextDraft = Record<keyof SurveyTexts, string>;
interface Draft {
  scaleMin: string;
  scaleMax: string;
  promoterMin: string;
  detractorMax: string;
  askResolved: boolean;
  askComment: boolean;
  texts: Record<Language, TextDraft>;
}

function draftOf(version: SurveyVersion | undefined): Draft {
  const texts = {} as Record<Language, TextDraft>;
  for (const language of SURVEY_LANGUAGES) {
    const source = version?.texts[language];
    texts[language] = Object.fromEntries(TEXT_KEYS.map(({ key }) => [key, source?.[key] ?? ''])) as TextDraft;
  }
  return {
    scaleMin: String(version?.scale.min ?? 1),
    scaleMax: String(version?.scale.max ?? 10),
    promoterMin: String(version?.promoterMin ?? 9),
    detractorMax: String(version?.detractorMax ?? 6),
    askResolved: version?.askResolved ?? false,
    askComment: version?.askComment ?? true,
    texts,
  };
}

/** The first SMS of a survey as the server composes it: question, then the questions asked, placeholders filled. */
function firstSmsLength(draft: Draft, language: Language): { parts: number; encoding: string } {
  const texts = draft.texts[language];
  const fill = (text: string) => text.replaceAll('{min}', draft.scaleMin).replaceAll('{max}', draft.scaleMax);
  const parts = [texts.question, draft.askResolved ? texts.resolvedQuestion : '', draft.askComment ? texts.commentInvite : ''].filter((p) => p.trim());
  const length = smsLength(fill(joinSurveyParts(parts)));
  return { parts: length.parts, encoding: length.encoding };
}

const toNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

/** The body of POST …/versions: a language left entirely empty is left out (French is used instead). */
function inputOf(draft: Draft): SurveyVersionInput {
  const texts: Record<string, SurveyTexts> = {};
  for (const language of SURVEY_LANGUAGES) {
    const source = draft.texts[language];
    const filled = TEXT_KEYS.filter(({ key }) => source[key].trim() !== '');
    if (language !== 'fr' && filled.length === 0) continue;
    const entry: Record<string, string> = {};
    for (const { key, optional } of TEXT_KEYS) {
      const value = source[key].trim();
      if (value !== '' || !optional) entry[key] = value;
    }
    texts[language] = entry as unknown as SurveyTexts;
  }
  return {
    scale: { min: toNumber(draft.scaleMin), max: toNumber(draft.scaleMax) },
    promoterMin: toNumber(draft.promoterMin),
    detractorMax: toNumber(draft.detractorMax),
    askResolved: draft.askResolved,
    askComment: draft.askComment,
    texts,
  };
}

/**
 * Publishes a new version of a survey definition, prefilled from the current one. The server
 * checks it (scale, NPS basis, {min}/{max} in every question, required texts) and names each
 * field it refuses: the reason is shown under that field, and its language opened.
 */
export function SurveyVersionForm({
  name,
  current,
  onPublished,
  onCancel,
}: {
  name: string;
  current: SurveyVersion | undefined;
  onPublished: (version: SurveyVersion) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const formId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<ReadonlySet<Language>>(new Set(['fr']));
  const formRef = useRef<HTMLFormElement>(null);

  const errorId = (field: string) => `${formId}-${field.replace(/\./g, '-')}-error`;
  const inputId = (field: string) => `${formId}-${field.replace(/\./g, '-')}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const version = await api.publishSurveyVersion(name, inputOf(draft));
      setErrors({});
      onPublished(version);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      setFailure(errorMessage(error, t, 'definitions.failed'));
      // Open every language with a problem, then take the person to the first field to fix.
      const withErrors = SURVEY_LANGUAGES.filter((language) => Object.keys(fields).some((f) => f.startsWith(`texts.${language}`)));
      if (withErrors.length > 0) setOpen((previous) => new Set([...previous, ...withErrors]));
      const first = Object.keys(fields)[0];
      if (first) {
        setTimeout(() => formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"], [data-field="${first.split('.')[0]}"]`)?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  }

  const setText = (language: Language, key: keyof SurveyTexts, value: string) =>
    setDraft({ ...draft, texts: { ...draft.texts, [language]: { ...draft.texts[language], [key]: value } } });

  const numberInput = (field: 'scaleMin' | 'scaleMax' | 'promoterMin' | 'detractorMax', label: MessageKey, errorField: string) => {
    const reason = field === 'scaleMin' || field === 'scaleMax' ? undefined : errorFor(errors, errorField, t);
    return (
      <div className="field">
        <label htmlFor={inputId(field)}>{t(label)}</label>
        <input
          id={inputId(field)}
          data-field={field === 'scaleMin' ? 'scale' : errorField}
          type="number"
          inputMode="numeric"
          step={1}
          value={draft[field]}
          onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
          aria-invalid={errorFor(errors, errorField, t) ? true : undefined}
          aria-describedby={errorFor(errors, errorField, t) ? errorId(errorField) : undefined}
        />
        <FieldError id={errorId(errorField)} reason={reason} />
      </div>
    );
  };

  const fieldCount = Object.keys(errors).length;
  const known = new Set<string>(['scale', 'promoterMin', 'detractorMax', 'askResolved', 'askComment']);
  for (const language of SURVEY_LANGUAGES) {
    known.add(`texts.${language}`);
    for (const { key } of TEXT_KEYS) known.add(`texts.${language}.${key}`);
  }
  const elsewhere = Object.entries(errors).filter(([field]) => !known.has(field) && !field.startsWith('scale.'));
  const scaleReason = errorFor(errors, 'scale', t);

  return (
    <section className="panel version-form" aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{t('definitions.newVersionTitle', { name })}</h3>
      <p className="muted">{t('definitions.newVersionHint')}</p>
      <form ref={formRef} onSubmit={submit} noValidate>
        <div className="version-settings">
          <fieldset className={`form-section scale-fieldset${scaleReason ? ' is-invalid' : ''}`} aria-describedby={scaleReason ? errorId('scale') : undefined}>
            <legend>{t('definitions.scale')}</legend>
            <div className="field-row field-row-compact">
              {numberInput('scaleMin', 'definitions.scaleMin', 'scale')}
              {numberInput('scaleMax', 'definitions.scaleMax', 'scale')}
            </div>
            <FieldError id={errorId('scale')} reason={scaleReason} />
          </fieldset>
          <div className="field-row field-row-compact">
            {numberInput('promoterMin', 'definitions.promoterMin', 'promoterMin')}
            {numberInput('detractorMax', 'definitions.detractorMax', 'detractorMax')}
          </div>
          <div>
            <label className="checkbox">
              <input type="checkbox" data-field="askResolved" checked={draft.askResolved} onChange={(e) => setDraft({ ...draft, askResolved: e.target.checked })} />
              <span>{t('definitions.askResolved')}</span>
            </label>
            <label className="checkbox">
              <input type="checkbox" data-field="askComment" checked={draft.askComment} onChange={(e) => setDraft({ ...draft, askComment: e.target.checked })} />
              <span>{t('definitions.askComment')}</span>
            </label>
          </div>
        </div>
        <h4>{t('definitions.texts')}</h4>
        <p className="muted form-hint">{t('definitions.placeholders')}</p>
        {SURVEY_LANGUAGES.map((language) => {
          const languageReason = wordField(errors[`texts.${language}`], t);
          const hasErrors = Object.keys(errors).some((f) => f.startsWith(`texts.${language}`));
          const languageName = t(`language.${language}`);
          return (
            <details
              key={language}
              className={`language-texts${hasErrors ? ' is-invalid' : ''}`}
              open={open.has(language)}
              onToggle={(e) => {
                const isOpen = e.currentTarget.open;
                setOpen((previous) => {
                  if (previous.has(language) === isOpen) return previous;
                  const next = new Set(previous);
                  if (isOpen) next.add(language);
                  else next.delete(language);
                  return next;
                });
              }}
            >
              <summary data-field={`texts.${language}`}>
                <span lang={language}>
                  {language === 'fr'
                    ? t('definitions.languageRequired', { language: languageName })
                    : t('definitions.languageOptional', { language: languageName })}
                </span>
              </summary>
              <FieldError id={errorId(`texts.${language}`)} reason={languageReason} />
              <div className="language-fields">
                {TEXT_KEYS.map(({ key, label }) => {
                  const field = `texts.${language}.${key}`;
                  const reason = wordField(errors[field], t);
                  const value = draft.texts[language][key];
                  const length = smsLength(value);
                  const hintId = `${inputId(field)}-length`;
                  return (
                    <div className="field" key={key}>
                      <label htmlFor={inputId(field)}>{t(label)}</label>
                      <textarea
                        id={inputId(field)}
                        data-field={field}
                        lang={language}
                        rows={3}
                        maxLength={key === 'question' ? 1000 : 500}
                        value={value}
                        onChange={(e) => setText(language, key, e.target.value)}
                        aria-invalid={reason ? true : undefined}
                        aria-describedby={[reason ? errorId(field) : '', value ? hintId : ''].filter(Boolean).join(' ') || undefined}
                      />
                      <FieldError id={errorId(field)} reason={reason} />
                      {value && (
                        <p id={hintId} className="sms-length">
                          {t('definitions.smsLength', { parts: length.parts, encoding: length.encoding })}
                          {length.nonGsm.length > 0 && ` · ${t('definitions.nonGsm', { chars: length.nonGsm.join(' ') })}`}
                          {key === 'question' && (draft.askResolved || draft.askComment) && (
                            <>
                              <br />
                              {t('definitions.firstSms', firstSmsLength(draft, language))}
                            </>
                          )}
                        </p>
                      )}
                    </div>
                  );
                })}
              </div>
            </details>
          );
        })}
        {failure && (
          <div className="notice notice-error" role="alert">
            <div>
              <p>{fieldCount > 0 ? t('surveys.fieldErrors', { count: fieldCount }) : failure}</p>
              {elsewhere.length > 0 && (
                <ul>
                  {elsewhere.map(([field, reason]) => (
                    <li key={field}>{t('errors.field', { field, reason: wordField(reason, t) ?? '' })}</li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('definitions.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('definitions.publishing') : t('definitions.publish')}
          </button>
        </div>
      </form>
    </section>
  );
}
