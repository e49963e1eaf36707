import type { Language } from '../storage/schema.js';

/**
 * Where customers' names come from, weighted roughly like the resident population of Luxembourg
 * (about half Luxembourgers, a large Portuguese and Cape-Verdean community, French, Italian,
 * Belgian, German, Balkan and other neighbours), each with the languages its members prefer.
 */
export interface Origin {
  code: string;
  weight: number;
  surnames: readonly string[];
  male: readonly string[];
  female: readonly string[];
  languages: readonly (readonly [Language, number])[];
}

export const ORIGINS: readonly Origin[] = [
  {
    code: 'lu',
    weight: 45,
    surnames: [
      'Schmit', 'Weber', 'Hoffmann', 'Wagner', 'Muller', 'Thill', 'Kremer', 'Reuter', 'Schroeder', 'Klein',
      'Schmitz', 'Becker', 'Hansen', 'Kieffer', 'Schiltz', 'Welter', 'Meyer', 'Wagener', 'Kayser', 'Majerus',
      'Ries', 'Steffen', 'Goergen', 'Frisch', 'Bertemes', 'Feller', 'Jacoby', 'Kirsch', 'Weis', 'Thinnes',
      'Lentz', 'Kohn', 'Ludwig', 'Mangen', 'Molitor', 'Origer', 'Pauly', 'Reding', 'Scholtes', 'Simon',
      'Theisen', 'Wirtz', 'Zimmer', 'Faber', 'Hilbert', 'Jungers', 'Nilles', 'Schaack', 'Wolff', 'Clement',
      'Gengler', 'Kraus', 'Bettendorff', 'Flammang', 'Glodt', 'Hengen', 'Kinsch', 'Lutgen', 'Mersch', 'Thix',
      'Wengler', 'Schmitt', 'Hermes', 'Biver', 'Arendt', 'Bintner', 'Braquet', 'Colling', 'Diederich', 'Ernster',
      'Fautsch', 'Gloden', 'Heinen', 'Hirtt', 'Kass', 'Krier', 'Lanners', 'Marx', 'Neu', 'Olinger',
      'Pütz', 'Rollinger', 'Sinner', 'Stoltz', 'Urbany', 'Wampach', 'Zenner', 'Bausch', 'Even', 'Gantenbein',
    ],
    male: [
      'Jean', 'Marc', 'Paul', 'Luc', 'Tom', 'Ben', 'Pol', 'Jos', 'Fernand', 'Romain', 'Claude', 'Gilles', 'Patrick',
      'Laurent', 'Yves', 'Michel', 'Georges', 'Carlo', 'Jeff', 'Max', 'Noah', 'Gabriel', 'Léon', 'Liam', 'Mathis',
      'Charel', 'Mick', 'Sven', 'Tun', 'Nico', 'Jérôme', 'René', 'Guy', 'Raoul', 'Fränk', 'Lucien', 'Théo', 'Gaston',
    ],
    female: [
      'Anne', 'Marie', 'Sophie', 'Claire', 'Nathalie', 'Sandra', 'Carole', 'Martine', 'Monique', 'Josée', 'Nadine',
      'Tessy', 'Jil', 'Lynn', 'Laura', 'Léa', 'Emma', 'Zoé', 'Mia', 'Lena', 'Sarah', 'Julie', 'Chantal', 'Danielle',
      'Nicole', 'Catherine', 'Michèle', 'Anouk', 'Joëlle', 'Fabienne', 'Mady', 'Liliane', 'Renée', 'Héloïse', 'Chloé',
    ],
    languages: [['lb', 40], ['fr', 30], ['de', 25], ['en', 5]],
  },
  {
    code: 'pt',
    weight: 16,
    surnames: [
      'Da Silva', 'Pereira', 'Ferreira', 'Rodrigues', 'Dos Santos', 'Gonçalves', 'Fernandes', 'Lopes', 'Martins',
      'Alves', 'Carvalho', 'Gomes', 'Oliveira', 'Sousa', 'Teixeira', 'Ribeiro', 'Cardoso', 'Pinto', 'Mendes', 'Costa',
      'Monteiro', 'Correia', 'Rocha', 'Vieira', 'Tavares', 'Moreira', 'Fonseca', 'Nunes', 'Marques', 'Machado',
      'Azevedo', 'Barbosa', 'Cabral', 'Semedo', 'Varela', 'Fortes', 'Lima', 'Da Costa', 'De Sousa', 'Simões',
      'Magalhães', 'Araújo', 'Brandão', 'Conceição', 'Assunção',
    ],
    male: [
      'João', 'José', 'Manuel', 'António', 'Carlos', 'Paulo', 'Rui', 'Nuno', 'Pedro', 'Miguel', 'Tiago', 'Diogo',
      'Gonçalo', 'Ricardo', 'Hugo', 'Luís', 'Vítor', 'Fábio', 'Bruno', 'Sérgio', 'Joaquim', 'Hélder', 'Rúben', 'Élio',
    ],
    female: [
      'Maria', 'Ana', 'Sofia', 'Inês', 'Beatriz', 'Mariana', 'Catarina', 'Rita', 'Joana', 'Sónia', 'Cláudia',
      'Patrícia', 'Vanessa', 'Filipa', 'Tânia', 'Carla', 'Liliana', 'Márcia', 'Íris', 'Leonor', 'Fátima', 'Conceição',
    ],
    languages: [['fr', 72], ['lb', 10], ['en', 12], ['de', 6]],
  },
  {
    code: 'fr',
    weight: 8,
    surnames: [
      'Martin', 'Dubois', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Leroy', 'Moreau', 'Laurent',
      'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André',
      'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Schneider', 'Gérard', 'Fontaine', 'Chevalier', 'Rousseau',
      'Masson', 'Barbier', 'Hérault', 'Lemoine',
    ],
    male: [
      'Jérôme', 'François', 'Nicolas', 'Julien', 'Mathieu', 'Sébastien', 'Stéphane', 'Olivier', 'Thierry', 'Frédéric',
      'Antoine', 'Hugo', 'Louis', 'Théo', 'Raphaël', 'Arthur', 'Maxime', 'Benoît', 'Cédric', 'Grégory', 'Loïc', 'Aurélien',
    ],
    female: [
      'Hélène', 'Mélanie', 'Céline', 'Aurélie', 'Émilie', 'Camille', 'Chloé', 'Manon', 'Inès', 'Léa', 'Zoé', 'Élodie',
      'Sandrine', 'Valérie', 'Isabelle', 'Stéphanie', 'Margaux', 'Agathe', 'Louise', 'Anaïs', 'Clémence', 'Maëlle',
    ],
    languages: [['fr', 96], ['en', 4]],
  },
  {
    code: 'it',
    weight: 4,
    surnames: [
      'Rossi', 'Bianchi', 'Russo', 'Ferrari', 'Esposito', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno',
      'Gallo', 'Conti', 'De Luca', 'Giordano', 'Mancini', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana',
      'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', "D'Amico", 'Di Stefano', 'Zanetti', 'Pellegrini',
    ],
    male: ['Marco', 'Luca', 'Giuseppe', 'Francesco', 'Alessandro', 'Andrea', 'Matteo', 'Lorenzo', 'Davide', 'Simone', 'Nicola', 'Giovanni', 'Niccolò'],
    female: ['Giulia', 'Francesca', 'Chiara', 'Sara', 'Martina', 'Federica', 'Elena', 'Alessia', 'Valentina', 'Silvia', 'Paola', 'Anna'],
    languages: [['fr', 65], ['en', 20], ['de', 10], ['lb', 5]],
  },
  {
    code: 'be',
    weight: 3,
    surnames: [
      'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
      'Lemaire', 'Renard', 'Collard', 'Leclercq', 'Gillet', 'Wathelet', 'Hardy', 'Piron', 'Marchal', 'Dethier',
      'Van den Broeck', 'Vermeulen', 'Lejeune', 'Goffin',
    ],
    male: ['Kevin', 'Olivier', 'Geoffrey', 'Jonathan', 'Wim', 'Pieter', 'Bart', 'Jef', 'Lucas', 'Benoît', 'Quentin', 'Cédric'],
    female: ['Elise', 'Lies', 'Sarah', 'Charlotte', 'Amélie', 'Florence', 'Marie', 'Nathalie', 'Véronique', 'Ann', 'Hanne', 'Noémie'],
    languages: [['fr', 78], ['en', 12], ['de', 10]],
  },
  {
    code: 'de',
    weight: 3,
    surnames: [
      'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Meyer', 'Weber', 'Becker', 'Schulz', 'Hoffmann', 'Koch',
      'Richter', 'Bauer', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann',
      'Lange', 'Werner', 'Krause', 'Köhler', 'Jäger', 'Groß', 'Weiß', 'Böhm',
    ],
    male: ['Jürgen', 'Stefan', 'Thomas', 'Andreas', 'Michael', 'Markus', 'Tobias', 'Jonas', 'Lukas', 'Felix', 'Jörg', 'Uwe', 'Sören'],
    female: ['Sabine', 'Petra', 'Andrea', 'Katrin', 'Anja', 'Julia', 'Lena', 'Hannah', 'Jana', 'Ute', 'Birgit', 'Jülide', 'Käthe'],
    languages: [['de', 90], ['en', 5], ['fr', 5]],
  },
  {
    code: 'balkan',
    weight: 5,
    surnames: [
      'Jovanović', 'Petrović', 'Nikolić', 'Marković', 'Đorđević', 'Kovačević', 'Hodžić', 'Hadžić', 'Delić',
      'Muratović', 'Ramović', 'Kujović', 'Dervišević', 'Šabanović', 'Begović', 'Kurtović', 'Mehmedović', 'Čolaković',
      'Babić', 'Horvat', 'Dedić', 'Agović', 'Kalač', 'Sejdović',
    ],
    male: ['Nikola', 'Marko', 'Stefan', 'Miloš', 'Emir', 'Adnan', 'Amar', 'Armin', 'Edin', 'Haris', 'Luka', 'Dario', 'Senad', 'Elvis'],
    female: ['Ana', 'Jelena', 'Milica', 'Amra', 'Lejla', 'Emina', 'Selma', 'Merima', 'Ivana', 'Maja', 'Aida', 'Dženana', 'Šejla'],
    languages: [['de', 45], ['fr', 40], ['en', 10], ['lb', 5]],
  },
  {
    code: 'kosovo',
    weight: 2,
    surnames: ['Berisha', 'Krasniqi', 'Gashi', 'Hoxha', 'Shala', 'Kelmendi', 'Morina', 'Bytyqi', 'Rexhepi', 'Hasani', 'Thaçi', 'Zeqiri'],
    male: ['Arben', 'Besnik', 'Driton', 'Ilir', 'Valon', 'Fatos', 'Agon', 'Albin', 'Blerim', 'Labinot'],
    female: ['Arta', 'Blerta', 'Drita', 'Vjosa', 'Albana', 'Fjolla', 'Mimoza', 'Teuta', 'Valbona', 'Ardita'],
    languages: [['de', 45], ['fr', 40], ['en', 10], ['lb', 5]],
  },
  {
    code: 'en',
    weight: 3,
    surnames: ['Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Evans', "O'Brien", 'Murphy', 'Walsh', 'Kelly', "O'Connor", 'Clarke', 'Hughes', 'Campbell'],
    male: ['James', 'Oliver', 'Daniel', 'Thomas', 'Jack', 'Harry', 'Seán', 'Conor', 'William', 'George'],
    female: ['Emily', 'Olivia', 'Sophie', 'Grace', 'Aoife', 'Siobhán', 'Charlotte', 'Amelia', 'Hannah', 'Emma'],
    languages: [['en', 95], ['fr', 5]],
  },
  {
    code: 'es',
    weight: 2,
    surnames: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Jiménez', 'Ruiz', 'Hernández', 'Muñoz', 'Álvarez'],
    male: ['Javier', 'Pablo', 'Alejandro', 'Sergio', 'Álvaro', 'Jorge', 'Iñigo', 'Raúl', 'Adrián', 'Óscar'],
    female: ['Lucía', 'Carmen', 'Laura', 'Marta', 'Elena', 'Begoña', 'Nuria', 'Paula', 'Cristina', 'Ainhoa'],
    languages: [['fr', 50], ['en', 45], ['de', 5]],
  },
  {
    code: 'pl',
    weight: 2,
    surnames: ['Nowak', 'Kowalczyk', 'Wójcik', 'Kamiński', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Mazur', 'Krawczyk'],
    male: ['Piotr', 'Tomasz', 'Jakub', 'Paweł', 'Michał', 'Łukasz', 'Krzysztof', 'Marcin'],
    female: ['Katarzyna', 'Agnieszka', 'Małgorzata', 'Anna', 'Magdalena', 'Joanna', 'Zofia', 'Ewa'],
    languages: [['en', 60], ['de', 25], ['fr', 15]],
  },
  {
    code: 'ro',
    weight: 2,
    surnames: ['Popescu', 'Ionescu', 'Popa', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe', 'Munteanu', 'Constantinescu', 'Rădulescu'],
    male: ['Andrei', 'Mihai', 'Alexandru', 'Ionuț', 'Bogdan', 'Radu', 'Cristian', 'Ștefan'],
    female: ['Ioana', 'Elena', 'Andreea', 'Mihaela', 'Alexandra', 'Raluca', 'Roxana', 'Ștefania'],
    languages: [['fr', 45], ['en', 50], ['de', 5]],
  },
  {
    code: 'nordic',
    weight: 1,
    surnames: ['Johansson', 'Nielsen', 'Andersson', 'Hansen', 'Larsen', 'Lindqvist', 'Virtanen', 'Korhonen', 'Sørensen', 'Åberg'],
    male: ['Lars', 'Erik', 'Mikael', 'Anders', 'Jukka', 'Søren', 'Björn', 'Henrik'],
    female: ['Ingrid', 'Astrid', 'Sofie', 'Maja', 'Freja', 'Elina', 'Åsa', 'Kirsten'],
    languages: [['en', 90], ['de', 5], ['fr', 5]],
  },
  {
    code: 'gr',
    weight: 1,
    surnames: ['Papadopoulos', 'Georgiou', 'Nikolaou', 'Konstantinou', 'Dimitriou', 'Papageorgiou', 'Vasileiou', 'Ioannidis'],
    male: ['Giorgos', 'Dimitris', 'Nikos', 'Kostas', 'Yannis', 'Panagiotis'],
    female: ['Eleni', 'Maria', 'Katerina', 'Sofia', 'Despina', 'Angeliki'],
    languages: [['en', 65], ['fr', 30], ['de', 5]],
  },
  {
    code: 'asia',
    weight: 2,
    surnames: ['Sharma', 'Patel', 'Iyer', 'Nair', 'Nguyen', 'Tran', 'Chen', 'Wang', 'Li', 'Kim', 'Park', 'Tanaka'],
    male: ['Rahul', 'Arjun', 'Vikram', 'Minh', 'Duc', 'Wei', 'Jun', 'Hiroshi', 'Sanjay'],
    female: ['Priya', 'Ananya', 'Lakshmi', 'Anh', 'Linh', 'Mei', 'Xiu', 'Ji-woo', 'Yuki'],
    languages: [['en', 85], ['fr', 15]],
  },
];

/** Businesses: activity + family name + legal form, or two partners' names. */
export const BUSINESS_ACTIVITIES: readonly string[] = [
  'Boulangerie', 'Garage', 'Menuiserie', 'Fiduciaire', 'Cabinet', 'Transports', 'Restaurant', 'Pâtisserie',
  'Électricité', 'Toiture', 'Plomberie', 'Immobilière', 'Pharmacie', 'Brasserie', 'Auto-école', "Bureau d'études",
  'Salon de coiffure', 'Traiteur', 'Librairie', 'Jardins', 'Peinture', 'Chauffage', 'Boucherie', 'Architectes',
];
export const BUSINESS_SECTORS: readonly string[] = [
  'Logistics', 'Consulting', 'Immobilier', 'Constructions', 'Services', 'Finance', 'IT Solutions', 'Trading',
  'Bau', 'Gastronomie', 'Design', 'Digital', 'Invest', 'Nettoyage', 'Sécurité',
];
export const LEGAL_FORMS: readonly (readonly [string, number])[] = [
  ['S.à r.l.', 40], ['SARL', 15], ['S.A.', 25], ['SA', 6], ['S.à r.l.-S', 6], ['SCS', 4], ['SNC', 4],
];
export const BUSINESS_LANGUAGES: readonly (readonly [Language, number])[] = [['fr', 60], ['de', 22], ['en', 12], ['lb', 6]];
