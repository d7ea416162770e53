/**
 * First sentences callers say at the 311 line's open question "How can I help you today?",
 * for the understanding benchmark (issue 18). These are the project's own sentences, written
 * for the benchmark by its engineers in the way callers talk; no resident's text is copied
 * from any data set (../shared/eval is for measuring only and nothing of it is here).
 *
 * Each `text` is what Twilio's SpeechResult would hand over, recognition quirks included;
 * `place` is the clean truth a caller would give when asked "where is it?", and every one
 * resolves in the seeded gazetteer (scripts/bench/check-first-sentences.ts checks that).
 */

export interface FirstSentence {
  /** As Twilio's SpeechResult would hand it over: case, punctuation, digits or number words, split street names, filler words. */
  text: string;
  language: 'en' | 'es';
  /** What the caller wants from the line. */
  intent: 'report' | 'status' | 'police' | 'emergency' | 'operator';
  /** For reports and police matters: the catalogue code the caller means (db/seed/catalogue.json services' "code"). */
  serviceCode?: string;
  /** The place meant, said cleanly as a caller answering "where is it?" would say it, for ground truth; omitted when the sentence names no place. */
  place?: string;
  /** True when the sentence says what the caller wants done ("please come fix it", "can you send someone"). */
  wanted?: boolean;
  /** For status calls that say their confirmation number: the 9 digits. */
  confirmation?: string;
  kind:
    | 'type-only'
    | 'type-place'
    | 'type-place-wanted'
    | 'rambling'
    | 'misheard'
    | 'spanish'
    | 'police'
    | 'status'
    | 'emergency'
    | 'operator'
    | 'two-problems'
    | 'neighbourhood';
}

type Report = Omit<FirstSentence, 'intent' | 'language'> & { serviceCode: string };

const en = (s: Report): FirstSentence => ({ language: 'en', intent: 'report', ...s });
const es = (s: Report): FirstSentence => ({ language: 'es', intent: 'report', ...s });

const typeOnly: FirstSentence[] = [
  en({ kind: 'type-only', serviceCode: 'potholes', text: 'Yeah, I need to report a pothole.' }),
  en({ kind: 'type-only', serviceCode: 'missed-trash', text: "my trash didn't get picked up this week" }),
  en({ kind: 'type-only', serviceCode: 'missed-recycling', text: 'Hi, they skipped our recycling again.' }),
  en({ kind: 'type-only', serviceCode: 'bulk-trash', text: "I'm calling about a bulk trash pickup, I got an old couch and a box spring." }),
  en({ kind: 'type-only', serviceCode: 'illegal-dumping', text: 'Somebody dumped a whole load of tires out back by the lot.' }),
  en({ kind: 'type-only', serviceCode: 'dirty-alley', text: 'The alley behind my house is full of trash.' }),
  en({ kind: 'type-only', serviceCode: 'rats', text: 'We got rats. Big ones.' }),
  en({ kind: 'type-only', serviceCode: 'graffiti', text: "There's graffiti all over the side of the building." }),
  en({ kind: 'type-only', serviceCode: 'high-grass', text: 'The grass on the lot next door is like waist high' }),
  en({ kind: 'type-only', serviceCode: 'street-light-out', text: "street light's out" }),
  en({ kind: 'type-only', serviceCode: 'traffic-signal', text: 'The traffic light is stuck on red and people are just running it.' }),
  en({ kind: 'type-only', serviceCode: 'street-sign', text: 'Somebody knocked over the stop sign on my corner.' }),
  en({ kind: 'type-only', serviceCode: 'abandoned-vehicle', text: "There's a car that hasn't moved in like two months, no tags on it." }),
  en({ kind: 'type-only', serviceCode: 'water-leak', text: 'Water is coming up out of the ground by the sidewalk.' }),
  en({ kind: 'type-only', serviceCode: 'no-water', text: 'We have no water. Nothing comes out of the faucet.' }),
  en({ kind: 'type-only', serviceCode: 'sewer-overflow', text: "There's sewage coming out of a manhole and it stinks" }),
  en({ kind: 'type-only', serviceCode: 'hydrant-leaking', text: 'Um a fire hydrant is open and spraying water everywhere.' }),
  en({ kind: 'type-only', serviceCode: 'storm-drain', text: 'The storm drain is clogged and the street floods every time it rains.' }),
  en({ kind: 'type-only', serviceCode: 'vacant-building', text: "There's a vacant house that's wide open, people going in and out all night." }),
  en({ kind: 'type-only', serviceCode: 'stray-animal', text: "um there's a stray dog running around" }),
  en({ kind: 'type-only', serviceCode: 'dead-animal', text: "There's a dead cat in the road." }),
  en({ kind: 'type-only', serviceCode: 'barking-dog', text: "My neighbor's dog barks all night long, every night." }),
  en({ kind: 'type-only', serviceCode: 'fallen-tree', text: 'A tree fell down in the storm last night.' }),
  en({ kind: 'type-only', serviceCode: 'fallen-limb', text: 'Uh, a big branch came down.' }),
  en({ kind: 'type-only', serviceCode: 'sidewalk-repair', text: "The sidewalk is all busted up, somebody's gonna trip and break their neck." }),
  en({ kind: 'type-only', serviceCode: 'noise', text: "They're doing construction at 5 in the morning with a jackhammer." }),
  en({ kind: 'type-only', serviceCode: 'snow-ice', text: 'Nobody shoveled their sidewalk and now it is a sheet of ice.' }),
  en({ kind: 'type-only', serviceCode: 'trash-can', text: 'My trash can got stolen.' }),
  en({ kind: 'type-only', serviceCode: 'park-maintenance', text: 'The swings at the playground are broken.' }),
  en({ kind: 'type-only', serviceCode: 'potholes', text: 'So yeah. Potholes. Lots of potholes.' }),
  en({ kind: 'type-only', serviceCode: 'illegal-dumping', text: "I'd like to report illegal dumping" }),
  en({ kind: 'type-only', serviceCode: 'wildlife', text: "There's a raccoon living under my porch." }),
  en({ kind: 'type-only', serviceCode: 'markings', text: 'The crosswalk lines are all faded out, you cannot even see them.' }),
  en({ kind: 'type-only', serviceCode: 'parking-complaint', text: "Somebody's car is blocking my driveway again." }),
  en({ kind: 'type-only', serviceCode: 'low-pressure', text: 'the water pressure is real low it just trickles out' }),
];

const typePlace: FirstSentence[] = [
  en({ kind: 'type-place', serviceCode: 'potholes', place: 'Light Street and Key Highway', text: "There's a pothole on Light Street at Key Highway." }),
  en({ kind: 'type-place', serviceCode: 'missed-trash', place: '3100 Elliott Street', text: "Trash wasn't picked up at 3100 Elliott Street." }),
  en({ kind: 'type-place', serviceCode: 'potholes', place: 'National Aquarium', text: 'Big pothole on Pratt Street right in front of the National Aquarium' }),
  en({ kind: 'type-place', serviceCode: 'street-light-out', place: '33rd Street and Greenmount Avenue', text: 'The street light is out at 33rd and Greenmount.' }),
  en({ kind: 'type-place', serviceCode: 'graffiti', place: 'Eastern Avenue and Conkling Street', text: "There's graffiti on the wall at Eastern Avenue and Conkling Street." }),
  en({ kind: 'type-place', serviceCode: 'rats', place: 'Cross Street Market', text: 'Rats running around behind the Cross Street Market.' }),
  en({ kind: 'type-place', serviceCode: 'traffic-signal', place: 'Harford Road and Northern Parkway', text: 'traffic light out at Harford Road and Northern Parkway' }),
  en({ kind: 'type-place', serviceCode: 'street-sign', place: 'Belair Road and Erdman Avenue', text: 'The stop sign is down at Belair Road and Erdman Avenue.' }),
  en({ kind: 'type-place', serviceCode: 'water-leak', place: 'Monument Street and Broadway', text: 'I think there is a water main break at Monument Street and Broadway.' }),
  en({ kind: 'type-place', serviceCode: 'missed-recycling', place: '800 South Ann Street', text: "Recycling didn't get picked up on the 800 block of South Ann Street." }),
  en({ kind: 'type-place', serviceCode: 'illegal-dumping', place: '1700 Aliceanna Street', text: 'Somebody dumped a bunch of mattresses in the alley by 1700 Aliceanna Street.' }),
  en({ kind: 'type-place', serviceCode: 'abandoned-vehicle', place: '4500 Park Heights Avenue', text: 'abandoned car sitting outside 4500 Park Heights Avenue for weeks' }),
  en({ kind: 'type-place', serviceCode: 'park-maintenance', place: 'Patterson Park by the pagoda', text: 'The swings are broken in Patterson Park by the pagoda.' }),
  en({ kind: 'type-place', serviceCode: 'fallen-limb', place: 'Druid Hill Park near the reservoir', text: 'A tree limb is down in Druid Hill Park near the reservoir.' }),
  en({ kind: 'type-place', serviceCode: 'hydrant-leaking', place: '2600 Edmondson Avenue', text: 'The hydrant in front of 2600 Edmondson Avenue is leaking.' }),
  en({ kind: 'type-place', serviceCode: 'storm-drain', place: 'Fort Avenue and Lawrence Street', text: 'The storm drain at Fort Avenue and Lawrence Street is all clogged up with leaves.' }),
  en({ kind: 'type-place', serviceCode: 'dead-animal', place: 'Edmondson Avenue and Hilton Street', text: "There's a dead dog on the side of the road on Edmondson Avenue at Hilton Street." }),
  en({ kind: 'type-place', serviceCode: 'high-grass', place: '2000 East North Avenue', text: 'The grass at the lot at 2000 East North Avenue is taller than me' }),
  en({ kind: 'type-place', serviceCode: 'vacant-building', place: '1500 East Monument Street', text: 'Vacant house at 1500 East Monument Street, doors wide open.' }),
  en({ kind: 'type-place', serviceCode: 'stray-animal', place: 'Lexington Market', text: 'There are stray dogs hanging around Lexington Market.' }),
  en({ kind: 'type-place', serviceCode: 'sewer-overflow', place: 'Fleet Street and Broadway', text: 'Sewage smell coming from the manhole at Fleet Street and Broadway.' }),
  en({ kind: 'type-place', serviceCode: 'no-water', place: '3500 Wilkens Avenue', text: 'No water at 3500 Wilkens Avenue since this morning.' }),
  en({ kind: 'type-place', serviceCode: 'sidewalk-repair', place: '3700 Roland Avenue', text: "The sidewalk's cracked and lifted up in front of 3700 Roland Avenue." }),
  en({ kind: 'type-place', serviceCode: 'snow-ice', place: 'Penn Station', text: 'Ice all over the sidewalk outside Penn Station, people are slipping.' }),
  en({ kind: 'type-place', serviceCode: 'fallen-tree', place: 'Cold Spring Lane and Roland Avenue', text: 'Tree fell across the road on Cold Spring Lane by Roland Avenue.' }),
  en({ kind: 'type-place', serviceCode: 'trash-can', place: '5800 Walther Avenue', text: "My trash can's broken, the lid came off, I'm at 5800 Walther Avenue." }),
  en({ kind: 'type-place', serviceCode: 'noise', place: '1000 South Charles Street', text: 'Construction noise all night long at 1000 South Charles Street.' }),
  en({ kind: 'type-place', serviceCode: 'barking-dog', place: '3400 Chestnut Avenue', text: 'Dog barking nonstop at 3400 Chestnut Avenue' }),
  en({ kind: 'type-place', serviceCode: 'dirty-alley', place: '1200 West Baltimore Street', text: 'The alley behind 1200 West Baltimore Street is filthy.' }),
  en({ kind: 'type-place', serviceCode: 'traffic-signal', place: 'Charles Street and University Parkway', text: "The walk signal doesn't work at Charles and University Parkway." }),
  en({ kind: 'type-place', serviceCode: 'street-light-out', place: 'Fifth Regiment Armory', text: "The street light's out right in front of the Fifth Regiment Armory." }),
  en({ kind: 'type-place', serviceCode: 'potholes', place: 'Greenmount Avenue and North Avenue', text: 'Pothole on Greenmount Avenue at North Avenue, a deep one.' }),
  en({ kind: 'type-place', serviceCode: 'graffiti', place: 'Shot Tower Metro Station', text: 'Somebody tagged the entrance of the Shot Tower Metro Station.' }),
  en({ kind: 'type-place', serviceCode: 'park-maintenance', place: 'Latrobe Park', text: 'The basketball hoop is falling off the backboard at Latrobe Park.' }),
  en({ kind: 'type-place', serviceCode: 'illegal-dumping', place: 'Harlem Park Rec Center', text: 'Someone dumped a pile of tires behind the Harlem Park Rec Center' }),
  en({ kind: 'type-place', serviceCode: 'street-sign', place: '25th Street and Charles Street', text: 'The street name sign is missing at 25th and Charles.' }),
  en({ kind: 'type-place', serviceCode: 'water-leak', place: '5400 York Road', text: "There's water running down the street at 5400 York Road." }),
  en({ kind: 'type-place', serviceCode: 'hydrant-leaking', place: '1100 East Fort Avenue', text: 'The fire hydrant at 1100 East Fort Avenue is running.' }),
  en({ kind: 'type-place', serviceCode: 'rats', place: 'Hollins Market', text: 'Rats everywhere around Hollins Market' }),
  en({ kind: 'type-place', serviceCode: 'missed-trash', place: '2700 Boston Street', text: 'Missed trash pickup. 2700 Boston Street.' }),
  en({ kind: 'type-place', serviceCode: 'abandoned-vehicle', place: 'Pimlico Race Course', text: "There's a junk car with flat tires left on the street by Pimlico Race Course." }),
  en({ kind: 'type-place', serviceCode: 'dead-animal', place: 'Memorial Stadium', text: 'Dead raccoon in the road on 33rd Street by where Memorial Stadium was.' }),
  en({ kind: 'type-place', serviceCode: 'storm-drain', place: '4800 Belair Road', text: 'Storm drain is backed up at 4800 Belair Road, big puddle all the way across.' }),
  en({ kind: 'type-place', serviceCode: 'park-maintenance', place: 'Federal Hill Park', text: 'Broken bench up at Federal Hill Park.' }),
  en({ kind: 'type-place', serviceCode: 'high-grass', place: 'Cahill Rec Center', text: 'Weeds are overgrown all around the Cahill Rec Center.' }),
  en({ kind: 'type-place', serviceCode: 'street-light-out', place: 'West Baltimore MARC Station', text: 'The lights are out in the parking lot at the West Baltimore MARC station' }),
  en({ kind: 'type-place', serviceCode: 'fallen-limb', place: 'Wyman Park Dell', text: 'A big limb fell on the path in Wyman Park Dell.' }),
  en({ kind: 'type-place', serviceCode: 'stray-animal', place: "3200 O'Donnell Street", text: "There's a bunch of stray cats behind 3200 O'Donnell Street." }),
  en({ kind: 'type-place', serviceCode: 'sidewalk-repair', place: 'Hanover Street and Cross Street', text: 'The curb ramp is broken at Hanover Street and Cross Street.' }),
  en({ kind: 'type-place', serviceCode: 'sewer-overflow', place: '500 North Kenwood Avenue', text: 'Sewer is overflowing in front of 500 North Kenwood Avenue' }),
  en({ kind: 'type-place', serviceCode: 'missed-recycling', place: '4200 Hamilton Avenue', text: "Recycling wasn't collected at 4200 Hamilton Avenue." }),
  en({ kind: 'type-place', serviceCode: 'traffic-signal', place: 'Reisterstown Road and Northern Parkway', text: 'Traffic signal is just flashing yellow at Reisterstown Road and Northern Parkway.' }),
  en({ kind: 'type-place', serviceCode: 'snow-ice', place: '3800 Glenmore Avenue', text: "The 3800 block of Glenmore Avenue still hasn't been plowed." }),
  en({ kind: 'type-place', serviceCode: 'vacant-building', place: '2400 Druid Hill Avenue', text: 'Abandoned building at 2400 Druid Hill Avenue with all the windows broken out' }),
  en({ kind: 'type-place', serviceCode: 'graffiti', place: 'Falls Road and 41st Street', text: 'Somebody spray painted the bridge on Falls Road at 41st Street.' }),
  en({ kind: 'type-place', serviceCode: 'barking-dog', place: '600 Woodbourne Avenue', text: "The dog's barking at 600 Woodbourne Avenue every day when they go to work." }),
  en({ kind: 'type-place', serviceCode: 'fallen-tree', place: 'Herring Run Park', text: 'Fallen tree blocking the trail in Herring Run Park.' }),
  en({ kind: 'type-place', serviceCode: 'potholes', place: 'Walters Art Museum', text: "There's a pothole right outside the Walters Art Museum." }),
  en({ kind: 'type-place', serviceCode: 'dirty-alley', place: '1100 North Broadway', text: 'Dirty alley behind 1100 North Broadway' }),
  en({ kind: 'type-place', serviceCode: 'noise', place: '700 East 25th Street', text: 'a generator has been running all night at 700 East 25th Street' }),
];

const typePlaceWanted: FirstSentence[] = [
  en({ kind: 'type-place-wanted', serviceCode: 'potholes', place: '2200 Eastern Avenue', wanted: true, text: 'Pothole at 2200 Eastern Avenue, please come fix it before somebody blows a tire.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'missed-trash', place: '3500 Falls Road', wanted: true, text: 'Can you send someone to pick up the trash at 3500 Falls Road? They missed us Monday.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'illegal-dumping', place: '1900 West North Avenue', wanted: true, text: "I'd like the city to clean up the dumping in the alley behind 1900 West North Avenue." }),
  en({ kind: 'type-place-wanted', serviceCode: 'street-light-out', place: '500 East Preston Street', wanted: true, text: "Street light's been out a week at 500 East Preston Street, please get it fixed." }),
  en({ kind: 'type-place-wanted', serviceCode: 'graffiti', place: 'Chick Webb Rec Center', wanted: true, text: 'Please have someone remove the graffiti on the Chick Webb Rec Center.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'high-grass', place: '800 Poplar Grove Street', wanted: true, text: 'I need somebody to cut the grass on the vacant lot at 800 Poplar Grove Street.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'abandoned-vehicle', place: '4100 Old York Road', wanted: true, text: 'Can you come tow the abandoned van at 4100 Old York Road?' }),
  en({ kind: 'type-place-wanted', serviceCode: 'dead-animal', place: '6000 Loch Raven Boulevard', wanted: true, text: "There's a dead deer at 6000 Loch Raven Boulevard, can somebody come pick it up" }),
  en({ kind: 'type-place-wanted', serviceCode: 'stray-animal', place: 'Carroll Park', wanted: true, text: 'Please send animal control, there is a pack of loose dogs in Carroll Park.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'traffic-signal', place: 'Pennsylvania Avenue and North Avenue', wanted: true, text: "I'd like someone to come fix the traffic light at Pennsylvania Avenue and North Avenue, it's been blinking for two days." }),
  en({ kind: 'type-place-wanted', serviceCode: 'water-leak', place: '1400 West Lombard Street', wanted: true, text: "Water's gushing out of the street at 1400 West Lombard Street, please send a crew." }),
  en({ kind: 'type-place-wanted', serviceCode: 'storm-drain', place: 'Boston Street and Montford Avenue', wanted: true, text: 'Could you please send somebody to unclog the storm drain at Boston Street and Montford Avenue' }),
  en({ kind: 'type-place-wanted', serviceCode: 'vacant-building', place: '2300 Garrison Boulevard', wanted: true, text: 'The vacant at 2300 Garrison Boulevard is wide open, I want the city to board it up.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'fallen-tree', place: '3200 Keswick Road', wanted: true, text: 'A tree came down on my car at 3200 Keswick Road and I need it removed.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'rats', place: '1200 Ridgely Street', wanted: true, text: "We'd like the rat burrows in the alley at 1200 Ridgely Street treated, please." }),
  en({ kind: 'type-place-wanted', serviceCode: 'street-sign', place: 'Washington Boulevard and Monroe Street', wanted: true, text: 'Please come put back the stop sign at Washington Boulevard and Monroe Street, somebody hit it.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'sidewalk-repair', place: '1000 Cathedral Street', wanted: true, text: 'Can you get someone out to fix the sidewalk at 1000 Cathedral Street, my mother tripped on it.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'trash-can', place: '5700 Harford Road', wanted: true, text: 'Please bring us a new trash can, ours got crushed by the truck. 5700 Harford Road.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'hydrant-leaking', place: 'Wolfe Street and Orleans Street', wanted: true, text: 'Hydrant is leaking at Wolfe Street and Orleans Street, can someone shut it off?' }),
  en({ kind: 'type-place-wanted', serviceCode: 'dirty-alley', place: '300 East 29th Street', wanted: true, text: "Please come clean the alley behind 300 East 29th Street, it's disgusting." }),
  en({ kind: 'type-place-wanted', serviceCode: 'bulk-trash', place: '5200 Reisterstown Road', wanted: true, text: 'I want to schedule a bulk pickup for an old refrigerator at 5200 Reisterstown Road.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'park-maintenance', place: 'Canton Waterfront Park', wanted: true, text: 'The restrooms at Canton Waterfront Park are broken, please send someone to repair them.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'missed-recycling', place: '3000 Liberty Heights Avenue', wanted: true, text: 'Recycling got skipped at 3000 Liberty Heights Avenue, can they come back and get it?' }),
  en({ kind: 'type-place-wanted', serviceCode: 'sewer-overflow', place: 'Orleans Street and Broadway', wanted: true, text: "I'd like somebody to check the sewer at Orleans Street and Broadway, it smells like raw sewage." }),
  en({ kind: 'type-place-wanted', serviceCode: 'fallen-limb', place: '4700 Greenspring Avenue', wanted: true, text: 'A broken branch is hanging over the sidewalk at 4700 Greenspring Avenue, please have somebody take it down.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'no-water', place: '2600 Gwynns Falls Parkway', wanted: true, text: 'No water at all at 2600 Gwynns Falls Parkway, please send someone to turn it back on.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'snow-ice', place: 'Fayette Street and Gay Street', wanted: true, text: 'The sidewalk at Fayette Street and Gay Street is solid ice, can the city get it cleared?' }),
  en({ kind: 'type-place-wanted', serviceCode: 'barking-dog', place: '1500 Pennsylvania Avenue', wanted: true, text: 'The dog at 1500 Pennsylvania Avenue barks all day. I want someone to talk to the owner.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'dead-animal', place: '4000 Edmondson Avenue', wanted: true, text: 'can somebody come pick up a dead cat in front of 4000 Edmondson Avenue' }),
  en({ kind: 'type-place-wanted', serviceCode: 'noise', place: 'Greenmount Avenue and 29th Street', wanted: true, text: 'An ice cream truck parks at Greenmount Avenue and 29th Street playing that song till midnight, I want it to stop.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'potholes', place: '2800 Hillen Road', wanted: true, text: "Please fill the potholes on the 2800 block of Hillen Road, they're terrible." }),
  en({ kind: 'type-place-wanted', serviceCode: 'illegal-dumping', place: 'Morrell Park Rec Center', wanted: true, text: 'Can you please send somebody to take care of the trash someone dumped by the Morrell Park Rec Center.' }),
  en({ kind: 'type-place-wanted', serviceCode: 'park-maintenance', place: 'Roosevelt Park', wanted: true, text: "I'd like a crew to fix the broken swings at Roosevelt Park." }),
  en({ kind: 'type-place-wanted', serviceCode: 'graffiti', place: '1600 Thames Street', wanted: true, text: "There's graffiti on the building at 1600 Thames Street and I'd like it painted over." }),
  en({ kind: 'type-place-wanted', serviceCode: 'street-light-out', place: 'York Road and Cold Spring Lane', wanted: true, text: 'The street light at York Road and Cold Spring Lane keeps flickering, could you have somebody fix it' }),
];

const rambling: FirstSentence[] = [
  en({ kind: 'rambling', serviceCode: 'water-leak', place: '2100 Hollins Street', text: "Yeah hi, so um, I've called about this three times already and nobody ever comes out, there's water bubbling up out of the street in front of my house, I'm at 2100 Hollins Street, and it's been like that since before Thanksgiving." }),
  en({ kind: 'rambling', serviceCode: 'missed-trash', place: '3900 Fleet Street', text: 'OK so what happened is, Monday was our trash day, right, and everybody on the block had their cans out, and the truck came and did the other side of the street but not ours, this is the 3900 block of Fleet Street, and now it is Wednesday and it is all still sitting there.' }),
  en({ kind: 'rambling', serviceCode: 'fallen-limb', place: 'Patterson Park near the boat lake', text: "Hi, good morning, I'm a senior and I walk my dog every day through Patterson Park and near the boat lake there's a huge branch that came down across the path in the wind and I almost fell over it, so I'm just letting somebody know." }),
  en({ kind: 'rambling', serviceCode: 'vacant-building', place: '1800 North Wolfe Street', text: "Hello? Yes. So my grandson told me to call this number. The house next to mine has been empty since the lady passed, and now the back door's kicked in and I hear people in there at night. My address is 1800 North Wolfe Street, it's the one right next door." }),
  en({ kind: 'rambling', serviceCode: 'potholes', place: 'Eastern Avenue and Highland Avenue', wanted: true, text: "So I was driving down Eastern Avenue this morning, by Highland Avenue, right there in Highlandtown, and I hit this pothole so hard it bent my rim, and I'm not the only one, there were two other cars pulled over, it needs to be filled like yesterday." }),
  en({ kind: 'rambling', serviceCode: 'dirty-alley', place: '600 North Milton Avenue', text: "Uh yeah, this is about the alley behind my mother's house, she's at 600 North Milton Avenue, people been throwing their trash back there for months, there's bags and bags of it and now there's rats, and she's eighty two, she can't be dealing with that." }),
  en({ kind: 'rambling', serviceCode: 'abandoned-vehicle', place: '3400 Belair Road', text: "I don't know if this is the right number but there's a car parked on my street that has not moved since the summer, it's got flat tires, the tags expired back in like March, leaves all piled up on it, I'm on the thirty four hundred block of Belair Road." }),
  en({ kind: 'rambling', serviceCode: 'street-light-out', place: '2500 Harford Road', wanted: true, text: "So yeah, um, I live across from Clifton Park, and every night the street lights on Harford Road, like the twenty five hundred block, are all out, the whole stretch, and it's pitch black, women walking home from the bus, it's not safe, somebody needs to come fix them." }),
  en({ kind: 'rambling', serviceCode: 'street-repair', place: 'Fort Avenue and Lawrence Street', text: "Hi, I'm calling because, okay, so they did work on the water line on our street back in October and they left this big steel plate and now it's sunk down and the road's broken up all around it, at Fort Avenue and Lawrence Street, and cars bang over it all night long." }),
  en({ kind: 'rambling', serviceCode: 'graffiti', place: '900 West 36th Street', text: "Look, I've lived in Hampden thirty years and I've never seen it this bad, on 36th Street, around 900 West 36th, somebody's been spray painting every wall and every sign and the shop owners are fed up." }),
  en({ kind: 'rambling', serviceCode: 'illegal-dumping', place: '700 North Eutaw Street', text: "So my neighbor moved out and just left everything, a couch, a mattress, a busted TV, all dumped out on the sidewalk in front of 700 North Eutaw Street, and it's been a week and you can't even get by with a stroller." }),
  en({ kind: 'rambling', serviceCode: 'water-leak', place: 'Washington Boulevard and Monroe Street', text: "Um, hi, yeah, I think there's a water main broken or something, because the whole corner at Washington Boulevard and Monroe Street is like a lake, water keeps running out of the ground, and now it's freezing over and cars are sliding." }),
  en({ kind: 'rambling', serviceCode: 'barking-dog', place: '3402 Chestnut Avenue', text: "Okay so this is kind of a long story but the dog next door, at 3400 Chestnut Avenue, no wait, I'm 3400, they're 3402 Chestnut, it barks from like six in the morning till midnight, they leave it out in the yard all day, I've talked to them, nothing changes." }),
  en({ kind: 'rambling', serviceCode: 'storm-drain', place: 'Pennsylvania Avenue and North Avenue', text: "Hi there, I manage a little corner store on Pennsylvania Avenue, right at North Avenue, and the storm drain out front gets blocked every time it rains, the water comes right up onto the sidewalk and into my doorway, I've cleaned the grate myself twice." }),
  en({ kind: 'rambling', serviceCode: 'fallen-tree', place: '3700 Roland Avenue', text: "So there's a tree, a big old oak, in front of 3700 Roland Avenue, and in the storm last night the whole thing came down, roots and all, it's lying across the road and on top of a car, nobody's hurt thank God but nobody can get by either." }),
  en({ kind: 'rambling', serviceCode: 'dead-animal', place: 'Cold Spring Light Rail Station', text: 'yeah I walk past the Cold Spring light rail station every morning and there has been a dead deer lying there on the grass by the tracks for like three days now and it is starting to smell real bad' }),
  en({ kind: 'rambling', serviceCode: 'sewer-overflow', place: '4800 Belair Road', text: "Hello, I'm calling for my father, he's on the 4800 block of Belair Road, and the sewer out front has been overflowing into the street, there's stuff coming up out of the manhole, it's been two days and he's got COPD, he can't be breathing that." }),
  en({ kind: 'rambling', serviceCode: 'noise', place: '1100 South Charles Street', wanted: true, text: "Yes hi, so every single morning at like four thirty there's trucks idling and a generator going at the construction site at 1100 South Charles Street and I can't sleep, my kids can't sleep, I'd like somebody from the city to go out there and make them stop." }),
  en({ kind: 'rambling', serviceCode: 'rats', place: '1600 McHenry Street', text: "So I've got these rats, right, in my backyard, and they're coming from the vacant next door, there's holes all along the fence, I'm at 1600 McHenry Street, and I put down traps but they just keep on coming." }),
  en({ kind: 'rambling', serviceCode: 'park-maintenance', place: 'Riverside Park', wanted: true, text: 'Hey so the playground at Riverside Park, the one by the pool, the slide is cracked in half and there is glass all over the ground, my kid cut her hand yesterday, somebody needs to come clean that up and fix the slide.' }),
  en({ kind: 'rambling', serviceCode: 'snow-ice', place: '300 West Cold Spring Lane', text: "Alright so I shoveled my part but the rest of the block, this is 300 West Cold Spring Lane, nobody else shoveled, it's been three days and it's pure ice now and the mailman fell this morning." }),
  en({ kind: 'rambling', serviceCode: 'street-sign', place: 'Boston Street and Montford Avenue', text: "I'm calling because the stop sign at the end of my street, that's Boston Street at Montford, it got knocked flat by a truck Saturday night and now people are just flying through, I almost got hit walking my kids to school." }),
  en({ kind: 'rambling', serviceCode: 'bulk-trash', place: '2900 Frederick Avenue', wanted: true, text: "Hi, this is my third time calling, I had a bulk pickup scheduled for last Tuesday, a washer and a dryer and an old dresser, at 2900 Frederick Avenue, and nobody came, and I need it gone because my landlord's on me about it." }),
  en({ kind: 'rambling', serviceCode: 'no-water', place: '2400 Hollins Street', text: "So um, the water, I turned on the tap this morning and nothing, not a drop, my neighbors too, we're on Hollins Street, the 2400 block, and there was no notice or anything, and we got a baby in the house." }),
  en({ kind: 'rambling', serviceCode: 'street-light-out', place: 'Reisterstown Plaza Metro Station', text: "yeah so I take the train every day from the Reisterstown Plaza metro station and the street lights by the parking lot have been out for weeks, it's pitch dark at night, I feel like something's gonna happen to somebody out there." }),
];

const misheard: FirstSentence[] = [
  en({ kind: 'misheard', serviceCode: 'potholes', place: '33rd Street and Greenmount Avenue', text: "There's a pot hold on Green Mount Avenue at thirty third street." }),
  en({ kind: 'misheard', serviceCode: 'street-light-out', place: '1600 McHenry Street', text: 'sixteen hundred Mc Henry Street the street lights out' }),
  en({ kind: 'misheard', serviceCode: 'hydrant-leaking', place: '1700 Aliceanna Street', text: 'Fire high drant is leaking at 1700 Alice Anna Street.' }),
  en({ kind: 'misheard', serviceCode: 'graffiti', place: 'Eastern Avenue and Conkling Street', text: 'Graphic tea all over the wall at Eastern and Conklin.' }),
  en({ kind: 'misheard', serviceCode: 'rats', place: '2500 Harford Road', text: 'rads in the ally behind 2500 Harford Road' }),
  en({ kind: 'misheard', serviceCode: 'missed-recycling', place: '3000 Belair Road', text: "The recycle in didn't get picked up at 3000 Bel Air Road." }),
  en({ kind: 'misheard', serviceCode: 'missed-trash', place: '1200 Hollins Street', text: "Um my tras didn't get picked up, twelve hundred Hollands Street." }),
  en({ kind: 'misheard', serviceCode: 'dead-animal', place: '5000 Loch Raven Boulevard', text: "There's a dead possum on Lock Raven Boulevard at 5000." }),
  en({ kind: 'misheard', serviceCode: 'barking-dog', place: '4000 Edmondson Avenue', text: 'Parking dogs at 4000 Edmonson Avenue all night.' }),
  en({ kind: 'misheard', serviceCode: 'fallen-limb', place: '2600 Gwynns Falls Parkway', text: 'A tree lim fell on Gwen Falls Parkway by 2600.' }),
  en({ kind: 'misheard', serviceCode: 'street-sign', place: 'Eutaw Street and Franklin Street', text: 'the stop sine is gone at you tah street and franklin' }),
  en({ kind: 'misheard', serviceCode: 'illegal-dumping', place: 'Wolfe Street and Orleans Street', text: 'Dumping at the corner of Wolf and Orlean Street.' }),
  en({ kind: 'misheard', serviceCode: 'water-leak', place: '1000 North Calvert Street', text: 'Water leak in the street at 1000 North Culvert Street.' }),
  en({ kind: 'misheard', serviceCode: 'sidewalk-repair', place: '500 Woodbourne Avenue', text: 'The side walk is broke in front of 500 Wood Born Avenue.' }),
  en({ kind: 'misheard', serviceCode: 'traffic-signal', place: 'Harford Road and Northern Parkway', text: 'The traffic lights are out at Hartford Road and Northern Park Way.' }),
  en({ kind: 'misheard', serviceCode: 'sewer-overflow', place: 'Fleet Street and Broadway', text: 'Sewer over flow at Fleet and Broad Way' }),
  en({ kind: 'misheard', serviceCode: 'abandoned-vehicle', place: 'Hillen Road and 33rd Street', text: "There's an abandoned vehicle on thirty third street by Hill in Road." }),
  en({ kind: 'misheard', serviceCode: 'bulk-trash', place: '5200 Reisterstown Road', text: 'I need a hulk trash pick up for two couches at fifty two hundred Reisters Town Road' }),
  en({ kind: 'misheard', serviceCode: 'high-grass', place: '800 Poplar Grove Street', text: 'The grass is to high on the lot at 800 Popular Grove Street.' }),
  en({ kind: 'misheard', serviceCode: 'stray-animal', place: 'Mondawmin Metro Station', text: "There's a stray dog at the Mon Dawmin metro station" }),
];

const spanish: FirstSentence[] = [
  es({ kind: 'spanish', serviceCode: 'potholes', place: '2200 Eastern Avenue', text: 'Hay un bache enorme en mi calle, en el 2200 de Eastern Avenue.' }),
  es({ kind: 'spanish', serviceCode: 'missed-trash', place: '3100 Elliott Street', text: 'No recogieron la basura en el tres mil cien de Elliott Street.' }),
  es({ kind: 'spanish', serviceCode: 'street-light-out', place: 'Eastern Avenue and Conkling Street', text: 'La luz de la calle está apagada en Eastern Avenue y Conkling Street.' }),
  es({ kind: 'spanish', serviceCode: 'rats', place: '400 South Conkling Street', text: 'Hay ratas en el callejón detrás de mi casa, en el 400 South Conkling Street.' }),
  es({ kind: 'spanish', serviceCode: 'illegal-dumping', place: 'Fleet Street and Broadway', wanted: true, text: 'Alguien tiró un colchón y llantas viejas en el callejón de Fleet Street y Broadway, quiero que la ciudad lo recoja.' }),
  es({ kind: 'spanish', serviceCode: 'stray-animal', place: 'Patterson Park by the pagoda', text: 'Hay un perro suelto en Patterson Park, cerca de la pagoda.' }),
  es({ kind: 'spanish', serviceCode: 'water-leak', place: 'Eastern Avenue and Highland Avenue', text: 'Hay una fuga de agua en la calle, en Highland Avenue y Eastern Avenue.' }),
  es({ kind: 'spanish', serviceCode: 'no-water', place: '3900 Fleet Street', text: 'no tenemos agua desde ayer en el 3900 de Fleet Street' }),
  es({ kind: 'spanish', serviceCode: 'traffic-signal', place: 'Orleans Street and Broadway', text: 'El semáforo no funciona en Broadway y Orleans Street.' }),
  es({ kind: 'spanish', serviceCode: 'graffiti', place: '2700 Boston Street', text: 'Pintaron grafitis en toda la pared del 2700 de Boston Street.' }),
  es({ kind: 'spanish', serviceCode: 'fallen-tree', place: '3700 Roland Avenue', text: 'Se cayó un árbol en la calle en el 3700 de Roland Avenue, está bloqueando todo.' }),
  es({ kind: 'spanish', serviceCode: 'fallen-limb', place: 'Druid Hill Park', text: 'Se cayó una rama grande en el camino de Druid Hill Park.' }),
  es({ kind: 'spanish', serviceCode: 'abandoned-vehicle', place: '1700 Aliceanna Street', text: 'Hay un carro abandonado en el 1700 de Aliceanna Street, no se ha movido en un mes.' }),
  es({ kind: 'spanish', serviceCode: 'barking-dog', place: '200 South Ellwood Avenue', text: 'El perro del vecino ladra toda la noche, vivo en el 200 South Ellwood Avenue.' }),
  es({ kind: 'spanish', serviceCode: 'missed-recycling', place: '3300 Fleet Street', text: 'Eh, no pasaron por el reciclaje el jueves, en el 3300 de Fleet Street.' }),
  es({ kind: 'spanish', serviceCode: 'sidewalk-repair', place: "3200 O'Donnell Street", text: "La acera está rota enfrente del 3200 de O'Donnell Street, mi mamá se tropezó." }),
  es({ kind: 'spanish', serviceCode: 'hydrant-leaking', place: 'Lombard Street and Broadway', text: 'Hay un hidrante abierto en la esquina de Lombard Street y Broadway.' }),
  es({ kind: 'spanish', serviceCode: 'sewer-overflow', place: '500 South Conkling Street', text: 'Están saliendo aguas negras de la tapa del drenaje en el 500 South Conkling Street, apesta.' }),
  es({ kind: 'spanish', serviceCode: 'storm-drain', place: 'Fleet Street and Highland Avenue', text: 'La alcantarilla está tapada y la calle se inunda cuando llueve, en Fleet Street y Highland Avenue.' }),
  es({ kind: 'spanish', serviceCode: 'high-grass', place: '2000 East North Avenue', wanted: true, text: 'Quiero que la ciudad corte el pasto alto en el lote vacío del 2000 East North Avenue.' }),
  es({ kind: 'spanish', serviceCode: 'vacant-building', place: '1500 East Monument Street', text: 'La casa abandonada en el 1500 East Monument Street está abierta y entra gente de noche.' }),
  es({ kind: 'spanish', serviceCode: 'bulk-trash', place: '600 South Ann Street', wanted: true, text: 'Necesito que recojan un sofá y un colchón viejo, estoy en el 600 South Ann Street.' }),
  es({ kind: 'spanish', serviceCode: 'trash-can', place: '2900 Dillon Street', text: 'Me robaron el bote de basura, vivo en el dos mil novecientos de Dillon Street.' }),
  es({ kind: 'spanish', serviceCode: 'snow-ice', place: '3400 Eastern Avenue', text: 'Hay hielo en toda la acera en el 3400 de Eastern Avenue y nadie ha limpiado la nieve.' }),
  es({ kind: 'spanish', serviceCode: 'park-maintenance', place: 'Patterson Park', wanted: true, text: 'Los columpios del parque están rotos, en Patterson Park, quiero que los arreglen por favor.' }),
];

const police: FirstSentence[] = [
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-noise', text: "My neighbors are having a loud party and it's two in the morning." },
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-noise', place: '3100 Elliott Street', text: 'People blasting music from a car outside 3100 Elliott Street every night.' },
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-noise', place: '1200 Hollins Street', text: "The house next door, 1200 Hollins Street, is having a party with the music so loud my windows shake" },
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-noise', place: 'Clifton Park', text: 'Dirt bikes racing up and down the road by Clifton Park all night long.' },
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-property-damage', place: '1700 Aliceanna Street', text: 'Somebody smashed my car window last night on Aliceanna Street, the 1700 block.' },
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-property-damage', text: 'I want to file a police report, someone keyed my car.' },
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-property-damage', place: '3300 Greenmount Avenue', text: 'Someone broke into my car overnight at 3300 Greenmount Avenue and took my bag.' },
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-property-damage', place: 'Eastern Avenue and Highland Avenue', text: 'Somebody threw a brick through my store window on Eastern Avenue at Highland, it happened Saturday.' },
  { kind: 'police', language: 'es', intent: 'police', serviceCode: 'police-noise', place: '400 South Conkling Street', text: 'Los vecinos tienen una fiesta con música muy alta, vivo en el 400 South Conkling Street.' },
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-noise', place: 'Patterson Park', text: 'Fireworks going off all night in Patterson Park.' },
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-property-damage', place: '900 West 36th Street', text: 'hit and run, somebody hit my parked car and took off, on 36th street the 900 block' },
  { kind: 'police', language: 'en', intent: 'police', serviceCode: 'police-noise', wanted: true, text: 'The neighbors upstairs are yelling and screaming every night, I need an officer to come out.' },
];

const status: FirstSentence[] = [
  { kind: 'status', language: 'en', intent: 'status', confirmation: '451229037', text: 'I want to check on my request 451 229 037' },
  { kind: 'status', language: 'en', intent: 'status', confirmation: '703118426', text: 'Calling about my request, the number is seven zero three one one eight four two six.' },
  { kind: 'status', language: 'en', intent: 'status', text: "Yeah I'm calling to see what's going on with a pothole I reported last week." },
  { kind: 'status', language: 'en', intent: 'status', confirmation: '218550943', text: 'Status of my service request. 2 1 8 5 5 0 9 4 3.' },
  { kind: 'status', language: 'en', intent: 'status', text: "I put in a complaint about my trash a couple weeks ago and nobody's called me back." },
  { kind: 'status', language: 'en', intent: 'status', confirmation: '310664872', text: 'My confirmation number is 310664872, I want to know if they fixed it yet.' },
  { kind: 'status', language: 'en', intent: 'status', text: 'Did anybody ever come out for the street light I called in?' },
  { kind: 'status', language: 'en', intent: 'status', confirmation: '987654321', text: 'check status nine eight seven, six five four, three two one' },
  { kind: 'status', language: 'en', intent: 'status', text: "I'm following up on a report I made." },
  { kind: 'status', language: 'es', intent: 'status', text: 'Quiero saber qué pasó con el reporte que hice del bache.' },
];

const emergency: FirstSentence[] = [
  { kind: 'emergency', language: 'en', intent: 'emergency', text: "There's a house on fire on my block!" },
  { kind: 'emergency', language: 'en', intent: 'emergency', text: "Someone's been shot outside, oh my God, he's on the ground." },
  { kind: 'emergency', language: 'en', intent: 'emergency', text: "Somebody is breaking into my neighbor's house right now." },
  { kind: 'emergency', language: 'en', intent: 'emergency', text: 'I smell gas really strong in my building.' },
  { kind: 'emergency', language: 'en', intent: 'emergency', place: 'Lexington Market', text: "A man collapsed on the sidewalk at Lexington Market and he's not breathing." },
  { kind: 'emergency', language: 'en', intent: 'emergency', place: 'North Avenue and Charles Street', text: "There was a car crash at North Avenue and Charles Street and somebody's hurt bad." },
  { kind: 'emergency', language: 'es', intent: 'emergency', text: 'Hay un incendio en la casa de al lado, sale mucho humo.' },
  { kind: 'emergency', language: 'en', intent: 'emergency', place: '2400 Druid Hill Avenue', text: "There's smoke pouring out of the vacant at 2400 Druid Hill Avenue, I think it's on fire." },
];

const operator: FirstSentence[] = [
  { kind: 'operator', language: 'en', intent: 'operator', text: 'Can I talk to a real person?' },
  { kind: 'operator', language: 'en', intent: 'operator', text: 'Operator.' },
  { kind: 'operator', language: 'en', intent: 'operator', text: 'I need to speak to a representative please.' },
  { kind: 'operator', language: 'en', intent: 'operator', text: 'agent agent agent' },
  { kind: 'operator', language: 'en', intent: 'operator', text: "Just put me through to somebody, I don't want to talk to a machine." },
  { kind: 'operator', language: 'es', intent: 'operator', text: 'Quiero hablar con una persona.' },
];

/** Two problems in one breath: the service code is the one the caller names first. */
const twoProblems: FirstSentence[] = [
  en({ kind: 'two-problems', serviceCode: 'potholes', place: '1200 North Charles Street', text: "There's a pothole and the street light's out too at 1200 North Charles Street." }),
  en({ kind: 'two-problems', serviceCode: 'missed-trash', place: '2700 Boston Street', text: "My trash didn't get picked up and now the rats are all in it, 2700 Boston Street." }),
  en({ kind: 'two-problems', serviceCode: 'graffiti', place: '1900 West North Avenue', text: "There's graffiti all over the vacant house at 1900 West North Avenue and the door's wide open." }),
  en({ kind: 'two-problems', serviceCode: 'fallen-limb', place: 'Cold Spring Lane and Roland Avenue', text: 'A tree branch came down and it knocked the stop sign over at Cold Spring Lane and Roland Avenue.' }),
];

const neighbourhood: FirstSentence[] = [
  en({ kind: 'neighbourhood', serviceCode: 'street-light-out', place: 'Hampden', text: 'The street lights are out all over Hampden.' }),
  en({ kind: 'neighbourhood', serviceCode: 'rats', place: 'Canton', text: "Rats are taking over Canton, they're everywhere." }),
  en({ kind: 'neighbourhood', serviceCode: 'illegal-dumping', place: 'Highlandtown', text: "Over in Highlandtown there's trash dumped in every alley." }),
  en({ kind: 'neighbourhood', serviceCode: 'stray-animal', place: 'Waverly', text: "There's a stray dog running loose in Waverly." }),
  en({ kind: 'neighbourhood', serviceCode: 'potholes', place: 'Remington', wanted: true, text: 'Potholes all over Remington, can somebody come fill them' }),
  en({ kind: 'neighbourhood', serviceCode: 'snow-ice', place: 'Lauraville', text: "Nobody's plowed a single street in Lauraville." }),
  en({ kind: 'neighbourhood', serviceCode: 'graffiti', place: 'Fells Point', text: "There's graffiti going up all over Fells Point." }),
  en({ kind: 'neighbourhood', serviceCode: 'missed-recycling', place: 'Belair-Edison', text: "The recycling didn't get picked up in Belair Edison this week, the whole neighborhood." }),
  en({ kind: 'neighbourhood', serviceCode: 'high-grass', place: 'Sandtown-Winchester', text: 'The grass is overgrown on all the vacant lots in Sandtown.' }),
  en({ kind: 'neighbourhood', serviceCode: 'dead-animal', place: 'Cherry Hill', text: 'dead animal in the road in cherry hill' }),
];

export const FIRST_SENTENCES: readonly FirstSentence[] = [
  ...typeOnly,
  ...typePlace,
  ...typePlaceWanted,
  ...rambling,
  ...misheard,
  ...spanish,
  ...police,
  ...status,
  ...emergency,
  ...operator,
  ...twoProblems,
  ...neighbourhood,
];
