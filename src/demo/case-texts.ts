import type { NoteLanguage } from './catalogue.js';

/**
 * What staff write on the demo's follow-ups and complaints, in the language of the customer's notes:
 * per complaint category, what the customer complains of (a follow-up's cause, a complaint's
 * description), what was done for them and the root cause the investigation found; and the reasons
 * of the lifecycle's actions.
 */

type Texts = Record<NoteLanguage, readonly string[]>;

export interface CategoryTexts {
  /** the customer's grievance, in their words as recorded */
  grievance: Texts;
  /** what was done for the customer */
  action: Texts;
  /** why it happened, as the investigation found it */
  rootCause: Texts;
}

export const CATEGORY_TEXTS: Record<string, CategoryTexts> = {
  network: {
    grievance: {
      fr: ['Pas de réseau mobile au domicile depuis deux semaines', 'Coupures internet répétées le soir', 'Appels qui coupent au bout de quelques minutes'],
      de: ['Seit zwei Wochen kein Mobilfunknetz zu Hause', 'Internet fällt abends immer wieder aus', 'Gespräche brechen nach wenigen Minuten ab'],
      en: ['No mobile signal at home for two weeks', 'Internet keeps dropping in the evening', 'Calls drop after a few minutes'],
    },
    action: {
      fr: ['Ticket réseau ouvert, technicien planifié', 'Box remplacée et ligne resynchronisée'],
      de: ['Netzticket eröffnet, Techniker eingeplant', 'Router ersetzt und Leitung neu synchronisiert'],
      en: ['Network ticket opened, technician booked', 'Router replaced and line resynchronised'],
    },
    rootCause: {
      fr: ['Antenne du secteur en maintenance prolongée', 'Défaut sur le câble de raccordement'],
      de: ['Sendemast im Gebiet in verlängerter Wartung', 'Defekt am Anschlusskabel'],
      en: ['Cell site in extended maintenance', 'Fault on the access cable'],
    },
  },
  billing: {
    grievance: {
      fr: ['Facture deux fois plus élevée que d’habitude', 'Option facturée alors qu’elle a été résiliée', 'Prélèvement effectué deux fois ce mois-ci'],
      de: ['Rechnung doppelt so hoch wie sonst', 'Option berechnet, obwohl sie gekündigt wurde', 'Diesen Monat zweimal abgebucht'],
      en: ['Bill twice the usual amount', 'Charged for an option already cancelled', 'Direct debit taken twice this month'],
    },
    action: {
      fr: ['Avoir émis sur la prochaine facture', 'Remboursement du double prélèvement lancé'],
      de: ['Gutschrift auf der nächsten Rechnung', 'Rückerstattung der doppelten Abbuchung veranlasst'],
      en: ['Credit note on the next bill', 'Refund of the double debit issued'],
    },
    rootCause: {
      fr: ['Résiliation de l’option non transmise à la facturation', 'Erreur de tarification après changement d’offre'],
      de: ['Kündigung der Option nicht an die Abrechnung übermittelt', 'Tariffehler nach Tarifwechsel'],
      en: ['Option cancellation not passed to billing', 'Rating error after a plan change'],
    },
  },
  roaming: {
    grievance: {
      fr: ['Frais de roaming en Suisse alors que l’option était active', 'Data bloquée à l’étranger sans prévenir'],
      de: ['Roaminggebühren in der Schweiz trotz aktiver Option', 'Daten im Ausland ohne Vorwarnung gesperrt'],
      en: ['Roaming charges in Switzerland with the option active', 'Data blocked abroad without warning'],
    },
    action: {
      fr: ['Frais de roaming remboursés', 'Option roaming réactivée et expliquée'],
      de: ['Roaminggebühren erstattet', 'Roamingoption wieder aktiviert und erklärt'],
      en: ['Roaming charges refunded', 'Roaming option reactivated and explained'],
    },
    rootCause: {
      fr: ['Réseau partenaire non couvert par l’option', 'Plafond de sécurité data mal paramétré'],
      de: ['Partnernetz von der Option nicht abgedeckt', 'Datensicherheitslimit falsch eingestellt'],
      en: ['Partner network not covered by the option', 'Data safety cap set wrongly'],
    },
  },
  contract: {
    grievance: {
      fr: ['Contrat prolongé sans mon accord', 'Résiliation demandée il y a un mois et toujours pas effective'],
      de: ['Vertrag ohne meine Zustimmung verlängert', 'Kündigung vor einem Monat beantragt und noch nicht wirksam'],
      en: ['Contract renewed without my consent', 'Cancellation asked a month ago and still not done'],
    },
    action: {
      fr: ['Prolongation annulée', 'Résiliation effectuée avec date rétroactive'],
      de: ['Verlängerung storniert', 'Kündigung rückwirkend durchgeführt'],
      en: ['Renewal cancelled', 'Cancellation done, backdated'],
    },
    rootCause: {
      fr: ['Renouvellement automatique mal expliqué en boutique', 'Demande de résiliation restée en attente'],
      de: ['Automatische Verlängerung im Shop schlecht erklärt', 'Kündigungsantrag blieb liegen'],
      en: ['Automatic renewal poorly explained in the shop', 'Cancellation request left pending'],
    },
  },
  device: {
    grievance: {
      fr: ['Téléphone en réparation depuis plus d’un mois', 'Appareil neuf défectueux dès la livraison'],
      de: ['Handy seit über einem Monat in Reparatur', 'Neues Gerät bei Lieferung defekt'],
      en: ['Phone in repair for over a month', 'New device faulty on delivery'],
    },
    action: {
      fr: ['Appareil de prêt fourni', 'Échange standard accordé'],
      de: ['Leihgerät ausgehändigt', 'Austauschgerät gewährt'],
      en: ['Loan phone provided', 'Device swapped'],
    },
    rootCause: {
      fr: ['Pièce en rupture chez le réparateur', 'Lot d’appareils défectueux'],
      de: ['Ersatzteil beim Reparaturdienst nicht lieferbar', 'Fehlerhafte Gerätecharge'],
      en: ['Spare part out of stock at the repairer', 'Faulty batch of devices'],
    },
  },
  shop: {
    grievance: {
      fr: ['Une heure d’attente en boutique', 'Informations contradictoires données en boutique'],
      de: ['Eine Stunde Wartezeit im Shop', 'Widersprüchliche Auskünfte im Shop'],
      en: ['An hour’s wait in the shop', 'Contradicting information given in the shop'],
    },
    action: {
      fr: ['Excuses présentées, rendez-vous prioritaire proposé', 'Dossier repris par le responsable de boutique'],
      de: ['Entschuldigung, bevorzugter Termin angeboten', 'Vorgang vom Shopleiter übernommen'],
      en: ['Apologised, priority appointment offered', 'Case taken over by the shop manager'],
    },
    rootCause: {
      fr: ['Sous-effectif le samedi', 'Procédure mal connue d’un nouveau vendeur'],
      de: ['Unterbesetzung am Samstag', 'Ablauf einem neuen Verkäufer nicht bekannt'],
      en: ['Understaffed on Saturday', 'Procedure not known to a new sales assistant'],
    },
  },
  advisor: {
    grievance: {
      fr: ['Conseiller désagréable au téléphone', 'Transféré trois fois sans solution', 'Rappel promis jamais reçu'],
      de: ['Unfreundlicher Berater am Telefon', 'Dreimal weiterverbunden ohne Lösung', 'Versprochener Rückruf kam nie'],
      en: ['Rude advisor on the phone', 'Transferred three times with no answer', 'Promised call back never came'],
    },
    action: {
      fr: ['Excuses présentées, geste commercial', 'Rappel effectué par le chef d’équipe'],
      de: ['Entschuldigung und Kulanzgutschrift', 'Rückruf durch den Teamleiter'],
      en: ['Apologised, goodwill credit', 'Called back by the team lead'],
    },
    rootCause: {
      fr: ['Consigne de rappel non suivie', 'Mauvais routage de l’appel'],
      de: ['Rückrufvorgabe nicht eingehalten', 'Anruf falsch weitergeleitet'],
      en: ['Call-back rule not followed', 'Call routed to the wrong queue'],
    },
  },
  digital: {
    grievance: {
      fr: ['Impossible de me connecter à l’espace client', 'L’appli affiche une consommation fausse'],
      de: ['Anmeldung im Kundenbereich unmöglich', 'Die App zeigt einen falschen Verbrauch'],
      en: ['Cannot log in to my account online', 'The app shows the wrong usage'],
    },
    action: {
      fr: ['Compte débloqué, mot de passe réinitialisé', 'Incident transmis à l’équipe digitale'],
      de: ['Konto entsperrt, Passwort zurückgesetzt', 'Störung an das Digitalteam gemeldet'],
      en: ['Account unlocked, password reset', 'Incident passed to the digital team'],
    },
    rootCause: {
      fr: ['Compte verrouillé après migration', 'Synchronisation des compteurs en retard'],
      de: ['Konto nach Migration gesperrt', 'Verbrauchszähler verspätet synchronisiert'],
      en: ['Account locked after a migration', 'Usage counters synchronised late'],
    },
  },
  price: {
    grievance: {
      fr: ['Hausse de prix non annoncée', 'Offre plus chère que celle promise'],
      de: ['Preiserhöhung ohne Ankündigung', 'Tarif teurer als versprochen'],
      en: ['Price rise not announced', 'Plan dearer than promised'],
    },
    action: {
      fr: ['Ancien tarif maintenu six mois', 'Offre adaptée proposée'],
      de: ['Alter Preis für sechs Monate beibehalten', 'Passender Tarif angeboten'],
      en: ['Old price kept for six months', 'Better-suited plan offered'],
    },
    rootCause: {
      fr: ['Courrier d’information non envoyé', 'Promotion mal saisie à la souscription'],
      de: ['Informationsschreiben nicht verschickt', 'Aktion beim Abschluss falsch erfasst'],
      en: ['Notice letter not sent', 'Promotion entered wrongly at sign-up'],
    },
  },
  other: {
    grievance: {
      fr: ['Courrier envoyé à une mauvaise adresse', 'Demande restée sans réponse'],
      de: ['Post an eine falsche Adresse geschickt', 'Anfrage blieb unbeantwortet'],
      en: ['Letter sent to the wrong address', 'Request left unanswered'],
    },
    action: {
      fr: ['Adresse corrigée', 'Réponse apportée par téléphone'],
      de: ['Adresse korrigiert', 'Telefonisch beantwortet'],
      en: ['Address corrected', 'Answered by phone'],
    },
    rootCause: {
      fr: ['Erreur de saisie à l’ouverture du compte', 'Demande classée dans la mauvaise file'],
      de: ['Erfassungsfehler bei Kontoeröffnung', 'Anfrage in der falschen Warteschlange'],
      en: ['Data entry error when the account was opened', 'Request filed in the wrong queue'],
    },
  },
};

/** The reasons of the lifecycle's actions, as staff write them. */
export const ACTION_TEXTS: Record<
  'reject' | 'reopenComplaint' | 'pause' | 'transfer' | 'commentComplaint' | 'edit' | 'cancelFollowup' | 'reopenFollowup' | 'pauseFollowup' | 'commentFollowup' | 'unreachable',
  Texts
> = {
  reject: {
    fr: ['Hors de notre périmètre : frais de la banque', 'Doublon d’une réclamation déjà traitée', 'Délai de contestation de la facture dépassé'],
    de: ['Nicht unser Bereich: Bankgebühren', 'Doppelte Beschwerde, bereits bearbeitet', 'Einspruchsfrist der Rechnung abgelaufen'],
    en: ['Not ours: the bank’s fees', 'Duplicate of a complaint already handled', 'Bill dispute period over'],
  },
  reopenComplaint: {
    fr: ['Le client conteste la réponse', 'Le problème est réapparu', 'Avoir annoncé mais pas visible sur la facture'],
    de: ['Der Kunde widerspricht der Antwort', 'Das Problem ist wieder aufgetreten', 'Gutschrift angekündigt, aber nicht auf der Rechnung'],
    en: ['Customer disagrees with the answer', 'The problem came back', 'Credit promised but not on the bill'],
  },
  pause: {
    fr: ['En attente de la copie de facture du client', 'En attente de photos de l’appareil', 'Le client doit confirmer ses disponibilités'],
    de: ['Warten auf die Rechnungskopie des Kunden', 'Warten auf Fotos des Geräts', 'Kunde muss Termine bestätigen'],
    en: ['Waiting for the customer’s copy of the bill', 'Waiting for photos of the device', 'Customer to confirm when they are available'],
  },
  transfer: {
    fr: ['Analyse par l’équipe compétente', 'Relève de la facturation', 'Vérification technique nécessaire'],
    de: ['Prüfung durch das zuständige Team', 'Fällt in die Abrechnung', 'Technische Prüfung nötig'],
    en: ['For the team in charge', 'A billing matter', 'Needs a technical check'],
  },
  commentComplaint: {
    fr: ['Client rappelé pour point d’étape', 'Relevé de consommation demandé au service technique', 'Client informé du délai'],
    de: ['Kunde zum Zwischenstand angerufen', 'Verbrauchsnachweis bei der Technik angefordert', 'Kunde über die Frist informiert'],
    en: ['Called the customer with an update', 'Usage record asked of the technical team', 'Customer told of the timeline'],
  },
  edit: {
    fr: ['Catégorie corrigée après analyse'],
    de: ['Kategorie nach Prüfung korrigiert'],
    en: ['Category corrected after review'],
  },
  cancelFollowup: {
    fr: ['Client déjà rappelé par la boutique', 'Doublon : même client rappelé hier'],
    de: ['Kunde bereits vom Shop zurückgerufen', 'Doppelt: derselbe Kunde gestern angerufen'],
    en: ['Customer already called back by the shop', 'Duplicate: same customer called yesterday'],
  },
  reopenFollowup: {
    fr: ['Le client a rappelé : problème toujours présent'],
    de: ['Kunde rief erneut an: Problem besteht weiter'],
    en: ['Customer called again: problem still there'],
  },
  pauseFollowup: {
    fr: ['Le client demande à être rappelé plus tard dans la semaine'],
    de: ['Kunde bittet um Rückruf später in der Woche'],
    en: ['Customer asked to be called later in the week'],
  },
  commentFollowup: {
    fr: ['Client calme, satisfait d’être rappelé', 'Client encore mécontent, à surveiller'],
    de: ['Kunde ruhig, froh über den Rückruf', 'Kunde noch unzufrieden, im Blick behalten'],
    en: ['Customer calm, glad to be called back', 'Customer still unhappy, keep an eye on it'],
  },
  unreachable: {
    fr: ['Message vocal laissé et SMS envoyé'],
    de: ['Sprachnachricht hinterlassen und SMS geschickt'],
    en: ['Voicemail left and SMS sent'],
  },
};
