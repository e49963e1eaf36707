import type { Kysely } from 'kysely';

/** The operator's starting contact-reason taxonomy; editable afterwards (PUT /api/v1/reasons/{code}). */
const REASONS: [code: string, fr: string, de: string, en: string][] = [
  ['billing', 'Facturation', 'Rechnung', 'Billing'],
  ['network', 'Réseau et couverture', 'Netz und Abdeckung', 'Network and coverage'],
  ['roaming', 'Roaming', 'Roaming', 'Roaming'],
  ['device', 'Appareil', 'Gerät', 'Device'],
  ['contract', 'Contrat et abonnement', 'Vertrag und Tarif', 'Contract and plan'],
  ['porting', 'Portabilité du numéro', 'Rufnummernmitnahme', 'Number porting'],
  ['internet', 'Internet fixe', 'Festnetz-Internet', 'Home internet'],
  ['tv', 'Télévision', 'Fernsehen', 'TV'],
  ['repair', 'Réparation SAV', 'Reparatur', 'Repair'],
  ['trade_in', 'Reprise de téléphone', 'Handy-Rücknahme', 'Phone trade-in'],
  ['account', 'Compte et accès', 'Konto und Zugang', 'Account and access'],
  ['other', 'Autre', 'Sonstiges', 'Other'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('reasons')
    .values(REASONS.map(([code, fr, de, en], i) => ({ code, label_fr: fr, label_de: de, label_en: en, parent_code: null, active: 1, sort_order: i * 10 })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('reasons').where('code', 'in', REASONS.map(([code]) => code)).execute();
}
