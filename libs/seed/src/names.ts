/**
 * Short, invented lists of common given and family names per naming tradition,
 * so a synthetic Eritrean is not called "Jan de Vries". Every combination is
 * synthetic: the lists are common names, never a real person's full name.
 * Where the tradition is patronymic (Eritrean, Ethiopian, Somali) the second
 * name is a father's given name, as it appears on Dutch documents.
 * Transliterations are the ones Dutch municipal records most often show.
 */
import { Gender } from '@sleutel/domain';
import { Random } from './random';

export const NAME_TRADITIONS = [
  'levantine', 'iraqi', 'yemeni', 'sudanese', 'kurdish', 'habesha', 'oromo',
  'afghan', 'turkish', 'somali', 'persian', 'ukrainian', 'dutch',
] as const;
export type NameTradition = (typeof NAME_TRADITIONS)[number];

interface NameList {
  readonly female: readonly string[];
  readonly male: readonly string[];
  readonly family: readonly string[];
}

const NAMES: Readonly<Record<NameTradition, NameList>> = {
  levantine: {
    female: ['Amal', 'Rania', 'Lina', 'Hala', 'Nour', 'Rasha', 'Dima', 'Yara', 'Reem', 'Ghada', 'Salma'],
    male: ['Ahmad', 'Mohammad', 'Khaled', 'Omar', 'Bassel', 'Tarek', 'Yousef', 'Fadi', 'Samer', 'Rami', 'Walid'],
    family: ['Haddad', 'Khatib', 'Halabi', 'Darwish', 'Masri', 'Hamwi', 'Najjar', 'Sabbagh', 'Kayyali', 'Attar', 'Zein'],
  },
  iraqi: {
    female: ['Zainab', 'Noor', 'Huda', 'Shahad', 'Rusul', 'Maryam', 'Sara', 'Israa', 'Hiba'],
    male: ['Ali', 'Hussein', 'Mustafa', 'Haider', 'Abbas', 'Ammar', 'Sajjad', 'Ahmed', 'Karrar'],
    family: ['Al-Jubouri', 'Al-Obaidi', 'Al-Saadi', 'Al-Tamimi', 'Al-Rubaie', 'Al-Shammari', 'Kadhim', 'Jawad', 'Hashim'],
  },
  yemeni: {
    female: ['Afrah', 'Arwa', 'Bushra', 'Nada', 'Samah', 'Amani', 'Hanan', 'Ebtisam'],
    male: ['Abdullah', 'Saleh', 'Nabil', 'Fuad', 'Mohammed', 'Adel', 'Waleed', 'Yahya'],
    family: ['Al-Hakimi', 'Al-Ansi', 'Bawazir', 'Al-Aghbari', 'Al-Maqtari', 'Al-Sanani', 'Bin Shamlan', 'Al-Absi'],
  },
  sudanese: {
    female: ['Fatima', 'Amna', 'Hawa', 'Mawahib', 'Sana', 'Rayan', 'Eman', 'Sara'],
    male: ['Mohamed', 'Osman', 'Elfatih', 'Abubakr', 'Hamza', 'Babiker', 'Ismail', 'Adam'],
    family: ['Abdalla', 'Osman', 'Elamin', 'Babiker', 'Hassan', 'Eltayeb', 'Idris', 'Yagoub'],
  },
  kurdish: {
    female: ['Rojda', 'Berivan', 'Dilan', 'Nesrin', 'Zozan', 'Shirin', 'Helin', 'Avin', 'Jiyan'],
    male: ['Azad', 'Rojhat', 'Dilshad', 'Baran', 'Serhat', 'Hogir', 'Karwan', 'Rebwar', 'Shivan'],
    family: ['Ahmed', 'Mustafa', 'Khalil', 'Osman', 'Hasan', 'Rasul', 'Aziz', 'Bakir', 'Murad'],
  },
  habesha: {
    female: ['Helen', 'Senait', 'Mebrat', 'Ruta', 'Saba', 'Hiwet', 'Yordanos', 'Selam', 'Feven'],
    male: ['Yonas', 'Dawit', 'Mehari', 'Samuel', 'Kibrom', 'Filmon', 'Biniam', 'Tekle', 'Robel'],
    family: ['Tesfay', 'Gebremedhin', 'Haile', 'Berhe', 'Kidane', 'Tekle', 'Woldu', 'Asmerom', 'Hagos'],
  },
  oromo: {
    female: ['Chaltu', 'Lensa', 'Ayantu', 'Hawi', 'Obse', 'Bontu', 'Meseret'],
    male: ['Gemechu', 'Tolosa', 'Abdi', 'Lemma', 'Dereje', 'Chala', 'Ebisa'],
    family: ['Gemechu', 'Tolosa', 'Dinsa', 'Gudina', 'Fayisa', 'Bekele', 'Tufa'],
  },
  afghan: {
    female: ['Zahra', 'Fatima', 'Maryam', 'Shabnam', 'Farzana', 'Mursal', 'Nilofar', 'Parwana', 'Tahmina'],
    male: ['Ahmad', 'Mohammad', 'Farid', 'Jawad', 'Hamid', 'Naveed', 'Sayed', 'Bashir', 'Wahid'],
    family: ['Ahmadi', 'Rahimi', 'Hosseini', 'Karimi', 'Noori', 'Popal', 'Stanekzai', 'Sultani', 'Azizi'],
  },
  turkish: {
    female: ['Ayşe', 'Elif', 'Zeynep', 'Fatma', 'Emine', 'Merve', 'Esra', 'Büşra', 'Derya'],
    male: ['Mehmet', 'Mustafa', 'Ahmet', 'Hüseyin', 'Hasan', 'İbrahim', 'Emre', 'Murat', 'Burak'],
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Aydın', 'Öztürk', 'Arslan'],
  },
  somali: {
    female: ['Hodan', 'Sahra', 'Ifrah', 'Faadumo', 'Ayaan', 'Hibo', 'Nimco', 'Ubah', 'Khadra'],
    male: ['Abdirahman', 'Mohamed', 'Abdullahi', 'Hassan', 'Abdiaziz', 'Yusuf', 'Mahad', 'Liban', 'Omar'],
    family: ['Warsame', 'Farah', 'Abdi', 'Jama', 'Hirsi', 'Nur', 'Osman', 'Aden', 'Duale'],
  },
  persian: {
    female: ['Maryam', 'Sara', 'Leila', 'Shirin', 'Nazanin', 'Parisa', 'Mahsa', 'Roya', 'Azadeh'],
    male: ['Reza', 'Ali', 'Amir', 'Mehdi', 'Hossein', 'Babak', 'Arash', 'Saeed', 'Kian'],
    family: ['Ahmadi', 'Hosseini', 'Mohammadi', 'Rezaei', 'Moradi', 'Jafari', 'Sadeghi', 'Tehrani', 'Karimi'],
  },
  ukrainian: {
    female: ['Olena', 'Iryna', 'Oksana', 'Nataliia', 'Tetiana', 'Yuliia', 'Kateryna', 'Svitlana', 'Viktoriia'],
    male: ['Oleksandr', 'Andrii', 'Serhii', 'Dmytro', 'Volodymyr', 'Mykola', 'Ihor', 'Vitalii', 'Bohdan'],
    family: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boiko', 'Koval', 'Lysenko'],
  },
  dutch: {
    female: ['Anne', 'Sanne', 'Lisa', 'Marieke', 'Femke', 'Inge', 'Esther', 'Karin', 'Lotte'],
    male: ['Jan', 'Pieter', 'Bas', 'Thomas', 'Mark', 'Jeroen', 'Ruben', 'Daan', 'Sander'],
    family: ['de Vries', 'Jansen', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder'],
  },
};

export interface PersonName {
  readonly given: string;
  readonly family: string;
}

/** A name of the tradition; gender `other` or unknown draws from either list. */
export function nameOf(tradition: NameTradition, gender: Gender | null, random: Random): PersonName {
  const names = NAMES[tradition];
  const givenList = gender === 'female' ? names.female : gender === 'male' ? names.male : random.pick([names.female, names.male]);
  return { given: random.pick(givenList), family: random.pick(names.family) };
}

export const displayNameOf = (name: PersonName): string => `${name.given} ${name.family}`;

/**
 * A mail address at example.org, which RFC 2606 reserves for examples, so a
 * synthetic profile can never mail a real person. Diacritics are folded
 * (`Şahin` → `sahin`); `ı` has no decomposition and is mapped by hand.
 */
export function syntheticEmail(name: PersonName, tag: string): string {
  const local = `${name.given}.${name.family}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z.]+/g, '-');
  return `${local}.${tag}@example.org`;
}
