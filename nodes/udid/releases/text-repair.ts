/**
 * Decodes the text of a release part and repairs the dirt real parts hold (see the releases spec), counting each
 * repair so the caller can report it. Nothing is dropped silently: characters XML 1.0 forbids and references to
 * them are removed and counted; an unknown entity stays as its literal text and is counted.
 */

export interface RepairCounts {
	/** Raw control characters (U+0000-U+001F except tab, LF, CR) and U+FFFE/U+FFFF, removed. */
	controlCharacters: number;
	/** `&` that starts no entity, kept as `&`. */
	bareAmpersands: number;
	/** HTML entities such as `&nbsp;` (not XML's five), decoded to their character. */
	htmlEntities: number;
	/** Entities neither XML nor HTML know, kept as literal text. */
	unknownEntities: number;
	/** Numeric references to code points XML forbids (`&#1;`, `&#xFFFE;`), removed. */
	illegalReferences: number;
	/** `<` that starts no tag, kept as `<`. */
	bareLessThans: number;
	/** End tags that did not match the open element (the reader closed what was open). */
	mismatchedTags: number;
}

export function emptyRepairs(): RepairCounts {
	return {
		controlCharacters: 0,
		bareAmpersands: 0,
		htmlEntities: 0,
		unknownEntities: 0,
		illegalReferences: 0,
		bareLessThans: 0,
		mismatchedTags: 0,
	};
}

export function totalRepairs(counts: RepairCounts): number {
	let total = 0;
	for (const key in counts) total += counts[key as keyof RepairCounts];
	return total;
}

export function addRepairs(into: RepairCounts, from: RepairCounts): void {
	for (const key in from) into[key as keyof RepairCounts] += from[key as keyof RepairCounts];
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Latin-1 entity names in code point order from U+00A0 (HTML 4, the ones seen in Chinese web exports). */
const LATIN1 =
	'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 ' +
	'sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc ' +
	'Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve ' +
	'Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute ' +
	'acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ' +
	'ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const OTHER_HTML: Readonly<Record<string, number>> = {
	ensp: 0x2002,
	emsp: 0x2003,
	thinsp: 0x2009,
	zwnj: 0x200c,
	zwj: 0x200d,
	ndash: 0x2013,
	mdash: 0x2014,
	lsquo: 0x2018,
	rsquo: 0x2019,
	sbquo: 0x201a,
	ldquo: 0x201c,
	rdquo: 0x201d,
	bdquo: 0x201e,
	dagger: 0x2020,
	bull: 0x2022,
	hellip: 0x2026,
	permil: 0x2030,
	prime: 0x2032,
	lsaquo: 0x2039,
	rsaquo: 0x203a,
	euro: 0x20ac,
	trade: 0x2122,
	larr: 0x2190,
	uarr: 0x2191,
	rarr: 0x2192,
	darr: 0x2193,
	le: 0x2264,
	ge: 0x2265,
	ne: 0x2260,
	asymp: 0x2248,
	infin: 0x221e,
	minus: 0x2212,
	radic: 0x221a,
	plusmn: 0xb1,
	alpha: 0x3b1,
	beta: 0x3b2,
	gamma: 0x3b3,
	delta: 0x3b4,
	mu: 0x3bc,
	pi: 0x3c0,
	sigma: 0x3c3,
	omega: 0x3c9,
	Omega: 0x3a9,
	Delta: 0x394,
};

const HTML_ENTITIES = new Map<string, string>();
LATIN1.split(' ').forEach((name, i) => HTML_ENTITIES.set(name, String.fromCharCode(0xa0 + i)));
for (const [name, code] of Object.entries(OTHER_HTML)) HTML_ENTITIES.set(name, String.fromCharCode(code));

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,8});|#([0-9]{1,10});|([A-Za-z][A-Za-z0-9]{0,31});)?/g;

function isLegalCodePoint(code: number): boolean {
	return (
		code === 0x9 ||
		code === 0xa ||
		code === 0xd ||
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}

/** True when a value holds an entity or a character XML forbids (a loop beats a regex on short values). */
function needsWork(raw: string): boolean {
	for (let i = 0; i < raw.length; i++) {
		const c = raw.charCodeAt(i);
		if (c === 38 || (c < 32 && c !== 9 && c !== 10 && c !== 13) || c >= 0xfffe) return true;
	}
	return false;
}

/** Decodes one raw text run (entities encoded) into its value, repairing and counting the dirt. */
export function decodeText(raw: string, counts: RepairCounts): string {
	if (!needsWork(raw)) return raw;
	let text = raw;
	if (CONTROL.test(text)) {
		CONTROL.lastIndex = 0;
		text = text.replace(CONTROL, () => {
			counts.controlCharacters++;
			return '';
		});
	}
	CONTROL.lastIndex = 0;
	if (text.indexOf('&') < 0) return text;
	return text.replace(ENTITY, (whole: string, hex?: string, dec?: string, name?: string) => {
		if (hex !== undefined || dec !== undefined) {
			const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
			if (isLegalCodePoint(code)) return String.fromCodePoint(code);
			counts.illegalReferences++;
			return '';
		}
		if (name === undefined) {
			counts.bareAmpersands++;
			return '&';
		}
		const xml = XML_ENTITIES[name];
		if (xml !== undefined) return xml;
		const html = HTML_ENTITIES.get(name);
		if (html !== undefined) {
			counts.htmlEntities++;
			return html;
		}
		counts.unknownEntities++;
		return whole;
	});
}
