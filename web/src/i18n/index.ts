import i18next from 'i18next';
import { useCallback, useSyncExternalStore } from 'react';
import { actionsDe } from './actions.de.js';
import { actionsEn } from './actions.en.js';
import { actionsFr, type ActionsMessages } from './actions.fr.js';
import { callscreenDe } from './callscreen.de.js';
import { callscreenEn } from './callscreen.en.js';
import { callscreenFr, type CallscreenMessages } from './callscreen.fr.js';
import { adminUsersDe } from './adminusers.de.js';
import { adminUsersEn } from './adminusers.en.js';
import { adminUsersFr, type AdminUsersMessages } from './adminusers.fr.js';
import { adminpagesDe } from './adminpages.de.js';
import { adminpagesEn } from './adminpages.en.js';
import { adminpagesFr, type AdminPagesMessages } from './adminpages.fr.js';
import { de } from './de.js';
import { issuesDe } from './errors.de.js';
import { issuesEn } from './errors.en.js';
import { issuesFr, type IssuesMessages } from './errors.fr.js';
import { npsreadDe } from './npsread.de.js';
import { npsreadEn } from './npsread.en.js';
import { npsreadFr, type NpsreadMessages } from './npsread.fr.js';
import { en } from './en.js';
import { fr, type Messages as BaseMessages } from './fr.js';
import { headerDe } from './header.de.js';
import { headerEn } from './header.en.js';
import { headerFr, type HeaderMessages } from './header.fr.js';
import { qualityDe } from './quality.de.js';
import { consumptionDe } from './consumption.de.js';
import { consumptionEn } from './consumption.en.js';
import { consumptionFr, type ConsumptionMessages } from './consumption.fr.js';
import { callbacksDe } from './callbacks.de.js';
import { callbacksEn } from './callbacks.en.js';
import { callbacksFr, type CallbacksMessages } from './callbacks.fr.js';
import { qualityAdvisorDe } from './quality-advisor.de.js';
import { qualityAdvisorEn } from './quality-advisor.en.js';
import { qualityAdvisorFr, type QualityAdvisorMessages } from './quality-advisor.fr.js';
import { qualityCalibrationDe } from './quality-calibration.de.js';
import { qualityCalibrationEn } from './quality-calibration.en.js';
import { qualityCalibrationFr, type QualityCalibrationMessages } from './quality-calibration.fr.js';
import { qualityCoachingDe } from './quality-coaching.de.js';
import { qualityCoachingEn } from './quality-coaching.en.js';
import { qualityCoachingFr, type QualityCoachingMessages } from './quality-coaching.fr.js';
import { qualityEvaluationsDe } from './quality-evaluations.de.js';
import { qualityEvaluationsEn } from './quality-evaluations.en.js';
import { qualityEvaluationsFr, type QualityEvaluationsMessages } from './quality-evaluations.fr.js';
import { qualityEn } from './quality.en.js';
import { qualityFr, type QualityMessages } from './quality.fr.js';
import { recordingsDe } from './quality-recordings.de.js';
import { recordingsEn } from './quality-recordings.en.js';
import { recordingsFr, type RecordingsMessages } from './quality-recordings.fr.js';
import { qualityTrainingDe } from './quality-training.de.js';
import { qualityTrainingEn } from './quality-training.en.js';
import { qualityTrainingFr, type QualityTrainingMessages } from './quality-training.fr.js';
import { qualitySamplingDe } from './quality-sampling.de.js';
import { qualitySamplingEn } from './quality-sampling.en.js';
import { qualitySamplingFr, type QualitySamplingMessages } from './quality-sampling.fr.js';
import { searchDe } from './search.de.js';
import { searchEn } from './search.en.js';
import { searchFr, type SearchMessages } from './search.fr.js';

import { LOCALES, UI_LANGUAGES, type UiLanguage } from '../ui-languages.js';

export { LOCALES, UI_LANGUAGES, type UiLanguage };

const STORAGE_KEY = 'ecoute.language';

/** Every catalogue: the console's (fr.ts and its translations), the improvement actions board's and the wording of refusals (errors.*.ts), merged here. */
type Messages = BaseMessages & { actions: ActionsMessages; callscreen: CallscreenMessages; adminUsers: AdminUsersMessages; issues: IssuesMessages; npsread: NpsreadMessages; adminpages: AdminPagesMessages; customerSearch: SearchMessages; appHeader: HeaderMessages; quality: QualityMessages; qualityEvaluations: QualityEvaluationsMessages; qualityCalibration: QualityCalibrationMessages; recordings: RecordingsMessages; qualitySampling: QualitySamplingMessages; qualityCoaching: QualityCoachingMessages; qualityAdvisor: QualityAdvisorMessages; qualityTraining: QualityTrainingMessages; consumption: ConsumptionMessages; callbacks: CallbacksMessages };

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type WithoutPlural<S> = S extends `${infer Base}_${'one' | 'other'}` ? Base : S;

/** Every translation key, checked at compile time (plural keys without their _one/_other suffix). */
export type MessageKey = WithoutPlural<Leaves<Messages>>;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

function storedLanguage(): UiLanguage {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (UI_LANGUAGES as readonly string[]).includes(saved)) return saved as UiLanguage;
  } catch {
    // storage blocked: fall back to French
  }
  return 'fr';
}

void i18next.init({
  resources: {
    fr: { translation: { ...fr, actions: actionsFr, callscreen: callscreenFr, adminUsers: adminUsersFr, issues: issuesFr, npsread: npsreadFr, adminpages: adminpagesFr, customerSearch: searchFr, appHeader: headerFr, quality: qualityFr, qualityEvaluations: qualityEvaluationsFr, qualityCalibration: qualityCalibrationFr, recordings: recordingsFr, qualitySampling: qualitySamplingFr, qualityCoaching: qualityCoachingFr, qualityAdvisor: qualityAdvisorFr, qualityTraining: qualityTrainingFr, consumption: consumptionFr, callbacks: callbacksFr } },
    en: { translation: { ...en, actions: actionsEn, callscreen: callscreenEn, adminUsers: adminUsersEn, issues: issuesEn, npsread: npsreadEn, adminpages: adminpagesEn, customerSearch: searchEn, appHeader: headerEn, quality: qualityEn, qualityEvaluations: qualityEvaluationsEn, qualityCalibration: qualityCalibrationEn, recordings: recordingsEn, qualitySampling: qualitySamplingEn, qualityCoaching: qualityCoachingEn, qualityAdvisor: qualityAdvisorEn, qualityTraining: qualityTrainingEn, consumption: consumptionEn, callbacks: callbacksEn } },
    de: { translation: { ...de, actions: actionsDe, callscreen: callscreenDe, adminUsers: adminUsersDe, issues: issuesDe, npsread: npsreadDe, adminpages: adminpagesDe, customerSearch: searchDe, appHeader: headerDe, quality: qualityDe, qualityEvaluations: qualityEvaluationsDe, qualityCalibration: qualityCalibrationDe, recordings: recordingsDe, qualitySampling: qualitySamplingDe, qualityCoaching: qualityCoachingDe, qualityAdvisor: qualityAdvisorDe, qualityTraining: qualityTrainingDe, consumption: consumptionDe, callbacks: callbacksDe } },
  },
  lng: storedLanguage(),
  fallbackLng: 'fr',
  supportedLngs: [...UI_LANGUAGES],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});
document.documentElement.lang = i18next.language;

export function setLanguage(language: UiLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not persisted, still switched for this session
  }
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

function subscribe(onChange: () => void): () => void {
  i18next.on('languageChanged', onChange);
  return () => i18next.off('languageChanged', onChange);
}

const currentLanguage = (): UiLanguage => (i18next.resolvedLanguage ?? i18next.language) as UiLanguage;

/** The current UI language; re-renders the component when it changes. */
export function useLanguage(): UiLanguage {
  return useSyncExternalStore(subscribe, currentLanguage);
}

/** The translate function of the current language (a new function on each language change). */
export function useT(): Translate {
  const language = useLanguage();
  return useCallback<Translate>(
    (key, values) => String(i18next.getFixedT(language)(key, values ?? {})),
    [language],
  );
}

