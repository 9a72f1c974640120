import type {
  Address,
  CustomerInput,
  Email,
  HouseholdMember,
  ImportantDate,
  Phone,
  PreferenceValues,
  VocabularyTerm,
} from '../customers.ts';

/**
 * Believable, deterministic customers for the demo world (a few hundred) and for benchmarks
 * (a million). Pure: no Node APIs, no Math.random — the same seed always gives the same customers,
 * and customer i is the same whatever the count. Phone numbers come from ranges set aside for fiction
 * (Ofcom's drama numbers, NANP 555-01xx), e-mails use reserved example domains, streets are made up.
 *
 * Special people (Mrs Okafor, a likely-duplicate pair) are exported separately: the caller adds
 * them; the generator never produces them.
 */

export interface GeneratedCustomer extends CustomerInput {
  title: string | null;
  lastName: string | null;
  preferredName: string | null;
  phones: Phone[];
  emails: Email[];
  address: Address | null;
  household: HouseholdMember[];
  dates: ImportantDate[];
  tags: string[];
  /** Always null: staff ids are the caller's to assign. */
  assignedStaffId: string | null;
  /** Always null: map `homeStore` to a store id. */
  homeStoreId: string | null;
  /** Days since the last visit; null = never visited. */
  lastVisitDaysAgo: number | null;
  visits: number;
  /** Lifetime spend in the retailer's currency, 2 decimals. */
  spend: number;
  /** Index into the retailer's store list (0..storeCount-1). */
  homeStore: number;
  /** Values in the PreferenceValues shapes; vocabulary references are keys of `vocabulary`. */
  preferences: { key: string; value: unknown }[];
  /** 0–3 short notes an associate would write. */
  notes: string[];
}

export interface GeneratorOptions {
  seed: number;
  /** ISO country of the retailer ('GB', 'US', …): drives name mix, phone formats, addresses, currency. */
  country: 'GB' | 'US' | string;
  storeCount: number;
  /** Preference values only use keys present here. */
  vocabulary: VocabularyTerm[];
  /** Kind of shop; inferred from the vocabulary when absent (a 'posy' size or 'fresh-flowers' material means florist). */
  flavour?: 'florist' | 'home-decor';
}

// ---------------------------------------------------------------------------------------------
// Random numbers

/** mulberry32: a tiny, fast, well-spread 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);
const pick = <T>(rnd: Rnd, a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
/** Picks with a gentle bias towards the start of the list (common names first). */
const pickSkewed = <T>(rnd: Rnd, a: readonly T[]): T => {
  const r = rnd();
  return a[Math.floor(r * r * 0.6 * a.length + r * 0.4 * a.length)]!;
};
const digits = (rnd: Rnd, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rnd() * 10);
  return s;
};
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Cumulative weights for quick weighted picks. */
interface Weighted<T> {
  items: T[];
  cumulative: number[];
}
function weighted<T>(pairs: [T, number][]): Weighted<T> {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, w] of pairs) {
    if (w <= 0) continue;
    total += w;
    items.push(item);
    cumulative.push(total);
  }
  for (let i = 0; i < cumulative.length; i++) cumulative[i]! /= total;
  return { items, cumulative };
}
function pickWeighted<T>(rnd: Rnd, w: Weighted<T>): T {
  const r = rnd();
  const c = w.cumulative;
  for (let i = 0; i < c.length; i++) if (r < c[i]!) return w.items[i]!;
  return w.items[w.items.length - 1]!;
}

// ---------------------------------------------------------------------------------------------
// Names

const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþıħ]/g, (c) => FOLD[c] ?? c);

interface Name {
  /** As written, with diacritics. */
  n: string;
  /** Lower-case ASCII form for e-mail local parts ("Ó Súilleabháin" → "osuilleabhain"). */
  a: string;
  /** Lower-case Unicode form when it differs from `a` ("zoë"), else null. */
  u: string | null;
  /** Usual short forms (Katherine → Kate, Katie). */
  nick: readonly string[] | null;
  /** Feminine form of a surname where the language has one (Kowalski → Kowalska). */
  fem: Name | null;
}

const NICKNAMES: Record<string, string> = {
  // British, Irish, American
  Katherine: 'Kate/Katie/Kat',
  Elizabeth: 'Liz/Beth/Lizzie',
  Margaret: 'Maggie/Meg/Peggy',
  Victoria: 'Vicky/Tori',
  Rebecca: 'Becky/Becca',
  Jennifer: 'Jen/Jenny',
  Jessica: 'Jess',
  Charlotte: 'Lottie/Charlie',
  Alexandra: 'Alex/Sasha',
  Samantha: 'Sam',
  Deborah: 'Debbie/Deb',
  Patricia: 'Pat/Trish',
  Susan: 'Sue',
  Christine: 'Chris',
  Eleanor: 'Ellie/Nell',
  Abigail: 'Abby',
  Olivia: 'Liv',
  Josephine: 'Jo/Josie',
  Philippa: 'Pippa',
  Harriet: 'Hattie',
  Florence: 'Flo',
  Beatrice: 'Bea',
  Matilda: 'Tilly',
  Imogen: 'Immy',
  Amanda: 'Mandy',
  Kimberly: 'Kim',
  Stephanie: 'Steph',
  Caroline: 'Caro',
  Gillian: 'Jill',
  Dorothy: 'Dot',
  William: 'Bill/Will',
  Robert: 'Rob/Bob',
  James: 'Jim/Jamie',
  Alexander: 'Alex/Xander',
  Christopher: 'Chris',
  Nicholas: 'Nick',
  Benjamin: 'Ben',
  Samuel: 'Sam',
  Matthew: 'Matt',
  Daniel: 'Dan/Danny',
  Thomas: 'Tom',
  Edward: 'Ed/Ted/Eddie',
  Richard: 'Rich/Richie',
  Anthony: 'Tony',
  Michael: 'Mike/Mick',
  Joseph: 'Joe',
  Jonathan: 'Jon',
  Theodore: 'Theo',
  Frederick: 'Fred/Freddie',
  Henry: 'Harry/Hal',
  Andrew: 'Andy',
  Stephen: 'Steve',
  David: 'Dave',
  Joshua: 'Josh',
  Gregory: 'Greg',
  Alistair: 'Ali',
  Donald: 'Don',
  Gareth: 'Gaz',
  Dafydd: 'Dai',
  Rupert: 'Rupe',
  Madison: 'Maddie',
  Brittany: 'Britt',
  Nicole: 'Nikki',
  Melissa: 'Mel/Missy',
  Danielle: 'Dani',
  Brianna: 'Bri',
  Mackenzie: 'Kenzie',
  Barbara: 'Barb',
  Debra: 'Deb',
  Jasmine: 'Jaz',
  Tiffany: 'Tiff',
  Lauren: 'Laurie',
  Mary: 'Molly',
  Emily: 'Em',
  Amelia: 'Millie',
  Fiona: 'Fi',
  Megan: 'Meg',
  Bethan: 'Beth',
  Joanne: 'Jo',
  Maureen: 'Mo',
  Oliver: 'Ollie',
  Callum: 'Cal',
  Peter: 'Pete',
  Kevin: 'Kev',
  Elijah: 'Eli',
  Jacob: 'Jake',
  Tyler: 'Ty',
  DeShawn: 'Shawn',
  Terrence: 'Terry',
  Andre: 'Dre',
  Marcus: 'Marc',
  Jason: 'Jay',
  Dennis: 'Denny',
  Trevon: 'Tre',
  John: 'Jack/Johnny',
  Alejandro: 'Alex/Ale',
  Eduardo: 'Lalo',
  Fernando: 'Nando',
  Santiago: 'Santi',
  Alejandra: 'Ale',
  Gabriela: 'Gaby',
  Daniela: 'Dani',
  Valentina: 'Vale',
  Mariana: 'Mari',
  Ricardo: 'Ricky',
  Rodrigo: 'Rodri',
  Emiliano: 'Emi',
  Joaquín: 'Quino',
  Jesús: 'Chuy',
  Verónica: 'Vero',
  Rosario: 'Charo',
  Yolanda: 'Yoli',
  Maricela: 'Mari',
  Esperanza: 'Espe',
  // Nigerian, Ghanaian
  Adaeze: 'Addy/Ada',
  Chukwuemeka: 'Emeka',
  Oluwaseun: 'Seun',
  Oluwafemi: 'Femi',
  Oluwafunmilayo: 'Funmi',
  Oluwatobiloba: 'Tobi',
  Babatunde: 'Tunde',
  Olusegun: 'Segun',
  Ifeoma: 'Ify',
  Chiamaka: 'Amaka',
  Obiageli: 'Obi',
  Temitope: 'Tope',
  Chidinma: 'Dinma',
  Chinedu: 'Nedu',
  Tochukwu: 'Tochi',
  Oluwadamilare: 'Dami',
  Kwabena: 'Kobby',
  Abubakar: 'Abu',
  // South Asian
  Priyanka: 'Priya',
  Venkatesh: 'Venky',
  Rajesh: 'Raj',
  Muhammad: 'Mo',
  Mohammed: 'Mo',
  Abdirahman: 'Abdi',
  Abdullahi: 'Abdi',
  Srinivas: 'Srini',
  Aishwarya: 'Ash',
  Nandini: 'Nandu',
  Karthik: 'Kart',
  Subramanian: 'Subbu',
  // European
  Giuseppe: 'Beppe/Peppe',
  Giovanni: 'Gianni',
  Francesca: 'Fran/Cesca',
  Emanuele: 'Manu',
  Alessandro: 'Alex',
  Yekaterina: 'Katya',
  Dmitri: 'Dima',
  Vladimir: 'Vova',
  Anastasia: 'Nastya',
  Mikhail: 'Misha',
  Aleksandr: 'Sasha',
  Natalia: 'Natasha',
  Małgorzata: 'Gosia',
  Katarzyna: 'Kasia',
  Aleksandra: 'Ola',
  Wojciech: 'Wojtek',
  Przemysław: 'Przemek',
  Agnieszka: 'Aga',
  Magdalena: 'Magda',
  Joanna: 'Asia/Jo',
  Krzysztof: 'Krzyś',
  Bartłomiej: 'Bartek',
  Maximilian: 'Max',
  Friedrich: 'Fritz',
  Sebastian: 'Basti',
  Andreas: 'Andi',
  Wolfgang: 'Wolf',
  Johannes: 'Hannes',
  Annaliese: 'Lise',
  Katharina: 'Kathi',
  Stefanie: 'Steffi',
  Zsófia: 'Zsófi',
  Erzsébet: 'Erzsi',
  Ferenc: 'Feri',
  Zsuzsanna: 'Zsuzsa',
  Krisztina: 'Kriszti',
  'José María': 'Chema',
  Francisco: 'Paco',
  Guadalupe: 'Lupe',
  Dolores: 'Lola',
  Ignacio: 'Nacho',
  'María José': 'Majo',
  'Juan Carlos': 'Juanca',
  Inmaculada: 'Inma',
  Konstantinos: 'Kostas',
  Panagiotis: 'Panos',
  Alexandros: 'Alex',
  Evangelia: 'Lia',
  Theodora: 'Dora',
  'Jean-Baptiste': 'JB',
  'Anne-Sophie': 'Annso',
  Mathéo: 'Théo',
  Stéphane: 'Steph',
  'João Pedro': 'JP',
  Mohammad: 'Mo',
  'Mark Anthony': 'Mac',
  'John Paul': 'JP',
  'Maria Cristina': 'Tina',
  'Ma. Theresa': 'Tess',
  Rosalinda: 'Linda',
  Reynaldo: 'Rey',
  'Kerry-Ann': 'Kerry',
  Claudette: 'Claudie',
  Annmarie: 'Annie',
  Dwayne: 'Dee',
  Ștefan: 'Fane',
  Alexandru: 'Alex',
  Gheorghe: 'Gică',
  Mădălina: 'Mădă',
  Torbjörn: 'Tobbe',
  Lovisa: 'Lo',
};

interface CultureData {
  key: string;
  /** Language the customer may prefer to chat in, for notes ("Speaks Polish"). */
  language: string | null;
  female: string;
  male: string;
  last: string;
  /** Surname → feminine form, where the language inflects it. */
  feminine?: (last: string) => string;
  /** Chance of two surnames (Spanish style), joined by a space or a hyphen. */
  double?: number;
  /** May use an English name day to day (Wang Xiaoming → "Kevin"). */
  english?: boolean;
  /** Dialling key in INTERNATIONAL, for the few who give a number from home. */
  dial?: string;
}

const polishFeminine = (s: string) => s.replace(/ski$/, 'ska').replace(/cki$/, 'cka').replace(/dzki$/, 'dzka');
const russianFeminine = (s: string) => (/(ov|ev|yov|in)$/.test(s) ? `${s}a` : s.replace(/sky$/, 'skaya'));
const greekFeminine = (s: string) => s.replace(/os$/, 'ou').replace(/is$/, 'i').replace(/as$/, 'a');

const CULTURE_DATA: CultureData[] = [
  {
    key: 'british',
    language: null,
    female:
      'Olivia, Amelia, Isla, Ava, Emily, Sophie, Grace, Charlotte, Lily, Jessica, Eleanor, Katherine, Elizabeth, Victoria, Rebecca, Hannah, Lucy, Alice, Harriet, Imogen, Freya, Poppy, Rosie, Margaret, Susan, Patricia, Gillian, Joanne, Deborah, Sarah, Claire, Rachel, Helen, Fiona, Eilidh, Catrin, Siân, Rhiannon, Megan, Bethan, Zoë, Chloë, Abigail, Samantha, Alexandra, Josephine, Florence, Beatrice, Matilda, Philippa, Christine, Pauline, Sheila, Janet, Maureen, Kirsty, Morag, Niamh, Esmé',
    male: 'Oliver, George, Harry, Jack, Charlie, Thomas, James, William, Henry, Edward, Alexander, Samuel, Benjamin, Daniel, Matthew, Christopher, Jonathan, Nicholas, Richard, Robert, Michael, David, Andrew, Stephen, Paul, Mark, Simon, Peter, Gareth, Rhys, Dafydd, Iain, Angus, Hamish, Callum, Alistair, Rupert, Hugo, Archie, Alfie, Freddie, Theodore, Frederick, Arthur, Kevin, Graham, Nigel, Keith, Trevor, Anthony, Joseph, Euan, Owain, Ieuan',
    last: "Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Robinson, Wright, Thompson, Evans, Walker, White, Roberts, Green, Hall, Wood, Jackson, Clarke, Hughes, Edwards, Lewis, Harris, Turner, Martin, Cooper, Hill, Ward, Morris, Moore, Clark, Baker, Harrison, King, Morgan, Allen, James, Scott, Phillips, Watson, Davis, Parker, Price, Bennett, Young, Griffiths, Mitchell, Kelly, Cook, Carter, Richardson, Bailey, Collins, Bell, Shaw, Miller, Cox, Richards, Marshall, Simpson, Ellis, Adams, Wilkinson, Foster, Chapman, Webb, Rogers, Gray, Mason, Hunt, Palmer, Holmes, Mills, Barnes, Knight, Lloyd, Butler, Russell, Barker, Fisher, Stevens, Jenkins, Dixon, Fletcher, Pearson, Howard, Fox, MacDonald, McKenzie, Campbell, Stewart, Fraser, Ferguson, Llewellyn, Pritchard, ap Gwilym, Lloyd-Jones, Hamilton-Smith, Featherstone, Ashworth, Whitehead, Houghton, Sutcliffe, O'Connell",
  },
  {
    key: 'american',
    language: null,
    female:
      'Jennifer, Ashley, Amanda, Brittany, Madison, Emma, Sophia, Harper, Avery, Taylor, Kayla, Lauren, Stephanie, Nicole, Heather, Melissa, Amber, Danielle, Aaliyah, Imani, Keisha, Tanisha, Ebony, Shanice, Brianna, Kennedy, Mackenzie, Savannah, Peyton, Caroline, Mary, Linda, Barbara, Nancy, Karen, Betty, Dorothy, Carol, Sharon, Michelle, Kimberly, Debra, Destiny, Jasmine, Tiffany, Courtney, Whitney, Haley',
    male: 'John, Michael, David, James, Robert, William, Christopher, Joshua, Matthew, Andrew, Ryan, Tyler, Brandon, Justin, Kyle, Austin, Cody, Dylan, Ethan, Mason, Logan, Jacob, Noah, Liam, Elijah, Jamal, DeShawn, Darnell, Terrence, Malik, Andre, Marcus, Tyrone, Brian, Kevin, Jason, Eric, Scott, Gregory, Dennis, Larry, Gary, Donald, Chad, Travis, Wyatt, Hunter, Carter, Jaylen, Trevon',
    last: 'Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Thomas, Moore, Jackson, Martin, Thompson, White, Harris, Clark, Lewis, Robinson, Walker, Young, Allen, King, Wright, Scott, Hill, Green, Adams, Baker, Nelson, Carter, Mitchell, Roberts, Turner, Phillips, Campbell, Parker, Evans, Edwards, Collins, Stewart, Morris, Rogers, Reed, Cook, Morgan, Bell, Cooper, Peterson, Bailey, Howard, Ward, Washington, Jefferson, Brooks, Sanders, Price, Bennett, Wood, Barnes, Ross, Henderson, Coleman, Jenkins, Perry, Powell, Long, Patterson, Hughes, Butler, Simmons, Foster, Bryant, Russell, Griffin, Hayes, Myers, Ford, Graham, Sullivan, Wallace, Woods, Cole, West, Jordan, Owens, Reynolds, Fisher, Ellis, Harrison, Gibson, McDonald, Marshall, Olson, Larson, Hansen, Swanson, Schwartz, Kowalczyk, McAllister',
  },
  {
    key: 'irish',
    language: 'Irish',
    female:
      'Siobhán, Aoife, Niamh, Saoirse, Caoimhe, Róisín, Orla, Gráinne, Clodagh, Sinéad, Áine, Ciara, Deirdre, Máire, Bríd, Eimear, Muireann, Sorcha, Aisling, Méabh',
    male: 'Seán, Pádraig, Cian, Oisín, Darragh, Eoin, Ciarán, Liam, Conor, Declan, Dónal, Fionn, Tadhg, Colm, Ruairí, Diarmuid, Cathal, Niall, Éamon, Senan',
    last: "O'Brien, Ó Súilleabháin, Murphy, Kelly, O'Sullivan, Walsh, O'Connor, McCarthy, Byrne, Ryan, O'Neill, Doyle, Gallagher, Ó Briain, Mac Giolla Phádraig, Fitzgerald, Kavanagh, Ó Ceallaigh, Brennan, Quinn, Lynch, McGrath, Ó Murchú, Mac Cárthaigh, O'Donovan, Ó Domhnaill, Nolan, Keane, Flanagan",
    dial: 'IE',
  },
  {
    key: 'nigerian',
    language: 'Yoruba',
    female:
      'Adaeze, Chiamaka, Ngozi, Ifeoma, Nneka, Chidinma, Oluwafunmilayo, Temitope, Folake, Yetunde, Adunni, Bukola, Omolara, Hauwa, Zainab, Amina, Ebere, Obiageli, Chinwe, Oluwatobiloba, Ifeoluwa, Kemi, Adaora, Uchechi',
    male: 'Chukwuemeka, Chidi, Obinna, Nnamdi, Ikenna, Uchenna, Babatunde, Oluwaseun, Olumide, Adebayo, Olusegun, Oluwafemi, Kayode, Ibrahim, Musa, Abubakar, Chinedu, Tochukwu, Oluwadamilare, Emeka, Ayodele, Kelechi',
    last: 'Okafor, Adeyemi, Okonkwo, Eze, Nwosu, Obi, Okeke, Chukwu, Adebayo, Ogunleye, Balogun, Adeleke, Olawale, Bello, Nwachukwu, Oyewole, Akinola, Afolabi, Ojo, Ogundipe, Uzoma, Anyanwu, Ezeh, Onyeka, Adesanya, Oyelaran, Ikwuemesi, Okoro',
    dial: 'NG',
  },
  {
    key: 'ghanaian',
    language: 'Twi',
    female: 'Akosua, Abena, Ama, Adwoa, Efua, Yaa, Afua, Akua, Esi, Serwaa, Mawunyo, Elikem, Naa, Dzifa, Ewurabena',
    male: 'Kwame, Kofi, Kwabena, Kwaku, Yaw, Kojo, Kwesi, Fiifi, Ekow, Nii, Selorm, Kweku, Kwadwo, Nana, Edem',
    last: 'Mensah, Asante, Owusu, Boateng, Osei, Agyeman, Ofori, Darko, Appiah, Acheampong, Amponsah, Frimpong, Tetteh, Quaye, Addo, Annan, Quartey, Ansah, Asamoah, Nkansah, Adjei',
    dial: 'GH',
  },
  {
    key: 'indian',
    language: 'Hindi',
    female:
      'Priya, Priyanka, Ananya, Divya, Lakshmi, Deepika, Kavya, Shreya, Aishwarya, Pooja, Neha, Sunita, Anjali, Meera, Sangeeta, Harpreet, Gurpreet, Jaspreet, Nandini, Radhika, Swati, Padma, Bhavna, Hetal, Nisha, Kamala, Revathi',
    male: 'Arjun, Rahul, Vikram, Rajesh, Sanjay, Anand, Arvind, Suresh, Ramesh, Venkatesh, Karthik, Srinivas, Aditya, Rohan, Amit, Manish, Harjit, Gurdeep, Mandeep, Sundar, Pranav, Nikhil, Ravi, Hitesh, Jatin, Balaji',
    last: 'Patel, Sharma, Singh, Kaur, Gupta, Kumar, Venkataraman, Iyer, Nair, Menon, Reddy, Rao, Krishnan, Subramanian, Chatterjee, Banerjee, Mukherjee, Das, Joshi, Mehta, Shah, Desai, Pillai, Bhatt, Kapoor, Malhotra, Chopra, Sandhu, Gill, Dhillon, Agarwal, Chaudhary, Srinivasan, Ramachandran, Parekh, Thakkar',
    dial: 'IN',
  },
  {
    key: 'pakistani',
    language: 'Urdu',
    female: 'Ayesha, Fatima, Hira, Sana, Mahnoor, Zara, Rabia, Nadia, Saima, Bushra, Samina, Amna, Maryam, Iqra, Shazia, Sadia, Uzma',
    male: 'Muhammad, Ahmed, Bilal, Imran, Usman, Hamza, Zain, Faisal, Asif, Tariq, Adnan, Kashif, Waqas, Shahid, Zubair, Irfan, Junaid, Mohammad',
    last: 'Khan, Hussain, Ahmed, Malik, Iqbal, Raza, Butt, Chaudhry, Qureshi, Akhtar, Mahmood, Rashid, Siddiqui, Javed, Sheikh, Shah, Mirza, Abbasi, Bhatti, Aslam, Nawaz, Anwar',
    dial: 'PK',
  },
  {
    key: 'bangladeshi',
    language: 'Bengali',
    female: 'Nusrat, Farhana, Tasnim, Sumaiya, Rumana, Shirin, Taslima, Nasreen, Jannatul, Sharmin, Rokeya, Fahmida, Mitu, Shahana',
    male: 'Rahim, Karim, Mizanur, Shafiqul, Rashed, Tanvir, Sajid, Anisur, Habibur, Mahbub, Rafiq, Jamal, Arif, Shahriar',
    last: 'Rahman, Islam, Uddin, Hossain, Ali, Begum, Miah, Chowdhury, Khatun, Sarkar, Talukder, Biswas, Haque, Alam, Akter, Bhuiyan',
    dial: 'BD',
  },
  {
    key: 'chinese',
    language: 'Mandarin',
    female:
      'Mei, Jing, Yan, Xiaoling, Lihua, Yuting, Xinyi, Jiayi, Wenjing, Huimin, Ying, Fang, Hui, Zihan, Yuxin, Siqi, Ka Yan, Wing Sze, Mei Ling, Xiu Ying, Shuang',
    male: 'Wei, Hao, Jun, Lei, Jian, Ming, Xiaoming, Zhiwei, Haoran, Yichen, Zihao, Junjie, Jiahao, Chun Kit, Ka Ho, Wai Man, Guoqiang, Tao, Peng',
    last: 'Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma, Zhu, Hu, Guo, He, Lin, Luo, Zheng, Chan, Wong, Cheung, Lau, Ng, Leung, Tang, Ho, Lam, Yip, Lü, Tse, Cao',
    english: true,
    dial: 'CN',
  },
  {
    key: 'japanese',
    language: 'Japanese',
    female: 'Yuki, Haruka, Aiko, Sakura, Yui, Misaki, Akiko, Keiko, Naomi, Emi, Ayaka, Rin, Hina, Yōko, Kyōko, Mariko, Chihiro',
    male: 'Hiroshi, Takeshi, Kenji, Haruto, Sōta, Daiki, Shō, Kaito, Ren, Ryō, Takumi, Kenta, Satoshi, Kazuki, Shōta, Yūto, Daisuke',
    last: 'Satō, Suzuki, Takahashi, Tanaka, Watanabe, Itō, Yamamoto, Nakamura, Kobayashi, Katō, Yoshida, Yamada, Sasaki, Yamaguchi, Matsumoto, Inoue, Kimura, Hayashi, Shimizu, Saitō, Ōno, Sato, Ito, Mori, Fujita',
    dial: 'JP',
  },
  {
    key: 'korean',
    language: 'Korean',
    female: 'Ji-woo, Seo-yeon, Min-ji, Soo-jin, Ha-eun, Ji-yeon, Eun-ji, Yuna, Hye-jin, Da-eun, Seo-yun, Ji-hye, Su-bin, Na-rae',
    male: 'Min-jun, Ji-hoon, Seo-jun, Hyun-woo, Dong-hyun, Jae-won, Sung-min, Joon-ho, Tae-yang, Woo-jin, Jun-seo, Sang-woo, Young-ho, Kyung-soo',
    last: 'Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim, Han, Oh, Seo, Shin, Kwon, Hwang, Ahn, Song, Yoo, Hong',
    english: true,
    dial: 'KR',
  },
  {
    key: 'vietnamese',
    language: 'Vietnamese',
    female:
      'Hương, Lan, Linh, Thảo, Ngọc, Trang, Mai, Hoa, Phương, Thủy, Hạnh, Yến, Vy, Nhung, Hằng, Thị Mai, Thị Hằng, Thu Trang, Huong, Thao',
    male: 'Minh, Huy, Dũng, Tuấn, Hùng, Quang, Long, Nam, Khoa, Phúc, Đức, Thắng, Bảo, Trung, Văn Nam, Hoàng, Duc, Tuan',
    last: 'Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương, Lý, Nguyen, Tran, Pham, Le',
    english: true,
    dial: 'VN',
  },
  {
    key: 'filipino',
    language: 'Tagalog',
    female:
      'Maria Cristina, Ma. Theresa, Jocelyn, Maricel, Rowena, Lorna, Rosalinda, Kristine, Angelica, Mylene, Marites, Jhoanna, Liezl, Divina, Cherry, Rhea',
    male: 'Jose, Juan, Mark Anthony, John Paul, Rodel, Ariel, Rommel, Nestor, Reynaldo, Efren, Jericho, Arnel, Dante, Ramil, Jomar, Noel',
    last: 'Santos, Reyes, Cruz, Bautista, Ocampo, Garcia, Mendoza, Torres, Dela Cruz, Villanueva, Aquino, Ramos, Castillo, Gonzales, De Leon, Fernandez, Manalo, Pascual, Macaraeg, Dimaculangan, Magbanua, Tolentino, Soriano',
    dial: 'PH',
  },
  {
    key: 'polish',
    language: 'Polish',
    female:
      'Katarzyna, Małgorzata, Agnieszka, Anna, Magdalena, Joanna, Aleksandra, Ewa, Monika, Justyna, Dorota, Beata, Zofia, Zuzanna, Łucja, Wiktoria, Jadwiga, Halina, Grażyna, Bożena',
    male: 'Łukasz, Piotr, Krzysztof, Tomasz, Paweł, Michał, Marcin, Jakub, Wojciech, Mateusz, Grzegorz, Przemysław, Andrzej, Stanisław, Jarosław, Bartłomiej, Józef, Zbigniew',
    last: 'Wójcik, Nowak, Kowalski, Wiśniewski, Kowalczyk, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur, Krawczyk, Piotrowski, Grabowski, Pawłowski, Michalski, Król, Wieczorek, Jabłoński, Nowakowski, Majewski, Olszewski, Stępień, Jaworski, Malinowski, Górski, Sikora, Zawadzki',
    feminine: polishFeminine,
    dial: 'PL',
  },
  {
    key: 'german',
    language: 'German',
    female:
      'Anna, Katharina, Sabine, Ursula, Monika, Petra, Birgit, Heike, Claudia, Stefanie, Julia, Lena, Leonie, Hannah, Mia, Annaliese, Gisela, Brigitte, Käthe, Jördis',
    male: 'Jürgen, Klaus, Wolfgang, Dieter, Günter, Hans, Uwe, Matthias, Stefan, Andreas, Thomas, Sebastian, Maximilian, Lukas, Jonas, Felix, Björn, Jörg, Friedrich, Jens',
    last: 'Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Braun, Krüger, Hofmann, Hartmann, Lange, Schmitt, Werner, Krause, Lehmann, Köhler, Weiß, Jäger, Günther, Vogel, von Bülow, Strauß',
    dial: 'DE',
  },
  {
    key: 'french',
    language: 'French',
    female:
      'Éloïse, Camille, Léa, Chloé, Manon, Inès, Juliette, Margaux, Amélie, Hélène, Brigitte, Céline, Sylvie, Nathalie, Isabelle, Aurélie, Clémence, Agathe, Noémie, Marie-Claire, Anne-Sophie, Zoé, Maëlle, Océane',
    male: 'Jean-Baptiste, Théo, Louis, Hugo, Lucas, Mathéo, Étienne, François, Jérôme, Frédéric, Sébastien, Stéphane, Benoît, Rémi, Gaël, Loïc, Thibault, Jean-Luc, Pierre, Antoine, Cédric, Raphaël',
    last: 'Lefèvre, Martin, Bernard, Dubois, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, Lefebvre, Michel, Bertrand, Roux, Vincent, Fournier, Morel, Girard, André, Mercier, Dupont, Lambert, Bonnet, Legrand, Garnier, Faure, Rousseau, Blanc, Guérin, Chevalier, Gauthier, Lemaître, Bénard, Côté, Lévesque, Gagnon, Tremblay',
    dial: 'FR',
  },
  {
    key: 'spanish',
    language: 'Spanish',
    female:
      'María, Carmen, Lucía, Isabel, Ana, Laura, Marta, Cristina, Pilar, Rocío, Begoña, Nuria, Inmaculada, María José, Ainhoa, Itziar, Elena, Sofía, Paula, Alba, Marina, Macarena, Dolores',
    male: 'José María, Juan Carlos, Javier, Alejandro, Pablo, Sergio, Álvaro, Jorge, Iñaki, Íñigo, Manuel, Francisco, Antonio, Miguel Ángel, Raúl, Rubén, Andrés, Jesús, Ignacio, Gonzalo',
    last: 'García-López, García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez, Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Alonso, Gutiérrez, Navarro, Torres, Domínguez, Vázquez, Ramos, Gil, Ramírez, Serrano, Blanco, Núñez, Ibáñez, Echeverría, Arrieta',
    double: 0.3,
    dial: 'ES',
  },
  {
    key: 'latin',
    language: 'Spanish',
    female:
      'Guadalupe, María Fernanda, Ximena, Valentina, Camila, Daniela, Gabriela, Alejandra, Mariana, Yesenia, Araceli, Maricela, Esperanza, Luz, Verónica, Rosario, Yolanda, Itzel',
    male: 'José Luis, Juan Pablo, Luis, Carlos, Eduardo, Fernando, Diego, Santiago, Mateo, Ricardo, Héctor, Óscar, Rodrigo, Emiliano, Joaquín, Ramón, Julián, Agustín',
    last: 'Hernández, García, Martínez, López, González, Rodríguez, Pérez, Sánchez, Ramírez, Flores, Cruz, Gómez, Morales, Reyes, Ortiz, Gutiérrez, Chávez, Ramos, Mendoza, Castillo, Vargas, Rojas, Guzmán, Salazar, Delgado, Aguilar, Medina, Castro, Herrera, Vega, Ríos, Contreras, Espinoza, Acosta, Quintero',
    double: 0.2,
    dial: 'MX',
  },
  {
    key: 'portuguese',
    language: 'Portuguese',
    female:
      'Ana Beatriz, Beatriz, Inês, Leonor, Matilde, Joana, Catarina, Luísa, Fernanda, Larissa, Letícia, Thaís, Júlia, Conceição, Graça, Vitória, Bruna, Rafaela, Mariana, Gabriela',
    male: 'João, Tiago, Gonçalo, Rodrigo, Duarte, Afonso, Martim, Luís, Rafael, Gustavo, Thiago, Vinícius, Caio, Felipe, Lucas, João Pedro, André, Sérgio, Fábio, Márcio',
    last: 'Gonçalves, Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Sousa, Fernandes, Lopes, Marques, Alves, Almeida, Ribeiro, Pinto, Carvalho, Teixeira, Moreira, Correia, Mendes, Nunes, Soares, Vieira, Monteiro, Cardoso, Rocha, Araújo, Magalhães, Brandão, Guimarães, Simões, da Silva, dos Santos, de Oliveira, de Souza',
    dial: 'BR',
  },
  {
    key: 'italian',
    language: 'Italian',
    female:
      'Giulia, Francesca, Chiara, Sofia, Alessandra, Valentina, Federica, Martina, Elisa, Giorgia, Silvia, Paola, Rosa, Carla, Lucia, Ilaria, Benedetta, Gabriella, Antonella, Nicoletta',
    male: 'Giuseppe, Giovanni, Marco, Alessandro, Luca, Matteo, Lorenzo, Francesco, Andrea, Davide, Riccardo, Stefano, Emanuele, Niccolò, Salvatore, Vincenzo, Giacomo, Pietro, Fabrizio, Massimo',
    last: "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti, Barbieri, Fontana, Santoro, Mariani, Rinaldi, Caruso, Ferrara, Galli, Martini, Leone, D'Angelo, Dell'Acqua, Fabbri, Lo Russo",
    dial: 'IT',
  },
  {
    key: 'turkish',
    language: 'Turkish',
    female:
      'Şule, Ayşe, Fatma, Zeynep, Elif, Emine, Hatice, Merve, Özlem, Gülşen, Büşra, Esra, Derya, Sevgi, Yasemin, Damla, İpek, Çiğdem, Gökçe, Ebru',
    male: 'Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, İbrahim, Murat, Emre, Burak, Oğuz, Çağlar, Serkan, Volkan, Kemal, Barış, Umut, Tolga, Onur, Gökhan',
    last: 'Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, Arslan, Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Şimşek, Polat, Erdoğan, Güneş, Aksoy',
    dial: 'TR',
  },
  {
    key: 'arabic',
    language: 'Arabic',
    female:
      'Fatima, Aisha, Mariam, Noor, Layla, Yasmin, Huda, Rania, Salma, Dalia, Hana, Lina, Reem, Amal, Samira, Nadia, Zainab, Leila, Rasha, Dina',
    male: 'Mohammed, Ahmed, Omar, Ali, Khalid, Youssef, Hassan, Ibrahim, Tariq, Karim, Sami, Faisal, Hamza, Mahmoud, Nabil, Rami, Walid, Ziad, Adel, Bassam',
    last: 'Al-Hashimi, Al-Sayed, El-Masry, Haddad, Khoury, Mansour, Nasser, Saleh, Hamdan, Abboud, Al-Rashid, Al-Farsi, Aziz, Farouk, Ghanem, Jaber, Khalil, Qasim, Saad, Yousef, Abdel-Rahman, Bitar, Darwish, Shaheen',
    dial: 'AE',
  },
  {
    key: 'greek',
    language: 'Greek',
    female:
      'Eleni, Maria, Georgia, Dimitra, Katerina, Ioanna, Vasiliki, Angeliki, Chrysoula, Despina, Athena, Theodora, Stavroula, Zoe, Panagiota, Evangelia, Kalliopi',
    male: 'Giorgos, Dimitris, Nikos, Konstantinos, Yiannis, Kostas, Christos, Panagiotis, Vasilis, Stavros, Thanasis, Spyros, Alexandros, Michalis, Andreas, Theodoros, Evangelos, Stelios',
    last: 'Papadopoulos, Papadakis, Georgiou, Nikolaidis, Christodoulou, Konstantinou, Ioannou, Karagiannis, Vlachos, Alexiou, Antoniou, Oikonomou, Makris, Dimitriou, Papageorgiou, Stavropoulos, Angelopoulos, Kyriakou, Petridis, Michailidis',
    feminine: greekFeminine,
    dial: 'GR',
  },
  {
    key: 'swedish',
    language: 'Swedish',
    female:
      'Åsa, Ingrid, Astrid, Karin, Birgitta, Maja, Elsa, Ebba, Linnéa, Sigrid, Frida, Märta, Signe, Solveig, Britt, Annika, Lovisa, Agnes',
    male: 'Lars, Anders, Johan, Björn, Sven, Nils, Erik, Gustav, Oskar, Axel, Måns, Mattias, Per, Stellan, Leif, Torbjörn, Göran, Jöns',
    last: 'Ångström, Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, Svensson, Gustafsson, Pettersson, Lindqvist, Lindström, Bergström, Sjöberg, Öberg, Åberg, Forsberg, Holmgren, Strömberg, Ekström, Hägg, Nyström',
    dial: 'SE',
  },
  {
    key: 'hungarian',
    language: 'Hungarian',
    female:
      'Zsófia, Erzsébet, Katalin, Ildikó, Éva, Judit, Krisztina, Anikó, Réka, Boglárka, Dóra, Eszter, Ágnes, Noémi, Zsuzsanna, Hajnalka',
    male: 'Ferenc, László, István, Gábor, Zoltán, Attila, Balázs, Tamás, Péter, Gergő, Bence, Dániel, Csaba, Levente, Zsolt, Ákos',
    last: 'Nagy, Kovács, Tóth, Szabó, Horváth, Varga, Kiss, Molnár, Németh, Farkas, Balogh, Papp, Takács, Juhász, Lakatos, Mészáros, Oláh, Rácz, Fekete, Szűcs, Győri',
    dial: 'HU',
  },
  {
    key: 'somali',
    language: 'Somali',
    female: 'Hodan, Faduma, Ayaan, Sahra, Hawa, Ifrah, Nimco, Asha, Sagal, Ubah, Muna, Ladan, Hibo, Idil, Khadra',
    male: 'Abdi, Abdirahman, Mohamed, Mahad, Guled, Liban, Abdullahi, Farah, Yusuf, Bashir, Ismail, Mukhtar, Hamse, Abdiwali',
    last: 'Farah, Hassan, Mohamed, Ali, Abdi, Warsame, Jama, Omar, Ahmed, Osman, Aden, Hersi, Duale, Elmi, Yusuf, Nur, Egal, Samatar',
    dial: 'SO',
  },
  {
    key: 'caribbean',
    language: null,
    female:
      'Shanique, Tamika, Kerry-Ann, Shelly-Ann, Marcia, Beverley, Sonia, Yvonne, Claudette, Annmarie, Simone, Tanya, Latoya, Monique, Shantelle',
    male: 'Delroy, Winston, Clive, Desmond, Errol, Leroy, Devon, Dwayne, Marlon, Omari, Kemar, Courtney, Neville, Lloyd, Garfield',
    last: 'Campbell, Brown, Williams, Clarke, Thompson, Reid, Grant, McKenzie, Francis, Morgan, Gordon, Henry, Bailey, Walters, Spence, Stewart, Ricketts, Powell, Barrett, Forbes, Blackwood, Samuels, Hinds, Facey',
    dial: 'JM',
  },
  {
    key: 'russian',
    language: 'Russian',
    female:
      'Anastasia, Yekaterina, Natalia, Olga, Tatiana, Svetlana, Irina, Yelena, Mariya, Daria, Polina, Ksenia, Ludmila, Yulia, Alyona, Galina',
    male: 'Aleksandr, Dmitri, Sergei, Andrei, Alexei, Mikhail, Ivan, Nikolai, Vladimir, Yuri, Pavel, Maxim, Artyom, Konstantin, Oleg, Igor, Roman, Viktor',
    last: 'Ivanov, Smirnov, Kuznetsov, Popov, Vasiliev, Petrov, Sokolov, Mikhailov, Novikov, Fyodorov, Morozov, Volkov, Alekseev, Lebedev, Semyonov, Yegorov, Pavlov, Kozlov, Stepanov, Nikolaev, Orlov, Andreev, Makarov, Zaitsev, Solovyov, Vinogradov, Belinsky, Pushkin',
    feminine: russianFeminine,
    dial: 'RU',
  },
  {
    key: 'romanian',
    language: 'Romanian',
    female:
      'Ioana, Andreea, Elena, Mihaela, Alexandra, Cristina, Ramona, Gabriela, Bianca, Raluca, Oana, Daniela, Simona, Irina, Mădălina, Roxana',
    male: 'Ștefan, Andrei, Alexandru, Mihai, Ionuț, Bogdan, Cristian, Florin, Adrian, Gheorghe, Vasile, Răzvan, Cătălin, Dorin, Sorin, Costel',
    last: 'Popescu, Ionescu, Popa, Pop, Radu, Dumitru, Stan, Stoica, Gheorghe, Matei, Constantin, Rusu, Munteanu, Ciobanu, Țurcanu, Lungu, Moldovan, Dumitrescu, Șerban, Mocanu, Neagu, Bălan, Nistor, Oprea',
    dial: 'RO',
  },
  {
    key: 'dutch',
    language: 'Dutch',
    female: 'Sanne, Femke, Anouk, Lotte, Marieke, Ineke, Saskia, Fleur, Eline, Noor, Ilse, Marloes',
    male: 'Sjoerd, Joost, Bram, Daan, Thijs, Pieter, Ruud, Wouter, Gijs, Maarten, Jeroen, Sander',
    last: 'de Vries, van der Meer, van den Berg, Jansen, Bakker, Visser, Smit, de Jong, van Dijk, Mulder, de Boer, Meijer, Bos, Vos, Dekker, van Leeuwen, Hendriks, van der Linden',
    dial: 'NL',
  },
];

const ENGLISH_NAMES = {
  f: ['Grace', 'Vivian', 'Cindy', 'Amy', 'Michelle', 'Jenny', 'Joyce', 'Karen', 'Stella', 'Iris', 'Tiffany', 'Angela', 'Winnie', 'Crystal'],
  m: ['Kevin', 'Jason', 'Eric', 'Tony', 'Vincent', 'Jack', 'David', 'Michael', 'Alan', 'Ken', 'Ray', 'Sunny', 'Patrick', 'Andy'],
};

const makeName = (n: string, feminine?: (s: string) => string): Name => {
  const a = fold(n).replace(/[^a-z0-9-]+/g, '');
  const lower = n
    .toLowerCase()
    .normalize('NFC')
    .replace(/[\s'’.]+/g, '');
  const nick = NICKNAMES[n]?.split('/') ?? null;
  const femForm = feminine ? feminine(n) : n;
  return { n, a, u: lower !== a ? lower : null, nick, fem: femForm !== n ? makeName(femForm) : null };
};
const nameList = (s: string, feminine?: (s: string) => string) => s.split(',').map((x) => makeName(x.trim(), feminine));

interface Culture {
  key: string;
  language: string | null;
  female: Name[];
  male: Name[];
  last: Name[];
  double: number;
  english: boolean;
  dial: string | null;
}

const CULTURES: Culture[] = CULTURE_DATA.map((c) => ({
  key: c.key,
  language: c.language,
  female: nameList(c.female),
  male: nameList(c.male),
  last: nameList(c.last, c.feminine),
  double: c.double ?? 0,
  english: c.english ?? false,
  dial: c.dial ?? null,
}));

/** How a retailer's customers are drawn from cultures; everything else gets a small share. */
const COUNTRY_MIX: Record<string, Record<string, number>> = {
  GB: {
    british: 52,
    irish: 4,
    indian: 6,
    pakistani: 4,
    bangladeshi: 2,
    nigerian: 3,
    ghanaian: 1.2,
    caribbean: 2,
    somali: 0.8,
    polish: 3,
    romanian: 1.5,
    chinese: 2.5,
    american: 1,
    turkish: 1.2,
    arabic: 1.5,
    portuguese: 1.5,
    italian: 1.5,
    french: 1.5,
    spanish: 1.3,
  },
  US: {
    american: 52,
    latin: 15,
    irish: 3,
    italian: 3,
    german: 2,
    polish: 1.5,
    chinese: 2.5,
    indian: 3,
    korean: 1.5,
    vietnamese: 1.5,
    filipino: 2,
    nigerian: 1,
    caribbean: 1.2,
    arabic: 1,
    russian: 1,
    japanese: 1,
    greek: 0.8,
    british: 1.5,
  },
};
/** The culture most customers share in other countries. */
const LOCAL_CULTURE: Record<string, string> = {
  IE: 'irish',
  DE: 'german',
  AT: 'german',
  CH: 'german',
  FR: 'french',
  BE: 'french',
  ES: 'spanish',
  MX: 'latin',
  AR: 'latin',
  CO: 'latin',
  BR: 'portuguese',
  PT: 'portuguese',
  IT: 'italian',
  PL: 'polish',
  TR: 'turkish',
  NG: 'nigerian',
  GH: 'ghanaian',
  IN: 'indian',
  PK: 'pakistani',
  BD: 'bangladeshi',
  CN: 'chinese',
  HK: 'chinese',
  SG: 'chinese',
  TW: 'chinese',
  JP: 'japanese',
  KR: 'korean',
  VN: 'vietnamese',
  PH: 'filipino',
  RU: 'russian',
  GR: 'greek',
  CY: 'greek',
  SE: 'swedish',
  HU: 'hungarian',
  SO: 'somali',
  JM: 'caribbean',
  RO: 'romanian',
  NL: 'dutch',
  AE: 'arabic',
  SA: 'arabic',
  EG: 'arabic',
  AU: 'british',
  NZ: 'british',
  CA: 'american',
};

function cultureMix(country: string): Weighted<Culture> {
  const mix = COUNTRY_MIX[country];
  const local = LOCAL_CULTURE[country];
  return weighted(
    CULTURES.map((c): [Culture, number] => {
      if (mix) return [c, mix[c.key] ?? 0.5];
      if (local) return [c, c.key === local ? CULTURES.length * 2 : 1];
      return [c, c.key === 'british' || c.key === 'american' ? 4 : 1];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Places and phone numbers

/** Fictional street names: first part + kind. */
const STREET_WORDS =
  'Acacia, Alder, Amberley, Bramble, Larkspur, Willowbrook, Hawthorn, Foxglove, Juniper, Kingfisher, Marigold, Orchard, Quarry, Rosemary, Sorrel, Teasel, Beech, Chestnut, Elderflower, Fernhill, Heron, Meadowsweet, Primrose, Thistle, Wren, Linnet, Cowslip, Yarrow, Campion, Sweetbriar, Hollyhock, Lavender, Tansy, Greenfinch, Swallowtail, Nightingale, Copperbeech, Mulberry, Quince, Windrush, Cobble, Lantern, Tinker, Weaver, Chandler, Cooper, Ropewalk, Saddler, Bellfounder, Mariner'.split(
    ', ',
  );
const STREET_KINDS_GB = [
  'Road',
  'Street',
  'Lane',
  'Avenue',
  'Close',
  'Gardens',
  'Crescent',
  'Terrace',
  'Grove',
  'Mews',
  'Place',
  'Rise',
  'Walk',
  'Way',
];
const STREET_KINDS_US = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Court', 'Boulevard', 'Place', 'Way', 'Terrace'];
const HOUSE_NAMES = [
  'Rose Cottage',
  'The Old Bakery',
  'Ivy House',
  'The Coach House',
  'Orchard View',
  'Laburnum Cottage',
  'The Granary',
  'Holly Lodge',
];
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

interface GbCity {
  city: string;
  districts: string[];
  /** Ofcom drama range: prefix and the four-digit block, e.g. ['020 7946', '0'] → 020 7946 0xxx. */
  area: string;
  local: string;
}
// Ofcom numbers for drama: 01xx 496 0000–0999 and friends; 020 7946 0000–0999; 0161 496 0000–0999 …
const GB_CITIES: [GbCity, number][] = [
  [
    {
      city: 'London',
      districts: ['E8', 'N16', 'SE15', 'SW11', 'NW5', 'W4', 'E17', 'N1', 'SE22', 'SW4', 'NW3', 'W12'],
      area: '020',
      local: '7946 0',
    },
    34,
  ],
  [{ city: 'Manchester', districts: ['M20', 'M21', 'M14', 'M4'], area: '0161', local: '496 0' }, 7],
  [{ city: 'Birmingham', districts: ['B13', 'B14', 'B17', 'B30'], area: '0121', local: '496 0' }, 6],
  [{ city: 'Leeds', districts: ['LS6', 'LS8', 'LS17'], area: '0113', local: '496 0' }, 4],
  [{ city: 'Sheffield', districts: ['S7', 'S10', 'S11'], area: '0114', local: '496 0' }, 3],
  [{ city: 'Nottingham', districts: ['NG5', 'NG7', 'NG2'], area: '0115', local: '496 0' }, 3],
  [{ city: 'Leicester', districts: ['LE2', 'LE3', 'LE5'], area: '0116', local: '496 0' }, 3],
  [{ city: 'Bristol', districts: ['BS6', 'BS7', 'BS3', 'BS8'], area: '0117', local: '496 0' }, 5],
  [{ city: 'Reading', districts: ['RG1', 'RG4', 'RG30'], area: '0118', local: '496 0' }, 2],
  [{ city: 'Edinburgh', districts: ['EH10', 'EH9', 'EH6', 'EH3'], area: '0131', local: '496 0' }, 4],
  [{ city: 'Glasgow', districts: ['G12', 'G41', 'G3'], area: '0141', local: '496 0' }, 4],
  [{ city: 'Liverpool', districts: ['L17', 'L18', 'L8'], area: '0151', local: '496 0' }, 4],
  [{ city: 'Newcastle upon Tyne', districts: ['NE2', 'NE3', 'NE6'], area: '0191', local: '498 0' }, 3],
  [{ city: 'Cardiff', districts: ['CF14', 'CF24', 'CF5'], area: '029', local: '2018 0' }, 3],
  [{ city: 'Belfast', districts: ['BT9', 'BT7', 'BT4'], area: '028', local: '9649 6' }, 2],
  [{ city: 'Brighton', districts: ['BN1', 'BN2', 'BN3'], area: '01632', local: '960' }, 3],
  [{ city: 'Bath', districts: ['BA1', 'BA2'], area: '01632', local: '960' }, 2],
  [{ city: 'Oxford', districts: ['OX2', 'OX4'], area: '01632', local: '960' }, 2],
  [{ city: 'Cambridge', districts: ['CB1', 'CB4'], area: '01632', local: '960' }, 2],
  [{ city: 'York', districts: ['YO10', 'YO31'], area: '01632', local: '960' }, 2],
  [{ city: 'Norwich', districts: ['NR2', 'NR3'], area: '01632', local: '960' }, 2],
  [{ city: 'Harrogate', districts: ['HG1', 'HG2'], area: '01632', local: '960' }, 1],
];
const GB_CITY_PICK = weighted(GB_CITIES);

interface UsCity {
  city: string;
  state: string;
  zip: string;
  areas: string[];
}
const US_CITIES: [UsCity, number][] = [
  [{ city: 'New York', state: 'NY', zip: '100', areas: ['212', '646', '917'] }, 12],
  [{ city: 'Brooklyn', state: 'NY', zip: '112', areas: ['718', '347'] }, 8],
  [{ city: 'Chicago', state: 'IL', zip: '606', areas: ['312', '773'] }, 8],
  [{ city: 'Los Angeles', state: 'CA', zip: '900', areas: ['213', '310', '323'] }, 9],
  [{ city: 'San Francisco', state: 'CA', zip: '941', areas: ['415', '628'] }, 5],
  [{ city: 'Boston', state: 'MA', zip: '021', areas: ['617', '857'] }, 5],
  [{ city: 'Seattle', state: 'WA', zip: '981', areas: ['206'] }, 4],
  [{ city: 'Austin', state: 'TX', zip: '787', areas: ['512', '737'] }, 4],
  [{ city: 'Houston', state: 'TX', zip: '770', areas: ['713', '832'] }, 5],
  [{ city: 'Portland', state: 'OR', zip: '972', areas: ['503', '971'] }, 3],
  [{ city: 'Denver', state: 'CO', zip: '802', areas: ['303', '720'] }, 3],
  [{ city: 'Atlanta', state: 'GA', zip: '303', areas: ['404', '678'] }, 4],
  [{ city: 'Philadelphia', state: 'PA', zip: '191', areas: ['215', '267'] }, 4],
  [{ city: 'Washington', state: 'DC', zip: '200', areas: ['202'] }, 3],
  [{ city: 'Miami', state: 'FL', zip: '331', areas: ['305', '786'] }, 4],
  [{ city: 'Minneapolis', state: 'MN', zip: '554', areas: ['612'] }, 2],
  [{ city: 'Nashville', state: 'TN', zip: '372', areas: ['615'] }, 2],
  [{ city: 'Charleston', state: 'SC', zip: '294', areas: ['843'] }, 1],
  [{ city: 'Santa Fe', state: 'NM', zip: '875', areas: ['505'] }, 1],
];
const US_CITY_PICK = weighted(US_CITIES);
const CA_AREAS = ['416', '647', '604', '514', '403', '613'];

/**
 * Numbers from abroad. Each pattern is a list of digit groups: 'd' is a random digit, anything else is
 * kept. `trunk` is the national prefix dropped after the country code (0 in most of Europe).
 */
interface Dialling {
  cc: string;
  trunk: string;
  patterns: string[][];
  /** Cities for addresses in that country (used when the retailer is there). */
  cities?: string[];
}
const INTERNATIONAL: Record<string, Dialling> = {
  FR: {
    cc: '33',
    trunk: '0',
    patterns: [
      ['1', 'dd', 'dd', 'dd', 'dd'],
      ['6', 'dd', 'dd', 'dd', 'dd'],
      ['7', 'dd', 'dd', 'dd', 'dd'],
    ],
    cities: ['Paris', 'Lyon', 'Bordeaux', 'Lille', 'Nantes'],
  },
  DE: {
    cc: '49',
    trunk: '0',
    patterns: [
      ['30', 'ddddddd'],
      ['151', 'dddddddd'],
      ['89', 'dddddd'],
    ],
    cities: ['Berlin', 'Hamburg', 'München', 'Köln', 'Leipzig'],
  },
  JP: {
    cc: '81',
    trunk: '0',
    patterns: [
      ['3', 'dddd', 'dddd'],
      ['90', 'dddd', 'dddd'],
    ],
    cities: ['Tokyo', 'Osaka', 'Kyoto'],
  },
  IN: {
    cc: '91',
    trunk: '0',
    patterns: [
      ['9dddd', 'ddddd'],
      ['8dddd', 'ddddd'],
      ['22', 'dddd', 'dddd'],
    ],
    cities: ['Mumbai', 'Bengaluru', 'Chennai', 'Delhi'],
  },
  NG: {
    cc: '234',
    trunk: '0',
    patterns: [
      ['803', 'ddd', 'dddd'],
      ['806', 'ddd', 'dddd'],
      ['706', 'ddd', 'dddd'],
      ['813', 'ddd', 'dddd'],
    ],
    cities: ['Lagos', 'Abuja', 'Enugu'],
  },
  BR: {
    cc: '55',
    trunk: '',
    patterns: [
      ['11', '9dddd', 'dddd'],
      ['21', '9dddd', 'dddd'],
    ],
    cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte'],
  },
  AU: {
    cc: '61',
    trunk: '0',
    patterns: [
      ['2', 'dddd', 'dddd'],
      ['4dd', 'ddd', 'ddd'],
    ],
    cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth'],
  },
  ZA: {
    cc: '27',
    trunk: '0',
    patterns: [
      ['21', 'ddd', 'dddd'],
      ['82', 'ddd', 'dddd'],
    ],
    cities: ['Cape Town', 'Johannesburg', 'Durban'],
  },
  IE: {
    cc: '353',
    trunk: '0',
    patterns: [
      ['1', 'ddd', 'dddd'],
      ['87', 'ddd', 'dddd'],
      ['85', 'ddd', 'dddd'],
    ],
    cities: ['Dublin', 'Cork', 'Galway', 'Limerick'],
  },
  CN: {
    cc: '86',
    trunk: '0',
    patterns: [
      ['10', 'dddd', 'dddd'],
      ['138', 'dddd', 'dddd'],
      ['21', 'dddd', 'dddd'],
    ],
    cities: ['Beijing', 'Shanghai', 'Guangzhou'],
  },
  ES: {
    cc: '34',
    trunk: '',
    patterns: [
      ['6dd', 'ddd', 'ddd'],
      ['91', 'ddd', 'dd', 'dd'],
    ],
    cities: ['Madrid', 'Barcelona', 'Sevilla', 'Valencia'],
  },
  IT: {
    cc: '39',
    trunk: '',
    patterns: [
      ['3dd', 'ddd', 'dddd'],
      ['06', 'dddd', 'dddd'],
    ],
    cities: ['Roma', 'Milano', 'Torino', 'Bologna'],
  },
  PL: { cc: '48', trunk: '', patterns: [['5dd', 'ddd', 'ddd']], cities: ['Warszawa', 'Kraków', 'Gdańsk', 'Wrocław'] },
  PK: { cc: '92', trunk: '0', patterns: [['3dd', 'ddddddd']], cities: ['Karachi', 'Lahore', 'Islamabad'] },
  BD: { cc: '880', trunk: '0', patterns: [['17dd', 'dddddd']], cities: ['Dhaka', 'Sylhet', 'Chittagong'] },
  GH: { cc: '233', trunk: '0', patterns: [['24', 'ddd', 'dddd']], cities: ['Accra', 'Kumasi'] },
  MX: { cc: '52', trunk: '', patterns: [['55', 'dddd', 'dddd']], cities: ['Ciudad de México', 'Guadalajara', 'Monterrey'] },
  KR: { cc: '82', trunk: '0', patterns: [['10', 'dddd', 'dddd']], cities: ['Seoul', 'Busan'] },
  VN: { cc: '84', trunk: '0', patterns: [['9d', 'ddd', 'dddd']], cities: ['Hà Nội', 'Thành phố Hồ Chí Minh'] },
  PH: { cc: '63', trunk: '0', patterns: [['917', 'ddd', 'dddd']], cities: ['Manila', 'Cebu City'] },
  TR: { cc: '90', trunk: '0', patterns: [['5dd', 'ddd', 'dd', 'dd']], cities: ['İstanbul', 'Ankara', 'İzmir'] },
  SE: { cc: '46', trunk: '0', patterns: [['70', 'ddd', 'dd', 'dd']], cities: ['Stockholm', 'Göteborg', 'Malmö'] },
  NL: { cc: '31', trunk: '0', patterns: [['6', 'dddddddd']], cities: ['Amsterdam', 'Utrecht', 'Rotterdam'] },
  GR: { cc: '30', trunk: '', patterns: [['69d', 'ddd', 'dddd']], cities: ['Athína', 'Thessaloníki'] },
  HU: { cc: '36', trunk: '06', patterns: [['30', 'ddd', 'dddd']], cities: ['Budapest', 'Debrecen'] },
  RO: { cc: '40', trunk: '0', patterns: [['72d', 'ddd', 'ddd']], cities: ['București', 'Cluj-Napoca', 'Iași'] },
  RU: { cc: '7', trunk: '8', patterns: [['9dd', 'ddd', 'dd', 'dd']], cities: ['Moskva', 'Sankt-Peterburg'] },
  AE: { cc: '971', trunk: '0', patterns: [['50', 'ddd', 'dddd']], cities: ['Dubai', 'Abu Dhabi'] },
  SO: { cc: '252', trunk: '0', patterns: [['61', 'ddd', 'dddd']], cities: ['Mogadishu', 'Hargeisa'] },
  JM: { cc: '1', trunk: '1', patterns: [['876', 'ddd', 'dddd']], cities: ['Kingston', 'Montego Bay'] },
  // Fiction ranges when the retailer is elsewhere.
  GB: { cc: '44', trunk: '0', patterns: [['7700', '900ddd']] },
  US: { cc: '1', trunk: '1', patterns: [['202', '555', '01dd']] },
};
const INTERNATIONAL_KEYS = Object.keys(INTERNATIONAL);

/** Numbers that belong to the special demo customers and must never be handed to anyone else. */
const RESERVED_LONDON = 958; // 020 7946 0958 — Mrs Okafor
const RESERVED_MOBILE = 417; // 07700 900417 — Katherine Wójcik

function fillDigits(rnd: Rnd, group: string): string {
  let s = '';
  for (let i = 0; i < group.length; i++) {
    const ch = group[i]!;
    s += ch === 'd' ? Math.floor(rnd() * 10) : ch;
  }
  return s;
}

/** A number from another country, written the many ways people write them. */
function internationalNumber(rnd: Rnd, key: string): string {
  const d = INTERNATIONAL[key]!;
  const groups = pick(rnd, d.patterns).map((g) => fillDigits(rnd, g));
  const r = rnd();
  if (r < 0.35) return `+${d.cc} ${groups.join(' ')}`;
  if (r < 0.5) return `00${d.cc} ${groups.join(' ')}`;
  if (r < 0.62) return `+${d.cc}-${groups.join('-')}`;
  if (r < 0.72) return `+${d.cc}.${groups.join('.')}`;
  if (r < 0.82) return `+${d.cc}${groups.join('')}`;
  if (r < 0.9 && d.trunk === '0') return `+${d.cc} (0)${groups.join(' ')}`;
  if (r < 0.95) return `(+${d.cc}) ${groups.join(' ')}`;
  return `+${d.cc} ${groups[0]}-${groups.slice(1).join('')}`;
}

/** A number as written at home in a country we only know from the table. */
function nationalNumber(rnd: Rnd, key: string): string {
  const d = INTERNATIONAL[key]!;
  const groups = pick(rnd, d.patterns).map((g) => fillDigits(rnd, g));
  const sep = rnd() < 0.7 ? ' ' : '';
  return `${d.trunk}${groups.join(sep)}`;
}

/**
 * The fiction ranges are small (1,000 numbers each; 100 per US area code), so numbers are dealt from
 * a shuffled deck per range: no two customers share one until a range runs out (a few thousand
 * customers in), after which numbers repeat.
 */
function nextInRange(ctx: Context, range: string, size: 1000 | 100, reserved = -1): number {
  const dealt = ctx.dealt.get(range) ?? rangeOffset(range, size); // each range starts at its own place in the deck
  const deck = size === 1000 ? ctx.deck1000 : ctx.deck100;
  let n = deck[dealt % size]!;
  let next = dealt + 1;
  if (n === reserved) n = deck[next++ % size]!;
  ctx.dealt.set(range, next);
  return n;
}

function rangeOffset(range: string, size: number): number {
  let h = 0;
  for (let i = 0; i < range.length; i++) h = (Math.imul(h, 31) + range.charCodeAt(i)) | 0;
  return (h >>> 0) % size;
}

function gbMobile(ctx: Context): string {
  const { rnd } = ctx;
  const x = pad(nextInRange(ctx, 'mobile', 1000, RESERVED_MOBILE), 3);
  const r = rnd();
  if (r < 0.55) return `07700 900${x}`;
  if (r < 0.7) return `07700900${x}`;
  if (r < 0.85) return `+44 7700 900${x}`;
  if (r < 0.9) return `+447700900${x}`;
  if (r < 0.95) return `07700 900 ${x}`;
  if (r < 0.97) return `(07700) 900${x}`;
  return `0044 7700 900${x}`;
}

function gbLandline(ctx: Context, city: GbCity): string {
  const { rnd } = ctx;
  const x = pad(nextInRange(ctx, city.area, 1000, city.area === '020' ? RESERVED_LONDON : -1), 3);
  const local = `${city.local}${x}`; // e.g. "7946 0123", "496 0123", "960123"
  const flat = local.replace(/ /g, '');
  const national = city.area.slice(1);
  const r = rnd();
  if (r < 0.6) return `${city.area} ${local}`;
  if (r < 0.7 && city.area === '020') return `020${flat[0]} ${flat.slice(1, 4)} ${flat.slice(4)}`; // "0207 946 0123", a common grouping
  if (r < 0.78) return `${city.area}${flat}`;
  if (r < 0.88) return `+44 ${national} ${local}`;
  if (r < 0.95) return `+44 (0)${national} ${local}`;
  return `(${city.area}) ${local}`;
}

function usNumber(ctx: Context, area: string): string {
  const { rnd } = ctx;
  const x = `01${pad(nextInRange(ctx, area, 100), 2)}`;
  const r = rnd();
  if (r < 0.4) return `(${area}) 555-${x}`;
  if (r < 0.65) return `${area}-555-${x}`;
  if (r < 0.73) return `${area}.555.${x}`;
  if (r < 0.83) return `+1 ${area}-555-${x}`;
  if (r < 0.88) return `+1 (${area}) 555-${x}`;
  if (r < 0.95) return `${area}555${x}`;
  return `1-${area}-555-${x}`;
}

// ---------------------------------------------------------------------------------------------
// Shop-specific material: budgets, furniture, avoidances, notes

interface Budget {
  category: string;
  min: number;
  max: number;
}
const FLORIST_BUDGETS: Budget[] = [
  { category: 'bouquets', min: 25, max: 120 },
  { category: 'arrangements', min: 40, max: 180 },
  { category: 'plants', min: 15, max: 90 },
  { category: 'subscriptions', min: 25, max: 60 },
  { category: 'sympathy-tributes', min: 60, max: 250 },
  { category: 'wedding-flowers', min: 600, max: 3500 },
  { category: 'corporate-arrangements', min: 80, max: 400 },
];
const DECOR_BUDGETS: Budget[] = [
  { category: 'cushions', min: 15, max: 90 },
  { category: 'throws', min: 30, max: 180 },
  { category: 'rugs', min: 120, max: 1200 },
  { category: 'lighting', min: 40, max: 450 },
  { category: 'vases', min: 15, max: 150 },
  { category: 'wall-art', min: 40, max: 600 },
  { category: 'sofas', min: 800, max: 4500 },
  { category: 'tables', min: 250, max: 2200 },
  { category: 'curtains', min: 60, max: 500 },
  { category: 'bedding', min: 40, max: 300 },
  { category: 'mirrors', min: 60, max: 600 },
];

/** Local price level against sterling, for budgets and spend. */
const CURRENCY_FACTOR: Record<string, number> = {
  GB: 1,
  US: 1.25,
  CA: 1.7,
  AU: 1.9,
  NZ: 2,
  IE: 1.15,
  FR: 1.15,
  DE: 1.15,
  ES: 1.15,
  IT: 1.15,
  NL: 1.15,
  BE: 1.15,
  PT: 1.15,
  AT: 1.15,
  GR: 1.15,
  CH: 1.1,
  SE: 13,
  PL: 5,
  HU: 450,
  JP: 190,
  KR: 1700,
  IN: 105,
  CN: 9,
  BR: 6.5,
  MX: 22,
  ZA: 23,
  NG: 1900,
  TR: 40,
  AE: 4.6,
};

/** Rounds a price to a number people say ("£45", "£120", "£1,500"). */
function niceAmount(x: number): number {
  if (x < 20) return Math.max(5, Math.round(x));
  if (x < 100) return Math.round(x / 5) * 5;
  const magnitude = 10 ** Math.floor(Math.log10(x));
  const step = magnitude / (x / magnitude < 3 ? 4 : 2);
  return Math.round(x / step) * step;
}

const FURNITURE: Record<string, string[]> = {
  'living-room': [
    'cream linen sofa',
    'oak sideboard',
    'velvet armchair',
    'walnut coffee table',
    'bay window',
    'marble fireplace',
    'built-in bookshelves',
    'grey corner sofa',
    'rattan armchair',
    'upright piano',
    'leather chesterfield',
  ],
  'dining-room': [
    'oak dining table',
    'round marble table',
    'bench seating',
    'glass-fronted dresser',
    'pendant over the table',
    'extending pine table',
  ],
  kitchen: ['island with stools', 'open shelving', 'butler sink', 'windowsill over the sink', 'painted shaker units', 'breakfast nook'],
  hallway: ['console table', 'narrow side table', 'mirror by the door', 'coat stand', 'tiled floor', 'stairs with a runner'],
  bedroom: ['upholstered headboard', 'linen bedding', 'chest of drawers', 'dressing table', 'bedside tables', 'window seat'],
  'guest-bedroom': ['iron bedstead', 'single wardrobe', 'chest of drawers', 'small armchair'],
  bathroom: ['roll-top bath', 'deep windowsill', 'freestanding basin', 'walk-in shower'],
  'home-office': ['desk by the window', 'bookcase', 'filing cabinet', 'reading chair'],
  conservatory: ['wicker sofa', 'plant stand', 'bistro table', 'tiled floor'],
  garden: ['patio table', 'raised beds', 'wooden bench', 'pergola'],
  nursery: ['cot', 'rocking chair', 'changing table', 'toy chest'],
  'utility-room': ['butler sink', 'open shelving', 'boot bench'],
  reception: ['reception desk', 'waiting-area sofa', 'low coffee table'],
};
const DEFAULT_FURNITURE = ['sofa', 'side table', 'shelving', 'armchair'];

const ROOM_NICKNAMES: Record<string, string[]> = {
  'living-room': ['the snug', 'the front room', 'the lounge', 'the den', 'the sitting room'],
  bedroom: ['the loft room', 'our room', 'the attic bedroom'],
  'guest-bedroom': ["Mum's room", 'the spare room'],
  'home-office': ['the study', 'the studio', 'the box room'],
  conservatory: ['the garden room', 'the sunroom'],
  garden: ['the courtyard', 'the allotment', 'the balcony'],
  nursery: ["the baby's room", 'the playroom'],
  kitchen: ['the kitchen-diner'],
  reception: ['the front desk', 'the lobby'],
};

const FLORIST_AVOID: [string, string | null][] = [
  ['lilies', 'cat at home'],
  ['strong scent', 'gives headaches'],
  ['pollen', 'hay fever'],
  ['chrysanthemums', 'associated with funerals'],
  ['carnations', 'finds them old-fashioned'],
  ['dyed flowers', 'prefers natural colours'],
  ['imported flowers', 'wants local and seasonal'],
  ['plastic wrapping', 'plastic-free household'],
  ['floral foam', 'sustainability'],
  ['orange', null],
  ['thorny stems', 'young children at home'],
];
const DECOR_AVOID: [string, string | null][] = [
  ['glass-topped tables', 'toddler at home'],
  ['wool', 'finds it itchy'],
  ['feather cushions', 'prefers feather-free'],
  ['velvet', 'dog hair'],
  ['white upholstery', 'two dogs'],
  ['sharp corners', 'young children'],
  ['strong scent', 'scented candles give a headache'],
  ['dry-clean-only covers', 'wants machine-washable'],
  ['high-gloss finishes', null],
  ['real leather', 'vegetarian'],
];

const FLORIST_FREQUENCY: [string, PreferenceValues['frequency']['frequency']][] = [
  ['fresh flowers for the house', 'weekly'],
  ['fresh flowers for the house', 'monthly'],
  ['flowers for the office', 'weekly'],
  ['gifts for family', 'occasionally'],
  ['plants', 'rarely'],
  ['table flowers for dinner parties', 'monthly'],
];
const DECOR_FREQUENCY: [string, PreferenceValues['frequency']['frequency']][] = [
  ['living-room sofa', 'daily'],
  ['dining table', 'weekly'],
  ['guest bedroom', 'rarely'],
  ['garden furniture', 'occasionally'],
  ['home office', 'daily'],
  ['formal dining room', 'occasionally'],
];

const FLOWERS = [
  'tulips',
  'peonies',
  'ranunculus',
  'anemones',
  'sweet peas',
  'roses',
  'hydrangeas',
  'freesias',
  'dahlias',
  'sunflowers',
  'narcissi',
  'hellebores',
  'stocks',
  'lisianthus',
  'orchids',
];
const SEASONS = ['spring', 'summer', 'autumn', 'winter'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const COMPANIES = [
  'Harbourline',
  'Kestrel & Co',
  'Northgate Partners',
  'Fenwick Studio',
  'Larch Interiors',
  'Ashby Design',
  'Millrace',
  'Quayside Hotels',
];
const COMPANY_DOMAINS = [
  'harbourline.example',
  'kestrel.example',
  'northgate-partners.example',
  'fenwick-studio.example',
  'larch.example',
  'ashby-design.example',
  'millrace.example',
  'quayside.example',
];
const EMAIL_DOMAINS = weighted<string>([
  ['example.com', 45],
  ['example.org', 15],
  ['example.net', 20],
  ['mail.example', 20],
]);

interface NoteContext {
  pref: string | null;
  first: string;
  /** her / his / their */
  poss: string;
  colour: string;
  /** A colour flowers come in. */
  flowerColour: string;
  member: HouseholdMember | null;
  language: string | null;
  tags: string[];
  rnd: Rnd;
}
type NoteFn = (c: NoteContext) => string | null;

const COMMON_NOTES: NoteFn[] = [
  (c) => (c.language ? `Speaks ${c.language}; happier chatting in ${c.language} when someone on the team can.` : null),
  () => 'Prefers e-mail to phone calls.',
  () => 'Prefers a text when an order is ready rather than a call.',
  () => 'Usually in on Saturday mornings with the dog.',
  () => 'Parks on the side street — likes a hand carrying things to the car.',
];
const FLORIST_NOTES: NoteFn[] = [
  (c) =>
    `Buys ${c.flowerColour} ${pick(c.rnd, FLOWERS)} for ${c.poss} ${c.member?.relation ?? pick(c.rnd, ['mother', 'grandmother', 'sister', 'partner'])} every ${pick(c.rnd, SEASONS)}.`,
  () => 'Likes the stems left long — has a tall glass vase at home.',
  () => 'Always asks for brown-paper wrapping, no cellophane.',
  () => 'Loves anything with eucalyptus in it.',
  () => 'Not keen on carnations.',
  () => 'Asked about a dried-flower wreath for the front door.',
  () => 'Grows roses at home and knows the varieties — happy to talk shop.',
  () => 'Hosts the family at Christmas; wants a table centrepiece every year.',
  (c) => `Happy for us to choose — just keep it ${c.colour} and seasonal.`,
  () => 'Brings the vases back for reuse — offer the refill price.',
  () => 'Found us through the Saturday market stall.',
  () => 'Likes to hear what came in from the market that week.',
  (c) => (c.member ? `Sends ${c.poss} ${c.member.relation} ${c.member.name.split(' ')[0]} flowers every birthday.` : null),
  (c) => (c.member ? `${c.member.name.split(' ')[0]} (${c.member.relation}) loves ${pick(c.rnd, FLOWERS)}.` : null),
  (c) => (c.tags.includes('corporate') ? 'Orders for the office reception every Monday; invoice to accounts.' : null),
  (c) => (c.tags.includes('wedding-client') ? `Wedding in ${pick(c.rnd, MONTHS)} — consultation booked; bring the mood board.` : null),
];
const DECOR_NOTES: NoteFn[] = [
  (c) => `Measuring the alcove by the fireplace — about ${70 + int(c.rnd, 60)} cm wide.`,
  () => 'Renovating the kitchen over the summer; follow up in September.',
  () => 'Has two dogs — wants washable covers.',
  () => 'Moving house in the spring; will need most of a living room.',
  (c) => `Brought a swatch from the sofa: ${c.colour}, with a slight sheen.`,
  () => 'Wants to see the new velvet cushions when they arrive.',
  () => 'Prefers Saturday deliveries; narrow stairs, so check sizes first.',
  () => 'Asked our security officer for a second opinion on colours last time — he was spot on.',
  () => 'Likes to take things home on approval before deciding.',
  () => 'Looking for a rug to soften an echoey hallway.',
  () => 'Collects studio pottery; keep an eye out for new makers.',
  (c) => `Said the ${c.colour} throw washed well; might want a second one.`,
  (c) => `Repainting the bedroom ${c.colour} — wants cushions to match.`,
  () => 'Only buys reclaimed or FSC-certified wood.',
  (c) =>
    c.member ? `${c.member.name.split(' ')[0]} (${c.member.relation}) has the final say on big pieces — suggest coming in together.` : null,
  (c) => (c.tags.includes('trade') ? `Interior designer; trade account for ${pick(c.rnd, COMPANIES)}.` : null),
];

// ---------------------------------------------------------------------------------------------
// The generator

const RELATIONS = weighted<[string, 'f' | 'm' | 'x', number]>([
  [['partner', 'x', 0.6], 14],
  [['wife', 'f', 0.7], 10],
  [['husband', 'm', 0.6], 10],
  [['mother', 'f', 0.85], 14],
  [['father', 'm', 0.5], 6],
  [['daughter', 'f', 0.6], 9],
  [['son', 'm', 0.5], 7],
  [['sister', 'f', 0.6], 6],
  [['brother', 'm', 0.4], 4],
  [['grandmother', 'f', 0.8], 5],
  [['mother-in-law', 'f', 0.7], 3],
  [['friend', 'x', 0.5], 5],
  [['colleague', 'x', 0.3], 2],
]);
const MEMBER_NOTES = [
  'Loves yellow roses',
  'Prefers potted plants to cut flowers',
  'Lives in the north — needs delivery',
  'Turns 70 this year',
  'Not a fan of anything pink',
  'Likes something to keep, not just flowers',
  'Has a small flat; keep it compact',
];

/** The few e-mail addresses the special customers use; the generator never hands them out. */
const RESERVED_EMAILS = ['adaeze.okafor@example.com', 'kate.wojcik@example.com'];
/** Below this index e-mails are kept unique with a set; from it on, the index itself is the suffix. */
const UNIQUE_SET_LIMIT = 10_000;

interface Context {
  rnd: Rnd;
  country: string;
  florist: boolean;
  storeCount: number;
  cultures: Weighted<Culture>;
  colours: string[];
  neutrals: string[];
  accents: string[];
  colourLabel: Map<string, string>;
  styles: string[];
  rooms: string[];
  materials: string[];
  occasions: string[];
  sizes: string[];
  budgets: Budget[];
  money: number;
  seenEmails: Set<string>;
  /** Numbers dealt so far per fiction range, and the shuffled decks they are dealt from. */
  dealt: Map<string, number>;
  deck1000: number[];
  deck100: number[];
  /** Colours that make sense for flowers in notes ("buys white tulips"). */
  flowerColours: string[];
}

const NEUTRAL_FAMILIES = new Set(['white', 'cream', 'grey', 'brown', 'black']);
const FLOWER_COLOURS = new Set([
  'white',
  'ivory',
  'cream',
  'blush',
  'peach',
  'apricot',
  'coral',
  'lemon',
  'lilac',
  'lavender',
  'burgundy',
  'red',
  'hot-pink',
  'dusty-rose',
  'plum',
  'champagne',
]);

function makeContext(opts: GeneratorOptions): Context {
  if (!Number.isInteger(opts.storeCount) || opts.storeCount < 1) throw new RangeError('storeCount must be a positive integer');
  const country = (opts.country || 'GB').toUpperCase();
  const keys = (kind: string) => opts.vocabulary.filter((t) => t.kind === kind).map((t) => t.key);
  const colourTerms = opts.vocabulary.filter((t) => t.kind === 'colour');
  const florist =
    opts.flavour === 'florist' ||
    (opts.flavour === undefined &&
      opts.vocabulary.some((t) => (t.kind === 'size' && t.key === 'posy') || (t.kind === 'material' && t.key === 'fresh-flowers')));
  return {
    rnd: mulberry32(opts.seed ^ 0x5eed1e55),
    country,
    florist,
    storeCount: opts.storeCount,
    cultures: cultureMix(country),
    colours: colourTerms.map((t) => t.key),
    neutrals: colourTerms.filter((t) => t.family && NEUTRAL_FAMILIES.has(t.family)).map((t) => t.key),
    accents: colourTerms.filter((t) => !t.family || !NEUTRAL_FAMILIES.has(t.family)).map((t) => t.key),
    colourLabel: new Map(colourTerms.map((t) => [t.key, t.label.toLowerCase()])),
    styles: keys('style'),
    rooms: keys('room'),
    materials: keys('material'),
    occasions: keys('occasion'),
    sizes: keys('size'),
    budgets: florist ? FLORIST_BUDGETS : DECOR_BUDGETS,
    money: CURRENCY_FACTOR[country] ?? 1.2,
    seenEmails: new Set(RESERVED_EMAILS),
    dealt: new Map(),
    deck1000: shuffledDeck(1000, opts.seed),
    deck100: shuffledDeck(100, opts.seed),
    flowerColours: colourTerms.filter((t) => FLOWER_COLOURS.has(t.key)).map((t) => t.label.toLowerCase()),
  };
}

function shuffledDeck(size: number, seed: number): number[] {
  const rnd = mulberry32(seed ^ 0x0dec0de5);
  const deck = Array.from({ length: size }, (_, i) => i);
  for (let i = size - 1; i > 0; i--) {
    const j = int(rnd, i + 1);
    const t = deck[i]!;
    deck[i] = deck[j]!;
    deck[j] = t;
  }
  return deck;
}

type Gender = 'f' | 'm' | 'x';

function firstNameFor(rnd: Rnd, culture: Culture, gender: Gender): Name {
  const pool = gender === 'f' ? culture.female : gender === 'm' ? culture.male : rnd() < 0.5 ? culture.female : culture.male;
  return pickSkewed(rnd, pool);
}

function lastNameFor(rnd: Rnd, culture: Culture, gender: Gender): Name {
  const n = pickSkewed(rnd, culture.last);
  return gender === 'f' && n.fem ? n.fem : n;
}

const EMAIL_SEPARATORS = ['.', '.', '.', '', '_'];

function emailLocal(rnd: Rnd, first: Name, last: Name | null, pref: string | null, unicode: boolean): string {
  const f = unicode && first.u ? first.u : first.a;
  if (!last) return rnd() < 0.5 ? f : `${f}${1950 + int(rnd, 56)}`;
  const l = unicode && last.u ? last.u : last.a;
  const sep = pick(rnd, EMAIL_SEPARATORS);
  const r = rnd();
  if (r < 0.4) return `${f}${sep}${l}`;
  if (r < 0.52) return `${f[0]}${sep}${l}`;
  if (r < 0.64) return `${f}${sep}${l}${pad(int(rnd, 100), 2)}`;
  if (r < 0.72) return `${f}${1950 + int(rnd, 56)}`;
  if (r < 0.78) return `${l}${sep}${f}`;
  if (r < 0.84) return `${f}${l[0]}${int(rnd, 90) + 10}`;
  if (r < 0.9 && pref) return `${fold(pref).replace(/[^a-z0-9]+/g, '')}${sep}${l}`;
  if (r < 0.95) return `${f}${sep}${l[0]}`;
  return `${f}${l}`;
}

function uniqueEmail(ctx: Context, index: number, local: string, domain: string): string {
  if (index >= UNIQUE_SET_LIMIT) {
    // Local parts never end in more than four digits below the limit, so the index keeps these unique.
    return `${stripDigits(local)}${index}@${domain}`;
  }
  let address = `${local}@${domain}`;
  for (let n = 2; ctx.seenEmails.has(address); n++) address = `${stripDigits(local)}${n}@${domain}`;
  ctx.seenEmails.add(address);
  return address;
}

function validDay(rnd: Rnd, month: number): number {
  return 1 + int(rnd, month === 2 ? 28 : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

function pickDistinct<T>(rnd: Rnd, pool: readonly T[], n: number, exclude?: T): T[] {
  const out: T[] = [];
  for (let tries = 0; out.length < n && tries < n * 4; tries++) {
    const x = pick(rnd, pool);
    if (x !== exclude && !out.includes(x)) out.push(x);
  }
  return out;
}

type Pref = { key: string; value: unknown };
const pref = <K extends keyof PreferenceValues>(key: K, value: PreferenceValues[K]): Pref => ({ key, value });

// Plain loops rather than closures in the hot path: a million customers notice the difference.
function hasKey(list: readonly Pref[], key: string, occasion?: string): boolean {
  for (const p of list)
    if (p.key === key && (occasion === undefined || (p.value as { occasion?: string }).occasion === occasion)) return true;
  return false;
}
function hasKind(list: readonly { kind: string }[], kind: string): boolean {
  for (const x of list) if (x.kind === kind) return true;
  return false;
}
function hasRelation(list: readonly HouseholdMember[], relation: string): boolean {
  for (const x of list) if (x.relation === relation) return true;
  return false;
}
/** `s` without trailing digits. */
function stripDigits(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) >= 48 && s.charCodeAt(end - 1) <= 57) end--;
  return end === s.length ? s : s.slice(0, end);
}

function roomColours(ctx: Context): string[] {
  const { rnd } = ctx;
  const out: string[] = [];
  if (ctx.neutrals.length && rnd() < 0.75) out.push(pick(rnd, ctx.neutrals));
  const accents = (out.length ? 0 : 1) + int(rnd, 2);
  for (const c of pickDistinct(rnd, ctx.accents.length ? ctx.accents : ctx.colours, accents)) if (!out.includes(c)) out.push(c);
  if (out.length === 0 && ctx.colours.length) out.push(pick(rnd, ctx.colours));
  return out;
}

function roomPreference(ctx: Context, room: string): Pref {
  const { rnd } = ctx;
  const furniture = pickDistinct(rnd, FURNITURE[room] ?? DEFAULT_FURNITURE, 1 + int(rnd, 2));
  const nicknames = ROOM_NICKNAMES[room];
  return pref('room', {
    room,
    name: nicknames && rnd() < 0.3 ? pick(rnd, nicknames) : null,
    colours: ctx.colours.length ? roomColours(ctx) : [],
    style: ctx.styles.length && rnd() < 0.85 ? pick(rnd, ctx.styles) : null,
    furniture,
    size: rnd() < 0.6 ? pick(rnd, ['small', 'medium', 'large'] as const) : null,
    light: rnd() < 0.5 ? pick(rnd, ['low', 'medium', 'bright'] as const) : null,
  });
}

const FIXED_OCCASION_DATES: Record<string, [number, number]> = {
  valentines: [2, 14],
  christmas: [12, 25],
  'new-year': [12, 31],
};

function preferences(ctx: Context): Pref[] {
  const { rnd } = ctx;
  const wanted = 3 + int(rnd, 4);
  const out: Pref[] = [];
  const liked: string[] = [];
  // Candidate kinds in a shuffled order, weighted by how often associates record them.
  const slots = ctx.florist
    ? [
        'colour-liked',
        'colour-liked',
        'occasion',
        'occasion',
        'budget',
        'style',
        'avoid',
        'room',
        'frequency',
        'colour-disliked',
        'size',
        'material',
      ]
    : [
        'room',
        'room',
        'colour-liked',
        'style',
        'budget',
        'material',
        'colour-disliked',
        'frequency',
        'avoid',
        'occasion',
        'size',
        'colour-liked',
      ];
  for (let i = slots.length - 1; i > 0; i--) {
    const j = int(rnd, i + 1);
    const t = slots[i]!;
    slots[i] = slots[j]!;
    slots[j] = t;
  }
  const roomsUsed: string[] = [];
  for (const slot of slots) {
    if (out.length >= wanted) break;
    switch (slot) {
      case 'room': {
        if (!ctx.rooms.length) break;
        const room = ctx.florist ? pick(rnd, ctx.rooms) : pickSkewed(rnd, ctx.rooms);
        if (roomsUsed.includes(room)) break;
        roomsUsed.push(room);
        out.push(roomPreference(ctx, room));
        break;
      }
      case 'colour-liked': {
        if (!ctx.colours.length) break;
        const colour = pick(rnd, ctx.colours);
        if (liked.includes(colour)) break;
        liked.push(colour);
        out.push(pref('colour-liked', { colour }));
        break;
      }
      case 'colour-disliked': {
        if (!ctx.colours.length) break;
        const colour = pick(rnd, ctx.colours);
        if (liked.includes(colour)) break;
        liked.push(colour);
        out.push(pref('colour-disliked', { colour }));
        break;
      }
      case 'style':
        if (ctx.styles.length && !hasKey(out, 'style')) out.push(pref('style', { style: pick(rnd, ctx.styles) }));
        break;
      case 'material':
        if (ctx.materials.length && !hasKey(out, 'material')) out.push(pref('material', { material: pick(rnd, ctx.materials) }));
        break;
      case 'size':
        if (ctx.sizes.length && !hasKey(out, 'size')) out.push(pref('size', { size: pick(rnd, ctx.sizes) }));
        break;
      case 'occasion': {
        if (!ctx.occasions.length) break;
        const occasion = pickSkewed(rnd, ctx.occasions);
        if (hasKey(out, 'occasion', occasion)) break;
        const fixed = FIXED_OCCASION_DATES[occasion];
        out.push(pref('occasion', fixed ? { occasion, month: fixed[0], day: fixed[1] } : { occasion }));
        break;
      }
      case 'budget': {
        if (hasKey(out, 'budget')) break;
        const b = pickSkewed(rnd, ctx.budgets);
        const lo = b.min + rnd() * (b.max - b.min) * 0.5;
        const min = niceAmount(lo * ctx.money);
        let max = niceAmount(Math.min(b.max * 1.2, lo * (1.3 + rnd() * 0.9)) * ctx.money);
        if (max <= min) max = niceAmount(min * 1.5);
        out.push(pref('budget', rnd() < 0.15 ? { category: b.category, min: null, max } : { category: b.category, min, max }));
        break;
      }
      case 'frequency': {
        if (hasKey(out, 'frequency')) break;
        const [subject, frequency] = pick(rnd, ctx.florist ? FLORIST_FREQUENCY : DECOR_FREQUENCY);
        out.push(pref('frequency', { subject, frequency }));
        break;
      }
      case 'avoid': {
        if (hasKey(out, 'avoid')) break;
        const [item, reason] = pick(rnd, ctx.florist ? FLORIST_AVOID : DECOR_AVOID);
        out.push(pref('avoid', { item, reason }));
        break;
      }
    }
  }
  return out;
}

function address(ctx: Context, gbCity: GbCity | null, usCity: UsCity | null): Address {
  const { rnd } = ctx;
  const street = `${pick(rnd, STREET_WORDS)} ${pick(rnd, usCity ? STREET_KINDS_US : STREET_KINDS_GB)}`;
  if (gbCity) {
    const number = 1 + int(rnd, rnd() < 0.8 ? 120 : 400);
    const r = rnd();
    const [line1, line2] =
      r < 0.15
        ? [`${number} ${street}`, `Flat ${1 + int(rnd, 12)}${rnd() < 0.3 ? pick(rnd, ['A', 'B', 'C']) : ''}`]
        : r < 0.2
          ? [pick(rnd, HOUSE_NAMES), street]
          : [`${number} ${street}`, null];
    const postcode = `${pick(rnd, gbCity.districts)} ${1 + int(rnd, 9)}${POSTCODE_LETTERS[int(rnd, 20)]}${POSTCODE_LETTERS[int(rnd, 20)]}`;
    return { line1, line2, city: gbCity.city, region: null, postcode, country: 'GB' };
  }
  if (usCity) {
    const number = 10 + int(rnd, rnd() < 0.7 ? 990 : 9000);
    const line2 =
      rnd() < 0.25
        ? `${pick(rnd, ['Apt', 'Unit', 'Apt.', '#'])} ${1 + int(rnd, 30)}${rnd() < 0.4 ? pick(rnd, ['A', 'B', 'C', 'D']) : ''}`
        : null;
    return {
      line1: `${number} ${street}`,
      line2,
      city: usCity.city,
      region: usCity.state,
      postcode: `${usCity.zip}${pad(int(rnd, 100), 2)}`,
      country: 'US',
    };
  }
  const cities = INTERNATIONAL[ctx.country]?.cities;
  return {
    line1: `${1 + int(rnd, 150)} ${street}`,
    line2: null,
    city: cities ? pick(rnd, cities) : null,
    region: null,
    postcode: digits(rnd, 5),
    country: ctx.country,
  };
}

function phoneNumber(ctx: Context, label: string, culture: Culture, gbCity: GbCity | null, usCity: UsCity | null): string {
  const { rnd } = ctx;
  if (rnd() < 0.05) {
    // From abroad: often the customer's other home, else anywhere.
    const home = culture.dial && culture.dial !== ctx.country && rnd() < 0.5 ? culture.dial : null;
    let key = home ?? pick(rnd, INTERNATIONAL_KEYS);
    if (key === ctx.country) key = ctx.country === 'FR' ? 'DE' : 'FR';
    return internationalNumber(rnd, key);
  }
  if (ctx.country === 'GB') {
    if (label === 'mobile') return gbMobile(ctx);
    return gbLandline(ctx, label === 'work' && rnd() < 0.5 ? GB_CITIES[0]![0] : (gbCity ?? pickWeighted(rnd, GB_CITY_PICK)));
  }
  if (ctx.country === 'US' || ctx.country === 'CA') {
    const area = ctx.country === 'CA' ? pick(rnd, CA_AREAS) : pick(rnd, (usCity ?? pickWeighted(rnd, US_CITY_PICK)).areas);
    const n = usNumber(ctx, area);
    return label === 'work' && rnd() < 0.2 ? `${n} ext. ${100 + int(rnd, 900)}` : n;
  }
  if (INTERNATIONAL[ctx.country]) return nationalNumber(rnd, ctx.country);
  return internationalNumber(rnd, pick(rnd, INTERNATIONAL_KEYS));
}

const PHONE_LABELS = weighted<string>([
  ['mobile', 70],
  ['home', 22],
  ['work', 8],
]);

const TAG_SHARES_FLORIST: [string, number][] = [
  ['vip', 0.05],
  ['wedding-client', 0.05],
  ['corporate', 0.04],
  ['trade', 0.01],
  ['newsletter', 0.35],
  ['local', 0.45],
];
const TAG_SHARES_DECOR: [string, number][] = [
  ['vip', 0.05],
  ['wedding-client', 0.01],
  ['corporate', 0.02],
  ['trade', 0.05],
  ['newsletter', 0.35],
  ['local', 0.4],
];

function generateOne(ctx: Context, index: number): GeneratedCustomer {
  const { rnd } = ctx;

  // Who
  const culture = pickWeighted(rnd, ctx.cultures);
  const gr = rnd();
  const gender: Gender = gr < 0.53 ? 'f' : gr < 0.985 ? 'm' : 'x';
  const first = firstNameFor(rnd, culture, gender);
  const lastCulture = rnd() < 0.08 ? pickWeighted(rnd, ctx.cultures) : culture;
  let last: Name | null = rnd() < 0.007 ? null : lastNameFor(rnd, lastCulture, gender);
  let lastName = last?.n ?? null;
  if (last && lastCulture.double && rnd() < lastCulture.double) {
    const second = lastNameFor(rnd, lastCulture, gender);
    if (second !== last) {
      const hyphen = rnd() < 0.4;
      lastName = `${last.n}${hyphen ? '-' : ' '}${second.n}`;
      last = { n: lastName, a: `${last.a}${hyphen ? '-' : ''}${second.a}`, u: null, nick: null, fem: null };
    }
  }
  // The special demo customers are added by the caller; never make a second one by accident.
  if (first.n === 'Adaeze' && lastName === 'Okafor') lastName = 'Okonkwo';
  if ((first.n === 'Katherine' || first.n === 'Kate') && (lastName === 'Wójcik' || lastName === 'Wojcik')) lastName = 'Nowak';

  let preferredName: string | null = null;
  const pr = rnd();
  if (first.nick && pr < 0.8) preferredName = pick(rnd, first.nick);
  else if (culture.english && pr < 0.5) preferredName = pick(rnd, gender === 'm' ? ENGLISH_NAMES.m : ENGLISH_NAMES.f);
  else if (!first.nick && pr < 0.4 && /[\s-]/.test(first.n)) preferredName = first.n.split(/[\s-]/)[0] ?? null; // José María → José
  if (preferredName === first.n) preferredName = null;

  let title: string | null = null;
  if (rnd() < 0.15) {
    const t = rnd();
    if (gender === 'x') title = t < 0.8 ? 'Mx' : 'Dr';
    else if (t < 0.09) title = 'Dr';
    else if (t < 0.1) title = 'Prof';
    else if (gender === 'm') title = 'Mr';
    else title = t < 0.55 ? 'Mrs' : t < 0.88 ? 'Ms' : 'Miss';
  }

  // Where
  const hasAddress = rnd() < 0.7;
  const gbCity = ctx.country === 'GB' ? pickWeighted(rnd, GB_CITY_PICK) : null;
  const usCity = ctx.country === 'US' ? pickWeighted(rnd, US_CITY_PICK) : null;
  const addr = hasAddress ? address(ctx, gbCity, usCity) : null;

  // Contact
  const phones: Phone[] = [];
  const pc = rnd();
  const phoneCount = pc < 0.2 ? 0 : pc < 0.86 ? 1 : 2;
  for (let i = 0; i < phoneCount; i++) {
    let label = pickWeighted(rnd, PHONE_LABELS);
    if (i === 1 && label === phones[0]!.label) label = label === 'mobile' ? 'home' : 'mobile';
    phones.push({ label, number: phoneNumber(ctx, label, culture, gbCity, usCity) });
  }

  const emails: Email[] = [];
  const ec = rnd();
  const emailCount = ec < 0.15 ? 0 : ec < 0.88 ? 1 : 2;
  if (emailCount > 0) {
    const unicode = (first.u !== null || last?.u != null) && rnd() < 0.25;
    const local = emailLocal(rnd, first, last, preferredName, unicode);
    emails.push({ label: 'personal', address: uniqueEmail(ctx, index, local, pickWeighted(rnd, EMAIL_DOMAINS)) });
    if (emailCount === 2) {
      const workLocal = last ? `${rnd() < 0.5 ? first.a[0] : first.a}.${last.a}` : first.a;
      emails.push({ label: 'work', address: uniqueEmail(ctx, index, workLocal, pick(rnd, COMPANY_DOMAINS)) });
    }
  }

  // Tags
  const tags: string[] = [];
  for (const [tag, share] of ctx.florist ? TAG_SHARES_FLORIST : TAG_SHARES_DECOR) if (rnd() < share) tags.push(tag);

  // Household and dates
  const household: HouseholdMember[] = [];
  if (rnd() < 0.3) {
    const n = 1 + (rnd() < 0.3 ? 1 + int(rnd, 2) : 0);
    for (let i = 0; i < n; i++) {
      const [relation, g, giftShare] = pickWeighted(rnd, RELATIONS);
      if (hasRelation(household, relation) && /partner|wife|husband|mother|father/.test(relation)) continue;
      const memberGender: Gender = g === 'x' ? (rnd() < 0.5 ? 'f' : 'm') : g;
      const memberFirst = firstNameFor(rnd, culture, memberGender).n;
      const sameFamily = /daughter|son|sister|brother/.test(relation) || (/wife|husband/.test(relation) && rnd() < 0.6);
      const memberLast = last && sameFamily && rnd() < 0.3 ? ` ${memberGender === 'f' && last.fem ? last.fem.n : (lastName ?? '')}` : '';
      household.push({
        name: `${memberFirst}${memberLast}`,
        relation,
        giftRecipient: rnd() < giftShare,
        notes: rnd() < 0.25 ? pick(rnd, MEMBER_NOTES) : null,
      });
    }
  }

  const dates: ImportantDate[] = [];
  if (rnd() < 0.4) {
    const n = 1 + (rnd() < 0.3 ? 1 : 0);
    for (let i = 0; i < n; i++) {
      const month = 1 + int(rnd, 12);
      const day = validDay(rnd, month);
      const remind = rnd() < 0.85;
      const k = rnd();
      if (k < 0.4 && !hasKind(dates, 'birthday')) {
        dates.push({ kind: 'birthday', label: null, month, day, year: rnd() < 0.4 ? 1940 + int(rnd, 66) : null, remind });
      } else if (k < 0.65 && !hasKind(dates, 'anniversary')) {
        dates.push({
          kind: 'anniversary',
          label: rnd() < 0.5 ? 'Wedding anniversary' : null,
          month,
          day,
          year: rnd() < 0.5 ? 1975 + int(rnd, 50) : null,
          remind,
        });
      } else {
        const member = household.length ? pick(rnd, household) : null;
        const label = member
          ? `${member.name.split(' ')[0]}'s birthday`
          : pick(rnd, [
              ctx.country === 'US' ? "Mom's birthday" : "Mum's birthday",
              "Mother's birthday",
              "Grandma's birthday",
              'Anniversary of father passing',
              'Moved into the new house',
              "Daughter's graduation",
              'Shop anniversary',
            ]);
        dates.push({ kind: 'custom', label, month, day, year: null, remind });
      }
    }
  }

  // Relationship with the shop
  const vip = tags.includes('vip');
  const vr = rnd();
  const visits = vr < 0.1 && !vip ? 0 : 1 + Math.floor(-Math.log(1 - rnd()) * (ctx.florist ? 5 : 3)) + (vip ? 10 + int(rnd, 50) : 0);
  const basket = (ctx.florist ? 38 : 95) * ctx.money;
  let spend = 0;
  if (visits > 0) {
    spend = visits * basket * Math.exp((rnd() + rnd() + rnd() - 1.5) * 0.8);
    if (!ctx.florist && rnd() < 0.08) spend += basket * (8 + rnd() * 22);
    if (tags.includes('wedding-client') && ctx.florist) spend += basket * (20 + rnd() * 40);
    spend = Math.round(spend * 100) / 100;
  }
  const lastVisitDaysAgo = visits === 0 ? null : Math.min(1825, Math.floor(-Math.log(1 - rnd()) * (visits > 5 ? 30 : 150)));
  const hs = rnd();
  const homeStore = Math.min(ctx.storeCount - 1, Math.floor(hs * hs * 0.5 * ctx.storeCount + hs * 0.5 * ctx.storeCount));

  // What they like
  const prefs = rnd() < 0.6 ? preferences(ctx) : [];

  // Notes
  const notes: string[] = [];
  const nr = rnd();
  const noteCount = nr < 0.45 ? 0 : nr < 0.75 ? 1 : nr < 0.92 ? 2 : 3;
  if (noteCount > 0) {
    if (preferredName && rnd() < 0.4) notes.push(`Prefers to be called ${preferredName}.`);
    const colourKey = ctx.colours.length ? pick(rnd, ctx.colours) : null;
    const nc: NoteContext = {
      pref: preferredName,
      first: first.n,
      poss: gender === 'f' ? 'her' : gender === 'm' ? 'his' : 'their',
      colour: (colourKey && ctx.colourLabel.get(colourKey)) || 'white',
      flowerColour: ctx.flowerColours.length ? pick(rnd, ctx.flowerColours) : 'white',
      member: household.length ? household[0]! : null,
      language: culture.language,
      tags,
      rnd,
    };
    const pool = ctx.florist ? FLORIST_NOTES : DECOR_NOTES;
    for (let tries = 0; notes.length < noteCount && tries < 8; tries++) {
      const fn = rnd() < 0.2 ? pick(rnd, COMMON_NOTES) : pick(rnd, pool);
      const note = fn(nc);
      if (note && !notes.includes(note)) notes.push(note);
    }
  }

  return {
    title,
    firstName: first.n,
    lastName,
    preferredName,
    phones,
    emails,
    address: addr,
    household,
    dates,
    tags,
    assignedStaffId: null,
    homeStoreId: null,
    lastVisitDaysAgo,
    visits,
    spend,
    homeStore,
    preferences: prefs,
    notes,
  };
}

/** Customers one at a time: customer i is the same for every count, and nothing is kept but a small e-mail set. */
export function* generateCustomers(count: number, opts: GeneratorOptions): Generator<GeneratedCustomer> {
  const ctx = makeContext(opts);
  for (let i = 0; i < count; i++) yield generateOne(ctx, i);
}

export function generateCustomerList(count: number, opts: GeneratorOptions): GeneratedCustomer[] {
  const ctx = makeContext(opts);
  const out = new Array<GeneratedCustomer>(Math.max(0, count));
  for (let i = 0; i < count; i++) out[i] = generateOne(ctx, i);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Special people of the demo world (Bloom & Stem, a florist in London)

/** Mrs Okafor, from the story: New Year's Eve, local flowers, décor questions, silk flowers thrown in. */
export const OKAFOR: GeneratedCustomer = {
  title: 'Mrs',
  firstName: 'Adaeze',
  lastName: 'Okafor',
  preferredName: null,
  phones: [{ label: 'home', number: '020 7946 0958' }],
  emails: [{ label: 'personal', address: 'adaeze.okafor@example.com' }],
  address: { line1: '14 Larkspur Road', line2: null, city: 'London', region: null, postcode: 'N16 7QP', country: 'GB' },
  household: [],
  dates: [],
  tags: [],
  assignedStaffId: null,
  homeStoreId: null,
  lastVisitDaysAgo: 24,
  visits: 7,
  spend: 412.5,
  homeStore: 0,
  preferences: [
    pref('room', { room: 'living-room', colours: ['sage', 'cream'], style: 'classic', furniture: ['cream linen sofa', 'oak sideboard'] }),
    pref('avoid', { item: 'lilies', reason: 'cat at home' }),
    pref('colour-liked', { colour: 'white' }),
    pref('colour-liked', { colour: 'blush' }),
    pref('occasion', { occasion: 'new-year', month: 12, day: 31 }),
    pref('budget', { category: 'bouquets', min: 40, max: 60 }),
  ],
  notes: ['Looking for local, seasonal flowers — not imported.', 'Has a cat (Biscuit): no lilies, ever.'],
};

/** One customer entered twice: once in full at the counter, once as a quick walk-in on another day. */
export const DUPLICATE_PAIR: [GeneratedCustomer, GeneratedCustomer] = [
  {
    title: 'Ms',
    firstName: 'Katherine',
    lastName: 'Wójcik',
    preferredName: 'Kate',
    phones: [{ label: 'mobile', number: '07700 900417' }],
    emails: [{ label: 'personal', address: 'kate.wojcik@example.com' }],
    address: { line1: '3 Foxglove Mews', line2: null, city: 'London', region: null, postcode: 'E8 2RX', country: 'GB' },
    household: [{ name: 'Halina', relation: 'mother', giftRecipient: true, notes: 'Lives in Kraków — needs international delivery' }],
    dates: [{ kind: 'custom', label: "Mother's Day in Poland", month: 5, day: 26, year: null, remind: true }],
    tags: ['newsletter'],
    assignedStaffId: null,
    homeStoreId: null,
    lastVisitDaysAgo: 61,
    visits: 4,
    spend: 186,
    homeStore: 0,
    preferences: [
      pref('colour-liked', { colour: 'peach' }),
      pref('style', { style: 'wild-garden' }),
      pref('occasion', { occasion: 'mothers-day', month: 5, day: 26 }),
    ],
    notes: ["Sends peonies to her mother in Kraków for Polish Mother's Day (26 May)."],
  },
  {
    title: null,
    firstName: 'Kate',
    lastName: 'Wojcik',
    preferredName: null,
    phones: [{ label: 'mobile', number: '+44 7700 900417' }],
    emails: [],
    address: null,
    household: [],
    dates: [],
    tags: [],
    assignedStaffId: null,
    homeStoreId: null,
    lastVisitDaysAgo: 3,
    visits: 1,
    spend: 32,
    homeStore: 0,
    preferences: [pref('colour-liked', { colour: 'lemon' }), pref('budget', { category: 'bouquets', min: 25, max: 35 })],
    notes: ["Walk-in; said she'd been in before but we couldn't find her."],
  },
];
