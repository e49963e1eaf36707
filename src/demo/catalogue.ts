import type { Channel } from '../storage/schema.js';

/** Sites of the demo operator: two call centres and the shop network. `weight`: share of customers who use the shop. */
export interface DemoSite {
  code: string;
  name: string;
  kind: 'call_centre' | 'shop';
  city: string;
  weight: number;
}

export const SITES: readonly DemoSite[] = [
  { code: 'CC-GAS', name: "Centre d'appels Gasperich", kind: 'call_centre', city: 'Luxembourg', weight: 0 },
  { code: 'CC-WIN', name: "Centre d'appels Windhof", kind: 'call_centre', city: 'Windhof', weight: 0 },
  { code: 'SH-GARE', name: 'Shop Luxembourg-Gare', kind: 'shop', city: 'Luxembourg', weight: 18 },
  { code: 'SH-KIR', name: 'Shop Kirchberg (Auchan)', kind: 'shop', city: 'Luxembourg', weight: 15 },
  { code: 'SH-CDO', name: "Shop Cloche d'Or", kind: 'shop', city: 'Luxembourg', weight: 13 },
  { code: 'SH-ESCH', name: 'Shop Esch-sur-Alzette', kind: 'shop', city: 'Esch-sur-Alzette', weight: 17 },
  { code: 'SH-ETT', name: 'Shop Ettelbruck', kind: 'shop', city: 'Ettelbruck', weight: 11 },
  { code: 'SH-DIFF', name: 'Shop Differdange', kind: 'shop', city: 'Differdange', weight: 10 },
  { code: 'SH-WASS', name: 'Shop Wasserbillig', kind: 'shop', city: 'Wasserbillig', weight: 6 },
  { code: 'SH-DUD', name: 'Shop Dudelange', kind: 'shop', city: 'Dudelange', weight: 10 },
];

/** Call-centre teams; every shop also has its own team named after it. */
export const CALL_CENTRE_TEAMS = {
  mobile: { name: 'Hotline Mobile', site: 'CC-GAS' },
  fixed: { name: 'Hotline Fixe & TV', site: 'CC-GAS' },
  business: { name: 'Business Desk', site: 'CC-WIN' },
  roaming: { name: 'Roaming & International', site: 'CC-WIN' },
  retention: { name: 'Fidélisation', site: 'CC-GAS' },
} as const;
export type CallCentreTeam = keyof typeof CALL_CENTRE_TEAMS;

export const ADVISORS_PER_TEAM = 8;

export const MOBILE_PLANS: readonly (readonly [string, number])[] = [
  ['Love Duo', 22], ['Love Trio', 12], ['Go Europe', 20], ['Go World', 8], ['Kids', 8], ['Senior', 6],
  ['Prepaid Easy', 14], ['Data Max', 6], ['Go Europe Young', 4],
];
export const FIXED_PLANS: readonly (readonly [string, number])[] = [
  ['Fibre 1 Gbps', 35], ['Fibre 300 Mbps', 25], ['Fibre + TV', 28], ['Téléphonie fixe', 12],
];
export const BUSINESS_MOBILE_PLANS: readonly (readonly [string, number])[] = [
  ['Business Pro', 50], ['Business Unlimited', 30], ['Business Europe', 20],
];
export const BUSINESS_FIXED_PLANS: readonly (readonly [string, number])[] = [
  ['Business Fibre 1 Gbps', 60], ['Business Fibre 10 Gbps', 15], ['Business Voice', 25],
];

/** Share of contacts per channel (phone dominant, then shop, e-mail, chat, app, web, social). */
export const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['phone', 55], ['shop', 15], ['email', 10], ['chat', 8], ['app', 5], ['web', 4], ['social', 3],
];

export type NoteLanguage = 'fr' | 'de' | 'en';

/** What customers contact the operator about, how often per channel group, what came of it and what the advisor noted. */
export interface ReasonProfile {
  code: string;
  /** relative weight for remote contacts (phone, e-mail, chat, social) */
  remote: number;
  /** relative weight in shops */
  shop: number;
  /** relative weight in self-service (app, web) */
  self: number;
  /** call-centre team handling it for residential customers */
  team: CallCentreTeam;
  /** share of contacts resolved at first contact */
  resolvedRate: number;
  resolved: Record<NoteLanguage, readonly string[]>;
  unresolved: Record<NoteLanguage, readonly string[]>;
  notes: Record<NoteLanguage, readonly string[]>;
}

export const REASON_PROFILES: readonly ReasonProfile[] = [
  {
    code: 'billing', remote: 24, shop: 8, self: 30, team: 'mobile', resolvedRate: 0.78,
    resolved: {
      fr: ['Facture expliquée', 'Avoir accordé', 'Plan de paiement convenu', 'Domiciliation mise à jour'],
      de: ['Rechnung erklärt', 'Gutschrift gewährt', 'Ratenzahlung vereinbart', 'Lastschrift aktualisiert'],
      en: ['Bill explained', 'Credit note granted', 'Payment plan agreed', 'Direct debit updated'],
    },
    unresolved: {
      fr: ['Réclamation transmise à la facturation', 'Vérification des consommations en cours'],
      de: ['Reklamation an die Abrechnung weitergeleitet', 'Verbrauchsprüfung läuft'],
      en: ['Complaint passed to billing', 'Usage check in progress'],
    },
    notes: {
      fr: ['Client surpris par le montant de la facture, frais hors forfait expliqués.', 'Conteste des SMS surtaxés, blocage activé.', 'Demande une facture détaillée par e-mail.'],
      de: ['Kunde über Rechnungsbetrag überrascht, Zusatzkosten erklärt.', 'Bestreitet Premium-SMS, Sperre aktiviert.', 'Wünscht Einzelverbindungsnachweis per E-Mail.'],
      en: ['Customer surprised by the bill amount, out-of-bundle charges explained.', 'Disputes premium SMS, barring activated.', 'Asked for an itemised bill by e-mail.'],
    },
  },
  {
    code: 'network', remote: 12, shop: 4, self: 6, team: 'mobile', resolvedRate: 0.62,
    resolved: {
      fr: ['Réglages réseau réinitialisés', 'Couverture vérifiée, appels Wi-Fi activés'],
      de: ['Netzeinstellungen zurückgesetzt', 'Abdeckung geprüft, WLAN-Telefonie aktiviert'],
      en: ['Network settings reset', 'Coverage checked, Wi-Fi calling enabled'],
    },
    unresolved: {
      fr: ['Ticket réseau ouvert', 'Intervention technique planifiée'],
      de: ['Netzticket eröffnet', 'Technikereinsatz geplant'],
      en: ['Network ticket opened', 'Technician visit scheduled'],
    },
    notes: {
      fr: ['Pas de 5G à domicile depuis lundi.', 'Coupures d’appels fréquentes sur l’A4.', 'Mauvaise réception au bureau, rez-de-chaussée.'],
      de: ['Seit Montag kein 5G zu Hause.', 'Häufige Gesprächsabbrüche auf der A4.', 'Schlechter Empfang im Büro, Erdgeschoss.'],
      en: ['No 5G at home since Monday.', 'Frequent dropped calls on the A4 motorway.', 'Poor reception at the office, ground floor.'],
    },
  },
  {
    code: 'roaming', remote: 9, shop: 3, self: 8, team: 'roaming', resolvedRate: 0.8,
    resolved: {
      fr: ['Option roaming activée', 'Tarifs roaming expliqués', 'Plafond de données relevé'],
      de: ['Roaming-Option aktiviert', 'Roaming-Tarife erklärt', 'Datenlimit erhöht'],
      en: ['Roaming option activated', 'Roaming rates explained', 'Data cap raised'],
    },
    unresolved: {
      fr: ['Contestation de frais roaming transmise'],
      de: ['Einspruch gegen Roaming-Kosten weitergeleitet'],
      en: ['Roaming charge dispute passed on'],
    },
    notes: {
      fr: ['Part au Portugal en août, veut une option data.', 'Frais de roaming en Suisse contestés.', 'Pas de données en France frontalière.'],
      de: ['Reist nach Portugal im August, möchte Datenoption.', 'Roaming-Kosten in der Schweiz bestritten.', 'Keine Daten im französischen Grenzgebiet.'],
      en: ['Travelling to Portugal in August, wants a data option.', 'Disputes roaming charges in Switzerland.', 'No data in the French border area.'],
    },
  },
  {
    code: 'device', remote: 8, shop: 22, self: 4, team: 'mobile', resolvedRate: 0.8,
    resolved: {
      fr: ['Configuration du téléphone faite', 'eSIM activée', 'Nouvel appareil remis'],
      de: ['Telefon eingerichtet', 'eSIM aktiviert', 'Neues Gerät übergeben'],
      en: ['Phone set up', 'eSIM activated', 'New device handed over'],
    },
    unresolved: {
      fr: ['Appareil en commande', 'Diagnostic à compléter'],
      de: ['Gerät bestellt', 'Diagnose noch offen'],
      en: ['Device on order', 'Diagnosis to be completed'],
    },
    notes: {
      fr: ['Transfert des contacts vers le nouveau smartphone.', 'Souhaite passer à l’eSIM.', 'Écran fissuré, vérification de l’assurance.'],
      de: ['Kontakte auf das neue Smartphone übertragen.', 'Möchte auf eSIM umsteigen.', 'Display gesprungen, Versicherung geprüft.'],
      en: ['Contacts moved to the new smartphone.', 'Wants to switch to eSIM.', 'Cracked screen, insurance checked.'],
    },
  },
  {
    code: 'contract', remote: 14, shop: 18, self: 20, team: 'retention', resolvedRate: 0.82,
    resolved: {
      fr: ['Changement de forfait effectué', 'Renouvellement signé', 'Offre de fidélité acceptée'],
      de: ['Tarifwechsel durchgeführt', 'Verlängerung unterschrieben', 'Treueangebot angenommen'],
      en: ['Plan changed', 'Renewal signed', 'Loyalty offer accepted'],
    },
    unresolved: {
      fr: ['Réfléchit à l’offre, rappel prévu', 'Demande de résiliation enregistrée'],
      de: ['Überlegt sich das Angebot, Rückruf geplant', 'Kündigungswunsch erfasst'],
      en: ['Considering the offer, call-back planned', 'Cancellation request logged'],
    },
    notes: {
      fr: ['Veut plus de données pour le même prix.', 'Fin d’engagement en mars, compare les offres.', 'Ajout d’une carte Kids pour sa fille.'],
      de: ['Möchte mehr Daten zum gleichen Preis.', 'Vertragsende im März, vergleicht Angebote.', 'Kids-Karte für die Tochter hinzugefügt.'],
      en: ['Wants more data for the same price.', 'Commitment ends in March, comparing offers.', 'Added a Kids card for the daughter.'],
    },
  },
  {
    code: 'porting', remote: 4, shop: 7, self: 3, team: 'mobile', resolvedRate: 0.7,
    resolved: {
      fr: ['Portabilité planifiée', 'Code RIO communiqué'],
      de: ['Portierung geplant', 'Portierungscode mitgeteilt'],
      en: ['Port-in scheduled', 'Porting code provided'],
    },
    unresolved: {
      fr: ['Portabilité refusée par l’opérateur donneur, relance'],
      de: ['Portierung vom abgebenden Anbieter abgelehnt, nachgefasst'],
      en: ['Port rejected by the losing operator, chased'],
    },
    notes: {
      fr: ['Arrive d’un autre opérateur avec deux numéros.', 'Date de portage souhaitée le 1er du mois.'],
      de: ['Wechselt mit zwei Nummern von einem anderen Anbieter.', 'Gewünschtes Portierungsdatum: Monatserster.'],
      en: ['Joining from another operator with two numbers.', 'Wants the port on the 1st of the month.'],
    },
  },
  {
    code: 'internet', remote: 11, shop: 6, self: 5, team: 'fixed', resolvedRate: 0.66,
    resolved: {
      fr: ['Box redémarrée à distance', 'Canal Wi-Fi modifié', 'Répéteur Wi-Fi proposé'],
      de: ['Router aus der Ferne neu gestartet', 'WLAN-Kanal geändert', 'WLAN-Repeater angeboten'],
      en: ['Router restarted remotely', 'Wi-Fi channel changed', 'Wi-Fi extender offered'],
    },
    unresolved: {
      fr: ['Technicien planifié', 'Incident fibre en cours dans le quartier'],
      de: ['Techniker eingeplant', 'Glasfaserstörung im Viertel'],
      en: ['Technician booked', 'Fibre outage in the area'],
    },
    notes: {
      fr: ['Débit faible le soir, télétravail impacté.', 'La box clignote en rouge.', 'Coupures répétées depuis l’orage.'],
      de: ['Abends langsame Verbindung, Homeoffice betroffen.', 'Router blinkt rot.', 'Wiederholte Ausfälle seit dem Gewitter.'],
      en: ['Slow speed in the evening, working from home affected.', 'Router blinking red.', 'Repeated drops since the storm.'],
    },
  },
  {
    code: 'tv', remote: 5, shop: 3, self: 3, team: 'fixed', resolvedRate: 0.75,
    resolved: {
      fr: ['Décodeur réinitialisé', 'Bouquet sport ajouté'],
      de: ['Decoder zurückgesetzt', 'Sportpaket hinzugefügt'],
      en: ['Set-top box reset', 'Sports pack added'],
    },
    unresolved: {
      fr: ['Remplacement du décodeur prévu'],
      de: ['Decoder-Austausch geplant'],
      en: ['Set-top box replacement planned'],
    },
    notes: {
      fr: ['Image figée sur RTL.', 'Veut les chaînes portugaises.'],
      de: ['Bild friert auf RTL ein.', 'Möchte portugiesische Sender.'],
      en: ['Picture freezes on RTL.', 'Wants the Portuguese channels.'],
    },
  },
  {
    code: 'repair', remote: 3, shop: 12, self: 1, team: 'mobile', resolvedRate: 0.55,
    resolved: {
      fr: ['Réparation terminée et restituée', 'Prêt d’un téléphone de remplacement'],
      de: ['Reparatur abgeschlossen und ausgehändigt', 'Leihgerät ausgegeben'],
      en: ['Repair completed and returned', 'Loan phone provided'],
    },
    unresolved: {
      fr: ['Envoyé en réparation', 'Devis en attente'],
      de: ['In Reparatur gegeben', 'Kostenvoranschlag ausstehend'],
      en: ['Sent for repair', 'Quote pending'],
    },
    notes: {
      fr: ['Batterie qui gonfle, sous garantie.', 'Ne charge plus.'],
      de: ['Akku bläht sich auf, Garantie.', 'Lädt nicht mehr.'],
      en: ['Swollen battery, under warranty.', 'No longer charges.'],
    },
  },
  {
    code: 'trade_in', remote: 1, shop: 7, self: 2, team: 'mobile', resolvedRate: 0.9,
    resolved: {
      fr: ['Reprise effectuée, bon d’achat émis'],
      de: ['Rücknahme erledigt, Gutschein ausgestellt'],
      en: ['Trade-in done, voucher issued'],
    },
    unresolved: {
      fr: ['Estimation à confirmer après contrôle'],
      de: ['Schätzung nach Prüfung zu bestätigen'],
      en: ['Valuation to be confirmed after inspection'],
    },
    notes: {
      fr: ['Reprise de l’ancien iPhone.', 'Téléphone en bon état, sans rayure.'],
      de: ['Altes iPhone zurückgenommen.', 'Telefon in gutem Zustand, ohne Kratzer.'],
      en: ['Old iPhone taken back.', 'Phone in good condition, no scratches.'],
    },
  },
  {
    code: 'account', remote: 7, shop: 6, self: 15, team: 'mobile', resolvedRate: 0.88,
    resolved: {
      fr: ['Mot de passe réinitialisé', 'Adresse mise à jour', 'Accès espace client rétabli'],
      de: ['Passwort zurückgesetzt', 'Adresse aktualisiert', 'Kundenkonto wieder zugänglich'],
      en: ['Password reset', 'Address updated', 'Customer account access restored'],
    },
    unresolved: {
      fr: ['Justificatif d’identité demandé'],
      de: ['Ausweisnachweis angefordert'],
      en: ['Proof of identity requested'],
    },
    notes: {
      fr: ['Déménagement à Esch, nouvelle adresse.', 'Ne reçoit plus le code de connexion.'],
      de: ['Umzug nach Esch, neue Adresse.', 'Erhält keinen Anmeldecode mehr.'],
      en: ['Moved to Esch, new address.', 'No longer receives the login code.'],
    },
  },
  {
    code: 'other', remote: 2, shop: 4, self: 3, team: 'mobile', resolvedRate: 0.85,
    resolved: {
      fr: ['Renseignement donné'],
      de: ['Auskunft erteilt'],
      en: ['Information given'],
    },
    unresolved: {
      fr: ['Transmis au service concerné'],
      de: ['An die zuständige Abteilung weitergeleitet'],
      en: ['Passed to the department concerned'],
    },
    notes: {
      fr: ['Question sur les horaires du shop.', 'Demande d’attestation pour l’employeur.'],
      de: ['Frage zu den Öffnungszeiten des Shops.', 'Bescheinigung für den Arbeitgeber gewünscht.'],
      en: ['Question about shop opening hours.', 'Asked for a certificate for the employer.'],
    },
  },
];

/** Reasons business customers contact the Business Desk about (weights). */
export const BUSINESS_REASON_WEIGHTS: Readonly<Record<string, number>> = {
  billing: 28, contract: 24, network: 12, device: 10, internet: 10, roaming: 8, account: 4, porting: 3, other: 1,
};
