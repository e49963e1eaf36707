/** The languages of Ecoute's customers, users and comments: French, German, English, Luxembourgish. */
export const LANGUAGES = ['fr', 'de', 'en', 'lb'] as const;

export type Language = (typeof LANGUAGES)[number];

/** The languages labels are written in (reasons, report headings); Luxembourgish readers get French labels. */
export const LABEL_LANGUAGES = ['fr', 'de', 'en'] as const satisfies readonly Language[];

export type LabelLanguage = (typeof LABEL_LANGUAGES)[number];
