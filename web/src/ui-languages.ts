/** The languages of the console and the customer app, and the locale each writes dates and numbers in. */
export type UiLanguage = 'fr' | 'en' | 'de';
export const UI_LANGUAGES: readonly UiLanguage[] = ['fr', 'en', 'de'];

/** BCP 47 locale used for dates and numbers in each UI language. */
export const LOCALES: Record<UiLanguage, string> = { fr: 'fr-LU', en: 'en-GB', de: 'de-LU' };
