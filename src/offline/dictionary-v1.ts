/*
 * The preset DEFLATE dictionary of offline payload format SC1 (RFC 1951 with a preset
 * dictionary, as zlib's deflateSetDictionary / inflateSetDictionary use it).
 *
 * FROZEN: a payload printed today must decode in twenty years. Never edit this text; a
 * better dictionary is a new format (SC2) with its own file, and readers keep this one.
 *
 * What it holds: the JSON a skillcert vc+jwt is made of (its header, the VC 2.0 and Open
 * Badges 3.0 terms in the order skillcert writes them, the fixed status entry), and words
 * typical of Cambodian TVET certificates in English and Khmer. The most common strings
 * come last, where DEFLATE's back-references are shortest. Built by hand from the
 * credentials of the test corpus; bench/offline.ts shows what it saves.
 */
const VOCABULARY = [
  'Motorcycle Repair', 'Automotive Mechanics', 'Air Conditioning and Refrigeration', 'Welding', 'Plumbing', 'Masonry',
  'Carpentry', 'Computer Repair', 'Information Technology', 'Hospitality', 'Food and Beverage Service', 'Culinary Arts',
  'Garment Production', 'Sewing', 'Hairdressing', 'Beauty', 'Agriculture', 'Accounting', 'Building Construction',
  'Electronics', 'Electrician', 'Technical', 'Vocational', 'Training', 'Centre', 'Provincial', 'Polytechnic',
  'National', 'Institute', 'School', 'Phnom Penh', 'Siem Reap', 'Battambang', 'Kampong', 'Takeo', 'Kandal',
  'Diploma', 'Certificate', 'Competent', 'Not yet competent', 'Pass', 'Distinction', 'Merit', 'Excellent', 'Good',
  'Fair', 'Very good', 'Level 1', 'Level 3', 'Level 4', 'Level 5', 'Installs', 'Maintains', 'Repairs', 'and tests',
  'Operates', 'Applies', 'safety', 'workplace', 'residential buildings', 'low-voltage', 'systems', 'circuits',
  'Sok', 'Chan', 'Sophea', 'Dara', 'Vanna', 'Srey', 'Pich', 'Chea', 'Heng', 'Kim', 'Ly', 'Meas', 'Nov', 'Phal',
  'Rith', 'Sam', 'Seng', 'Sokha', 'Sopheak', 'Sothea', 'Chenda', 'Bopha', 'Ratha', 'Vuthy', 'Kosal', 'Mony',
  'សុខ', 'ចាន់', 'សុភា', 'ដារ៉ា', 'វណ្ណា', 'ស្រី', 'ពេជ្រ', 'ជា', 'ហេង', 'គីម', 'លី', 'មាស', 'សំ', 'សេង', 'សុខា',
  'ចិន្តា', 'បុប្ផា', 'រ័ត្ន', 'វុធី', 'កុសល', 'មុនី', 'រដ្ឋា',
  'វិទ្យាស្ថាន', 'ជាតិ', 'បណ្តុះបណ្តាល', 'បច្ចេកទេស', 'វិជ្ជាជីវៈ', 'មជ្ឈមណ្ឌល', 'ខេត្ត', 'សាលា', 'ពហុបច្ចេកទេស',
  'អគ្គិសនី', 'ការដំឡើង', 'ការជួសជុល', 'ម៉ូតូ', 'រថយន្ត', 'ម៉ាស៊ីនត្រជាក់', 'ផ្សារ', 'ទុយោទឹក', 'សំណង់', 'កុំព្យូទ័រ',
  'ដំឡើង', 'ប្រព័ន្ធ', 'ខ្សែភ្លើង', 'សៀគ្វី', 'សាកល្បង', 'វិញ្ញាបនបត្រ', 'កម្រិត',
  'Passed the practical and written assessment of all units.',
];

const HEADER = '{"alg":"EdDSA","typ":"vc+jwt","kid":"did:web:';

const BODY =
  '{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],' +
  '"id":"https://certs.example.gov.kh/credentials/","type":["VerifiableCredential","OpenBadgeCredential"],' +
  '"issuer":{"id":"did:web:certs.example.gov.kh:issuers:","type":["Profile"],"name":"National Technical Training Institute",' +
  '"url":"https://","image":{"id":"https://","type":"Image"},' +
  '"otherIdentifier":[{"type":"IdentifierEntry","identifier":"វិទ្យាស្ថានជាតិបណ្តុះបណ្តាលបច្ចេកទេស","identifierType":"name"}]},' +
  '"name":"Electrical Installation","validFrom":"2026-02-15T00:00:00Z","validUntil":"2031-02-15T00:00:00Z",' +
  '"credentialStatus":{"id":"https://certs.example.gov.kh/status/","type":"BitstringStatusListEntry","statusPurpose":"revocation",' +
  '"statusListIndex":"","statusListCredential":"https://certs.example.gov.kh/status/",' +
  '"statusMessage":[{"status":"0x0","message":"valid"},{"status":"0x1","message":"revoked or suspended"}]},' +
  '"credentialSubject":{"id":"urn:uuid:","type":["AchievementSubject"],"name":"Sok Dara","identifier":[' +
  '{"type":"IdentityObject","identityHash":"sha256$","identityType":"phoneNumber","hashed":true,"salt":""},' +
  '{"type":"IdentityObject","identityHash":"sha256$","identityType":"nationalIdentityNumber","hashed":true,"salt":""},' +
  '{"type":"IdentityObject","identityHash":"sha256$","identityType":"emailAddress","hashed":true,"salt":""},' +
  '{"type":"IdentityObject","identityHash":"សុខ ដារ៉ា","identityType":"name","hashed":false}],' +
  '"achievement":{"id":"https://certs.example.gov.kh/achievements/","type":["Achievement"],"achievementType":"Certificate",' +
  '"name":"Electrical Installation","description":"Installs and tests low-voltage wiring in residential buildings.",' +
  '"criteria":{"narrative":"Passed the practical and written assessment of all units."},' +
  '"image":{"id":"https://certs.example.gov.kh/achievements//image.svg","type":"Image"},"inLanguage":"en","humanCode":"ELC-L2",' +
  '"fieldOfStudy":"Electrical","creditsAvailable":600,"alignment":[' +
  '{"type":["Alignment"],"targetName":"Install wiring systems","targetCode":"ELC-U01","targetType":"ceasn:Competency","targetUrl":"https://certs.example.gov.kh/achievements/#unit-"},' +
  '{"type":["Alignment"],"targetName":"CQF Level 2","targetCode":"CQF Level 2","targetType":"ext:QualificationLevel","targetUrl":"https://certs.example.gov.kh/achievements/#level"}],' +
  '"related":[{"id":"https://certs.example.gov.kh/achievements//km","type":["Related"],"inLanguage":"km",' +
  '"name":{"@value":"ការដំឡើងអគ្គិសនី","@language":"km"},"description":{"@value":"","@language":"km"},"alignment":[' +
  '{"type":["Alignment"],"targetName":{"@value":"ដំឡើងប្រព័ន្ធខ្សែភ្លើង","@language":"km"},"targetCode":"ELC-U01","targetType":"ceasn:Competency","targetUrl":"https://certs.example.gov.kh/achievements/#unit-"}]}]},' +
  '"result":[{"type":["Result"],"value":"Competent"}]}}';

/** The dictionary's text; its UTF-8 bytes are the dictionary. */
export const DICTIONARY_V1_TEXT: string = VOCABULARY.join(' ') + ' ' + HEADER + ' ' + BODY;
