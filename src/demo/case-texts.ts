import type { NoteLanguage } from './catalogue.js';

/**
 * What staff write on the demo's follow-ups and complaints, in the language of the customer's notes:
 * per root cause of the tree (docs/improvement.md), stories of what the customer complains of (a
 * follow-up's cause in their words, a complaint's description), what was done for them and what the
 * investigation found, each story's three told together; why no cause could be found when it is coded
 * `unknown`; and the reasons of the lifecycle's actions.
 */

type Texts = Record<NoteLanguage, readonly string[]>;
type Text = Record<NoteLanguage, string>;

/** One story of a cause: the grievance, what was done for the customer, why it happened. */
export interface CauseStory {
  /** the customer's grievance, in their words as recorded */
  grievance: Text;
  /** what was done for the customer */
  action: Text;
  /** why it happened, as the investigation found it (a complaint's `rootCause`) */
  finding: Text;
}

const story = (grievance: [string, string, string], action: [string, string, string], finding: [string, string, string]): CauseStory => {
  const text = ([fr, de, en]: [string, string, string]): Text => ({ fr, de, en });
  return { grievance: text(grievance), action: text(action), finding: text(finding) };
};

/** The stories of each cause the demo codes, in French, German and English. */
export const CAUSE_STORIES: Readonly<Record<string, readonly CauseStory[]>> = {
  billing: [
    story(
      ['Option facturée alors qu’elle a été résiliée', 'Option berechnet, obwohl sie gekündigt wurde', 'Charged for an option already cancelled'],
      ['Avoir émis sur la prochaine facture', 'Gutschrift auf der nächsten Rechnung', 'Credit note on the next bill'],
      ['Résiliation de l’option non transmise à la facturation', 'Kündigung der Option nicht an die Abrechnung übermittelt', 'Option cancellation not passed to billing'],
    ),
    story(
      ['Facture incompréhensible, des lignes en double', 'Rechnung unverständlich, Posten doppelt aufgeführt', 'Bill impossible to read, lines listed twice'],
      ['Facture expliquée ligne par ligne', 'Rechnung Posten für Posten erklärt', 'Bill explained line by line'],
      ['Mise en page de la facture modifiée sans contrôle', 'Rechnungslayout ohne Prüfung geändert', 'Bill layout changed without a check'],
    ),
  ],
  'billing.tariff_not_applied': [
    story(
      ['Facture deux fois plus élevée que d’habitude', 'Rechnung doppelt so hoch wie sonst', 'Bill twice the usual amount'],
      ['Facture recalculée au bon tarif, avoir émis', 'Rechnung zum richtigen Tarif neu berechnet, Gutschrift erstellt', 'Bill recalculated on the right plan, credit note issued'],
      ['Erreur de tarification après changement d’offre', 'Tariffehler nach Tarifwechsel', 'Rating error after a plan change'],
    ),
    story(
      ['Ancien tarif toujours facturé après mon changement d’offre', 'Nach dem Tarifwechsel wird weiter der alte Tarif berechnet', 'Still billed the old plan after changing plans'],
      ['Nouveau tarif appliqué, différence remboursée', 'Neuer Tarif angewendet, Differenz erstattet', 'New plan applied, difference refunded'],
      ['Nouvelle offre activée sans mise à jour de la facturation', 'Neuer Tarif aktiviert, Abrechnung nicht angepasst', 'New plan activated without updating billing'],
    ),
  ],
  'billing.roaming': [
    story(
      ['Frais de roaming en Suisse alors que l’option était active', 'Roaminggebühren in der Schweiz trotz aktiver Option', 'Roaming charges in Switzerland with the option active'],
      ['Frais de roaming remboursés', 'Roaminggebühren erstattet', 'Roaming charges refunded'],
      ['Réseau partenaire non couvert par l’option', 'Partnernetz von der Option nicht abgedeckt', 'Partner network not covered by the option'],
    ),
    story(
      ['Data bloquée à l’étranger sans prévenir', 'Daten im Ausland ohne Vorwarnung gesperrt', 'Data blocked abroad without warning'],
      ['Option roaming réactivée et expliquée', 'Roamingoption wieder aktiviert und erklärt', 'Roaming option reactivated and explained'],
      ['Plafond de sécurité data mal paramétré', 'Datensicherheitslimit falsch eingestellt', 'Data safety cap set wrongly'],
    ),
    story(
      ['Appels depuis la France facturés hors forfait', 'Anrufe aus Frankreich außerhalb des Tarifs berechnet', 'Calls from France billed outside my plan'],
      ['Appels refacturés au tarif UE', 'Anrufe zum EU-Tarif neu berechnet', 'Calls re-rated at the EU rate'],
      ['Zone UE mal rattachée au forfait', 'EU-Zone dem Tarif falsch zugeordnet', 'EU zone wrongly mapped to the plan'],
    ),
  ],
  'billing.double_charge': [
    story(
      ['Prélèvement effectué deux fois ce mois-ci', 'Diesen Monat zweimal abgebucht', 'Direct debit taken twice this month'],
      ['Remboursement du double prélèvement lancé', 'Rückerstattung der doppelten Abbuchung veranlasst', 'Refund of the double debit issued'],
      ['Fichier de prélèvement envoyé deux fois à la banque', 'Lastschriftdatei zweimal an die Bank geschickt', 'Direct debit file sent to the bank twice'],
    ),
    story(
      ['Achat dans l’appli facturé deux fois', 'Kauf in der App zweimal berechnet', 'App purchase charged twice'],
      ['Montant en double crédité', 'Doppelter Betrag gutgeschrieben', 'Duplicate amount credited'],
      ['Paiement rejoué après un dépassement de délai', 'Zahlung nach Zeitüberschreitung erneut ausgeführt', 'Payment replayed after a timeout'],
    ),
  ],
  network: [
    story(
      ['Coupures internet répétées le soir', 'Internet fällt abends immer wieder aus', 'Internet keeps dropping in the evening'],
      ['Box remplacée et ligne resynchronisée', 'Router ersetzt und Leitung neu synchronisiert', 'Router replaced and line resynchronised'],
      ['Défaut sur le câble de raccordement', 'Defekt am Anschlusskabel', 'Fault on the access cable'],
    ),
  ],
  'network.coverage': [
    story(
      ['Pas de réseau mobile au domicile depuis deux semaines', 'Seit zwei Wochen kein Mobilfunknetz zu Hause', 'No mobile signal at home for two weeks'],
      ['Répéteur proposé pour le domicile', 'Repeater für zu Hause angeboten', 'Home repeater offered'],
      ['Zone mal couverte à l’intérieur des bâtiments', 'Gebiet in Gebäuden schlecht versorgt', 'Poor indoor coverage in the area'],
    ),
    story(
      ['Appels qui coupent au bout de quelques minutes', 'Gespräche brechen nach wenigen Minuten ab', 'Calls drop after a few minutes'],
      ['Ticket réseau ouvert, technicien planifié', 'Netzticket eröffnet, Techniker eingeplant', 'Network ticket opened, technician booked'],
      ['Antenne du secteur en maintenance prolongée', 'Sendemast im Gebiet in verlängerter Wartung', 'Cell site in extended maintenance'],
    ),
  ],
  'network.outage': [
    story(
      ['Plus d’internet ni de télé depuis hier soir', 'Seit gestern Abend weder Internet noch Fernsehen', 'No internet or TV since last night'],
      ['Client informé du rétablissement, geste commercial', 'Kunde über die Behebung informiert, Kulanzgutschrift', 'Customer told of the fix, goodwill credit'],
      ['Panne d’un équipement du cœur de réseau', 'Ausfall einer Kernnetzkomponente', 'Core network equipment failure'],
    ),
    story(
      ['Réseau mobile coupé toute la journée', 'Mobilfunknetz den ganzen Tag ausgefallen', 'Mobile network down all day'],
      ['Jours sans service remboursés', 'Tage ohne Dienst erstattet', 'Days without service refunded'],
      ['Fibre de transport coupée lors de travaux de voirie', 'Transportglasfaser bei Straßenarbeiten durchtrennt', 'Backhaul fibre cut during road works'],
    ),
  ],
  'network.fibre_install': [
    story(
      ['Raccordement fibre reporté trois fois', 'Glasfaseranschluss dreimal verschoben', 'Fibre installation postponed three times'],
      ['Rendez-vous d’installation confirmé en priorité', 'Installationstermin vorrangig bestätigt', 'Installation appointment confirmed with priority'],
      ['Sous-traitant d’installation en retard sur son planning', 'Installationspartner mit seinem Terminplan im Rückstand', 'Installation partner behind schedule'],
    ),
    story(
      ['Toujours pas de fibre six semaines après la commande', 'Sechs Wochen nach der Bestellung noch kein Glasfaseranschluss', 'Still no fibre six weeks after ordering'],
      ['Box 4G prêtée en attendant', 'LTE-Router bis dahin geliehen', '4G router lent in the meantime'],
      ['Autorisation de travaux en attente à la commune', 'Baugenehmigung bei der Gemeinde ausstehend', 'Works permit pending with the municipality'],
    ),
  ],
  service: [
    story(
      ['Transféré trois fois sans solution', 'Dreimal weiterverbunden ohne Lösung', 'Transferred three times with no answer'],
      ['Rappel effectué par le chef d’équipe', 'Rückruf durch den Teamleiter', 'Called back by the team lead'],
      ['Mauvais routage de l’appel', 'Anruf falsch weitergeleitet', 'Call routed to the wrong queue'],
    ),
    story(
      ['Rappel promis jamais reçu', 'Versprochener Rückruf kam nie', 'Promised call back never came'],
      ['Excuses présentées, rappel le jour même', 'Entschuldigung, Rückruf am selben Tag', 'Apologised, called back the same day'],
      ['Consigne de rappel non suivie', 'Rückrufvorgabe nicht eingehalten', 'Call-back rule not followed'],
    ),
    story(
      ['Conseiller désagréable au téléphone', 'Unfreundlicher Berater am Telefon', 'Rude advisor on the phone'],
      ['Excuses présentées, geste commercial', 'Entschuldigung und Kulanzgutschrift', 'Apologised, goodwill credit'],
      ['Conseiller sous pression en fin de journée chargée', 'Berater am Ende eines vollen Tages unter Druck', 'Advisor under pressure at the end of a busy day'],
    ),
  ],
  'service.wrong_information': [
    story(
      ['On m’avait dit que l’option était gratuite', 'Mir wurde gesagt, die Option sei kostenlos', 'I was told the option was free'],
      ['Option offerte pendant trois mois', 'Option drei Monate kostenlos', 'Option given free for three months'],
      ['Conseiller pas formé à la nouvelle offre', 'Berater nicht zum neuen Angebot geschult', 'Advisor not trained on the new offer'],
    ),
    story(
      ['Offre plus chère que celle promise', 'Tarif teurer als versprochen', 'Plan dearer than promised'],
      ['Offre adaptée proposée', 'Passender Tarif angeboten', 'Better-suited plan offered'],
      ['Fiche d’information interne obsolète', 'Interne Infoseite veraltet', 'Internal information sheet out of date'],
    ),
  ],
  'service.shop_advice': [
    story(
      ['Une heure d’attente en boutique', 'Eine Stunde Wartezeit im Shop', 'An hour’s wait in the shop'],
      ['Excuses présentées, rendez-vous prioritaire proposé', 'Entschuldigung, bevorzugter Termin angeboten', 'Apologised, priority appointment offered'],
      ['Sous-effectif le samedi', 'Unterbesetzung am Samstag', 'Understaffed on Saturday'],
    ),
    story(
      ['Informations contradictoires données en boutique', 'Widersprüchliche Auskünfte im Shop', 'Contradicting information given in the shop'],
      ['Dossier repris par le responsable de boutique', 'Vorgang vom Shopleiter übernommen', 'Case taken over by the shop manager'],
      ['Procédure mal connue d’un nouveau vendeur', 'Ablauf einem neuen Verkäufer nicht bekannt', 'Procedure not known to a new sales assistant'],
    ),
  ],
  process: [
    story(
      ['Impossible de me connecter à l’espace client', 'Anmeldung im Kundenbereich unmöglich', 'Cannot log in to my account online'],
      ['Compte débloqué, mot de passe réinitialisé', 'Konto entsperrt, Passwort zurückgesetzt', 'Account unlocked, password reset'],
      ['Compte verrouillé après une migration', 'Konto nach Migration gesperrt', 'Account locked after a migration'],
    ),
    story(
      ['L’appli affiche une consommation fausse', 'Die App zeigt einen falschen Verbrauch', 'The app shows the wrong usage'],
      ['Incident transmis à l’équipe digitale', 'Störung an das Digitalteam gemeldet', 'Incident passed to the digital team'],
      ['Synchronisation des compteurs en retard', 'Verbrauchszähler verspätet synchronisiert', 'Usage counters synchronised late'],
    ),
    story(
      ['Courrier envoyé à une mauvaise adresse', 'Post an eine falsche Adresse geschickt', 'Letter sent to the wrong address'],
      ['Adresse corrigée', 'Adresse korrigiert', 'Address corrected'],
      ['Erreur de saisie à l’ouverture du compte', 'Erfassungsfehler bei Kontoeröffnung', 'Data entry error when the account was opened'],
    ),
    story(
      ['Hausse de prix non annoncée', 'Preiserhöhung ohne Ankündigung', 'Price rise not announced'],
      ['Ancien tarif maintenu six mois', 'Alter Preis für sechs Monate beibehalten', 'Old price kept for six months'],
      ['Courrier d’information non envoyé', 'Informationsschreiben nicht verschickt', 'Notice letter not sent'],
    ),
  ],
  'process.contract_change': [
    story(
      ['Contrat prolongé sans mon accord', 'Vertrag ohne meine Zustimmung verlängert', 'Contract renewed without my consent'],
      ['Prolongation annulée', 'Verlängerung storniert', 'Renewal cancelled'],
      ['Renouvellement automatique mal expliqué en boutique', 'Automatische Verlängerung im Shop schlecht erklärt', 'Automatic renewal poorly explained in the shop'],
    ),
    story(
      ['Résiliation demandée il y a un mois et toujours pas effective', 'Kündigung vor einem Monat beantragt und noch nicht wirksam', 'Cancellation asked a month ago and still not done'],
      ['Résiliation effectuée avec date rétroactive', 'Kündigung rückwirkend durchgeführt', 'Cancellation done, backdated'],
      ['Demande de résiliation restée en attente', 'Kündigungsantrag blieb liegen', 'Cancellation request left pending'],
    ),
    story(
      ['Promotion promise à la souscription non appliquée', 'Beim Abschluss versprochene Aktion nicht angewendet', 'Promotion promised at sign-up not applied'],
      ['Promotion appliquée avec effet rétroactif', 'Aktion rückwirkend angewendet', 'Promotion applied retroactively'],
      ['Promotion mal saisie à la souscription', 'Aktion beim Abschluss falsch erfasst', 'Promotion entered wrongly at sign-up'],
    ),
  ],
  'process.porting': [
    story(
      ['Mon numéro n’a toujours pas été transféré', 'Meine Nummer wurde immer noch nicht übertragen', 'My number still has not been transferred'],
      ['Portabilité relancée auprès de l’ancien opérateur', 'Portierung beim alten Anbieter erneut angestoßen', 'Porting chased with the previous operator'],
      ['Demande de portabilité rejetée pour un code erroné', 'Portierungsantrag wegen falscher Kennung abgelehnt', 'Porting request rejected for a wrong transfer code'],
    ),
    story(
      ['Deux jours sans ligne pendant le transfert du numéro', 'Zwei Tage ohne Leitung während der Rufnummernmitnahme', 'Two days without a line while my number moved'],
      ['Ligne rétablie, jours sans service remboursés', 'Leitung wiederhergestellt, Tage ohne Dienst erstattet', 'Line restored, days without service refunded'],
      ['Date de portage non coordonnée avec l’ancien opérateur', 'Portierungsdatum nicht mit dem alten Anbieter abgestimmt', 'Porting date not coordinated with the previous operator'],
    ),
  ],
  'devices.repair_delay': [
    story(
      ['Téléphone en réparation depuis plus d’un mois', 'Handy seit über einem Monat in Reparatur', 'Phone in repair for over a month'],
      ['Appareil de prêt fourni', 'Leihgerät ausgehändigt', 'Loan phone provided'],
      ['Pièce en rupture chez le réparateur', 'Ersatzteil beim Reparaturdienst nicht lieferbar', 'Spare part out of stock at the repairer'],
    ),
    story(
      ['Aucune nouvelle de ma réparation depuis trois semaines', 'Seit drei Wochen keine Nachricht zu meiner Reparatur', 'No news of my repair for three weeks'],
      ['Réparation relancée, client tenu informé', 'Reparatur nachgefasst, Kunde auf dem Laufenden gehalten', 'Repair chased, customer kept informed'],
      ['Centre de réparation saturé, délais non suivis', 'Reparaturzentrum überlastet, Fristen nicht überwacht', 'Repair centre overloaded, deadlines not tracked'],
    ),
  ],
  'devices.defect': [
    story(
      ['Appareil neuf défectueux dès la livraison', 'Neues Gerät bei Lieferung defekt', 'New device faulty on delivery'],
      ['Échange standard accordé', 'Austauschgerät gewährt', 'Device swapped'],
      ['Lot d’appareils défectueux', 'Fehlerhafte Gerätecharge', 'Faulty batch of devices'],
    ),
    story(
      ['La batterie du téléphone neuf ne tient pas la journée', 'Der Akku des neuen Handys hält keinen Tag', 'The new phone’s battery does not last a day'],
      ['Batterie remplacée sous garantie', 'Akku unter Garantie ersetzt', 'Battery replaced under warranty'],
      ['Mise à jour logicielle du fabricant défectueuse', 'Fehlerhaftes Software-Update des Herstellers', 'Faulty software update from the maker'],
    ),
  ],
};

/** Why no cause could be found, when a case is coded `unknown`. */
export const UNKNOWN_REASONS: Texts = {
  fr: ['Client injoignable, trop peu d’éléments pour analyser', 'Journaux techniques de la période plus disponibles', 'Plusieurs causes possibles, aucune confirmée'],
  de: ['Kunde nicht erreichbar, zu wenig Angaben für eine Analyse', 'Technische Protokolle des Zeitraums nicht mehr verfügbar', 'Mehrere mögliche Ursachen, keine bestätigt'],
  en: ['Customer unreachable, too little to go on', 'Technical logs for the period no longer available', 'Several possible causes, none confirmed'],
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
