import { normalise, type Lang } from './tokenise.js';

export type EmergencyKind = 'fire' | 'gunshots' | 'injury' | 'not-breathing' | 'crime-in-progress' | 'gas' | 'other';

export interface EmergencyCheck {
  emergency: boolean;
  kind?: EmergencyKind;
}

interface Rule {
  kind: EmergencyKind;
  pattern: RegExp;
  /** Injury and attack words also describe animals ("injured dog"), which are a 311 matter. */
  notAboutAnimals?: boolean;
}

// Ordinary 311 phrases that contain an alarming word; removed before the rules run.
const HARMLESS: Record<Lang, RegExp[]> = {
  en: [
    /\bfire ?(hydrant|plug|escape|hazard|station|house|department|dept|code|inspection|alarm|debris|pit|lane|truck|damaged?)s?\b/g,
    /\bfireworks?\b/g,
    /\b(smoke|fire|carbon monoxide|co) (alarm|detector)s?\b/g,
    /\bsmok(e|ing) (shop|ban|area)\b/g,
    /\b(after|from|since|before) (a|the) fire\b/g,
    /\b(there was|had|was) a fire\b/g,
    /\bfire (last|a few|two|three|some) \w+\b/g,
    /\b(burned|burnt) (out|down)\b/g,
    /\b(shot|shots) ?(clock|glass|put)\b/g,
    /\bgas (station|stations|can|cap|prices?|pedal|tank)\b/g,
    /\bbreak ?(in|into) (the|my|our|his|her)? ?(car|vehicle|truck)\b.*\b(last|yesterday|ago|overnight)\b/g,
    /\b(shooting|shot|shoot) (hoops|baskets|a basket|pool|photos?|pictures?|video|a video|the breeze)\b/g,
  ],
  es: [
    /\b(hidrante|boca|bocas|toma) (contra |de )?incendios?\b/g,
    /\bfuegos artificiales\b/g,
    /\b(alarma|alarmas|detector|detectores) (de|contra) (humo|incendios?|monoxido)\b/g,
    /\b(despues del|por el|hubo un|desde el) incendio\b/g,
    /\bgasolinera\b/g,
  ],
};

const PERSON_EN = String.raw`(someone|somebody|some ?one|a (man|woman|person|guy|lady|kid|child|boy|girl|baby)|my (son|daughter|husband|wife|mother|mom|father|dad|brother|sister|neighbou?r|friend|child|kid|baby|grand\w+)|(he|she|they|people)( is| are| was|'s|'re)?)`;

const RULES: Record<Lang, Rule[]> = {
  en: [
    { kind: 'gas', pattern: /\b(smell(s|ing)? (of |like )?(natural )?gas|gas (smell|odou?r|leak)|leak(ing)? gas|odou?r of gas|carbon monoxide)\b/ },
    { kind: 'gunshots', pattern: /\b(gun ?shots?|gun ?fire|shots? (fired|being fired)|shoot ?out|shooting|(got|been|was|were|being|is|are|just) shot|shot (him|her|me|them|someone|somebody|at)|(has|with|pulled|waving|pointing) a (gun|pistol|rifle|firearm))\b/ },
    { kind: 'not-breathing', pattern: /\b(not breathing|(can ?not|cannot|can't|could not|trouble|difficulty|hard to) breath(e|ing)?|stopped breathing|no pulse|heart attack|cardiac arrest|chok(ing|es) (on|and)|is choking|drowning)\b/ },
    { kind: 'fire', pattern: /\b(on fire|fire|flames?|burning|smoke (is )?(coming|pouring|everywhere)|(full of|lot of|black|thick) smoke|smoke)\b/ },
    { kind: 'crime-in-progress', notAboutAnimals: true, pattern: new RegExp(String.raw`\b((is|are|'s|'re) (trying to )?break(ing)? (in|into)|breaking (in|into)|trying to break in|(robbery|break-?in|burglary|assault|fight) in progress|(is|are) being (robbed|attacked|assaulted|beaten|stabbed)|robbing|mugging|(attacking|beating|stabbing|hitting|assaulting|choking|strangling) (me|him|her|them|us|${PERSON_EN})|(is|are) (fighting|attacking)|intruder|someone (is )?in my house|kidnapp?(ing|ed)|carjack(ing|ed)?|threatening (me|us|him|her) with|has a knife|with a knife|domestic violence)\b`) },
    { kind: 'injury', notAboutAnimals: true, pattern: new RegExp(String.raw`\b(bleeding|unconscious|unresponsive|passed out|collapsed|overdos(e|ed|ing)|\bod(ing|ed)\b|seizure|stabbed|hit by a (car|truck|bus)|badly hurt|seriously (hurt|injured)|${PERSON_EN} (is |was |got |has been |have been |are )?(hurt|injured|bleeding)|(hurt|injured) (man|woman|person|child|kid|people))\b`) },
    { kind: 'other', pattern: /\b(live wires?|(power|electric(al)?|electricity|utility|bge) (lines?|wires?|cables?) (is |are )?(down|on the ground|sparking|fell|fallen|hanging)|(downed|fallen) (power |electric(al)? |live )?(lines?|wires?)|wires? (is |are )?(down|sparking|on fire)|sparking|suicid(e|al)|kill (myself|himself|herself)|building (collapse|collapsed|is collapsing)|explosion)\b/ },
  ],
  es: [
    { kind: 'gas', pattern: /\b(olor a gas|huele a gas|fuga de gas|escape de gas|monoxido de carbono)\b/ },
    { kind: 'gunshots', pattern: /\b(disparos?|balazos?|balacera|tiroteo|tiros|dispararon|disparando|le dispararon|tiene (un|una) (pistola|arma))\b/ },
    { kind: 'not-breathing', pattern: /\b(no (esta )?respira(ndo)?|no puede respirar|dejo de respirar|ataque al corazon|infarto|se esta ahogando|ahogandose)\b/ },
    { kind: 'fire', pattern: /\b(fuego|incendio|se esta quemando|quemandose|llamas|humo)\b/ },
    { kind: 'crime-in-progress', notAboutAnimals: true, pattern: /\b(me estan robando|estan robando|robando|asaltando|asalto|estan entrando a (mi|la) casa|forzando la puerta|intruso|secuestr\w+|lo estan golpeando|la estan golpeando|golpeando a|con un cuchillo|tiene un cuchillo|me quiere matar|violencia domestica)\b/ },
    { kind: 'injury', notAboutAnimals: true, pattern: /\b(herid[oa]s?|sangrando|inconsciente|desmayad[oa]|se desmayo|sobredosis|no responde|apunalad[oa]|atropell\w+|convulsion\w*|lastimad[oa])\b/ },
    { kind: 'other', pattern: /\b(cables? (electricos? |de luz )?(caidos?|en el suelo|sueltos?|echando chispas)|chispas|suicid\w+|quiero morir|explosion|se derrumbo)\b/ },
  ],
};

const ANIMAL: Record<Lang, RegExp> = {
  en: /\b(dog|dogs|puppy|cat|cats|kitten|animal|animals|deer|raccoon|squirrel|bird|birds|fox|opossum|possum|horse|rat|pigeon|pet)\b/,
  es: /\b(perro|perros|perrito|gato|gatos|gatito|animal|animales|venado|mapache|ardilla|pajaro|paloma|caballo|mascota)\b/,
};
const PERSON: Record<Lang, RegExp> = {
  en: new RegExp(String.raw`\b${PERSON_EN}\b`),
  es: /\b(persona|senor|senora|nino|nina|hombre|mujer|alguien|mi (hijo|hija|esposo|esposa|mama|papa|vecino|vecina))\b/,
};

/** Whether a caller describes something for 911 rather than 311; pure, English and Spanish. */
export function detectEmergency(text: string, lang: Lang): EmergencyCheck {
  let t = normalise(text, lang).replace(/[^a-z' -]+/g, ' ');
  for (const harmless of HARMLESS[lang]) t = t.replace(harmless, ' ');
  const aboutAnimalsOnly = ANIMAL[lang].test(t) && !PERSON[lang].test(t);
  for (const rule of RULES[lang]) {
    if (rule.notAboutAnimals && aboutAnimalsOnly) continue;
    if (rule.pattern.test(t)) return { emergency: true, kind: rule.kind };
  }
  return { emergency: false };
}
