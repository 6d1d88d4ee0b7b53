/**
 * GS1 Application Identifiers: format of each AI's data field, as given in the GS1 General Specifications
 * section 3 and the GS1 Barcode Syntax Dictionary. Only the parts that a label parser needs are kept:
 * character set, lengths, check digits and dates. Pairing rules between AIs (which AI requires which)
 * are not enforced.
 */

/** N: digits; X: GS1 AI encodable character set 82; Y: character set 39; Z: character set 64 (base64url). */
export type Gs1CharacterSet = 'N' | 'X' | 'Y' | 'Z';

/** Content checks we perform on a component (names as in the GS1 Syntax Dictionary). */
export type Gs1Linter = 'csum' | 'csumalpha' | 'yymmd0' | 'yymmdd' | 'yyyymmdd' | 'hhmm' | 'yymmddhh';

export interface AiComponent {
	charset: Gs1CharacterSet;
	minLength: number;
	maxLength: number;
	optional: boolean;
	linter: Gs1Linter | null;
}

export interface AiDefinition {
	ai: string;
	/** GS1 data title, e.g. "USE BY or EXPIRY". */
	title: string;
	/** Plain English used in messages, e.g. "expiry date". */
	label: string;
	/**
	 * The AI's prefix is in GS1 General Specifications figure 7.8.5-2 (00-04, 11-20, 31-36, 41): its length is
	 * predefined and no FNC1 separator is needed after it.
	 */
	predefinedLength: boolean;
	/** Data always has exactly `maxLength` characters. */
	fixedLength: boolean;
	minLength: number;
	maxLength: number;
	/** Digits only. */
	numeric: boolean;
	/** The whole field is a YYMMDD date. */
	isDate: boolean;
	components: AiComponent[];
}

/** First two digits of the AIs whose element strings have a predefined length (figure 7.8.5-2). */
const PREDEFINED_LENGTH_PREFIXES = new Set([
	'00', '01', '02', '03', '04', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20',
	'31', '32', '33', '34', '35', '36', '41',
]);

/**
 * [AI or AI range, data field format, GS1 data title, plain label]. The format lists the field's components:
 * "N14" exactly 14 digits, "X..20" 1 to 20 characters of set 82, "[...]" an optional last component,
 * ",name" a content check.
 */
type TableRow = readonly [ais: string, format: string, title: string, label?: string];

const TABLE: readonly TableRow[] = [
	['00', 'N18,csum', 'SSCC', 'SSCC'],
	['01', 'N14,csum', 'GTIN', 'GTIN'],
	['02', 'N14,csum', 'CONTENT', 'GTIN of contained items'],
	['10', 'X..20', 'BATCH/LOT', 'batch/lot number'],
	['11', 'N6,yymmd0', 'PROD DATE', 'production date'],
	['12', 'N6,yymmd0', 'DUE DATE', 'due date'],
	['13', 'N6,yymmd0', 'PACK DATE', 'packaging date'],
	['15', 'N6,yymmd0', 'BEST BEFORE or BEST BY', 'best before date'],
	['16', 'N6,yymmd0', 'SELL BY', 'sell by date'],
	['17', 'N6,yymmd0', 'USE BY or EXPIRY', 'expiry date'],
	['20', 'N2', 'VARIANT', 'variant'],
	['21', 'X..20', 'SERIAL', 'serial number'],
	['22', 'X..20', 'CPV', 'consumer product variant'],
	['235', 'X..28', 'TPX', 'third-party serial extension'],
	['240', 'X..30', 'ADDITIONAL ID', 'additional product identification'],
	['241', 'X..30', 'CUST. PART No.', 'customer part number'],
	['242', 'N..6', 'MTO VARIANT', 'made-to-order variation number'],
	['243', 'X..20', 'PCN', 'packaging component number'],
	['250', 'X..30', 'SECONDARY SERIAL', 'secondary serial number'],
	['251', 'X..30', 'REF. TO SOURCE', 'reference to source entity'],
	['253', 'N13,csum [X..17]', 'GDTI', 'global document type identifier'],
	['254', 'X..20', 'GLN EXTENSION COMPONENT', 'GLN extension component'],
	['255', 'N13,csum [N..12]', 'GCN', 'global coupon number'],
	['30', 'N..8', 'VAR. COUNT', 'variable count'],
	['37', 'N..8', 'COUNT', 'count of trade items'],
	['3900-3909', 'N..15', 'AMOUNT', 'amount payable'],
	['3910-3919', 'N3 N..15', 'AMOUNT', 'amount payable with ISO currency'],
	['3920-3929', 'N..15', 'PRICE', 'price'],
	['3930-3939', 'N3 N..15', 'PRICE', 'price with ISO currency'],
	['3940-3943', 'N4', 'PRCNT OFF', 'percentage discount'],
	['3950-3955', 'N6', 'PRICE/UoM', 'price per unit of measure'],
	['400', 'X..30', 'ORDER NUMBER', 'customer purchase order number'],
	['401', 'X..30', 'GINC', 'global identification number for consignment'],
	['402', 'N17,csum', 'GSIN', 'global shipment identification number'],
	['403', 'X..30', 'ROUTE', 'routing code'],
	['410', 'N13,csum', 'SHIP TO LOC', 'ship-to GLN'],
	['411', 'N13,csum', 'BILL TO', 'bill-to GLN'],
	['412', 'N13,csum', 'PURCHASE FROM', 'purchased-from GLN'],
	['413', 'N13,csum', 'SHIP FOR LOC', 'ship-for GLN'],
	['414', 'N13,csum', 'LOC No.', 'GLN of a physical location'],
	['415', 'N13,csum', 'PAY TO', 'invoicing party GLN'],
	['416', 'N13,csum', 'PROD/SERV LOC', 'production or service location GLN'],
	['417', 'N13,csum', 'PARTY', 'party GLN'],
	['420', 'X..20', 'SHIP TO POST', 'ship-to postal code'],
	['421', 'N3 X..9', 'SHIP TO POST', 'ship-to postal code with country'],
	['422', 'N3', 'ORIGIN', 'country of origin'],
	['423', 'N3 [N..12]', 'COUNTRY - INITIAL PROCESS', 'country of initial processing'],
	['424', 'N3', 'COUNTRY - PROCESS', 'country of processing'],
	['425', 'N3 [N..12]', 'COUNTRY - DISASSEMBLY', 'country of disassembly'],
	['426', 'N3', 'COUNTRY - FULL PROCESS', 'country of full process chain'],
	['427', 'X..3', 'ORIGIN SUBDIVISION', 'country subdivision of origin'],
	['4300', 'X..35', 'SHIP TO COMP'],
	['4301', 'X..35', 'SHIP TO NAME'],
	['4302', 'X..70', 'SHIP TO ADD1'],
	['4303', 'X..70', 'SHIP TO ADD2'],
	['4304', 'X..70', 'SHIP TO SUB'],
	['4305', 'X..70', 'SHIP TO LOC'],
	['4306', 'X..70', 'SHIP TO REG'],
	['4307', 'X2', 'SHIP TO COUNTRY'],
	['4308', 'X..30', 'SHIP TO PHONE'],
	['4309', 'N10 N10', 'SHIP TO GEO'],
	['4310', 'X..35', 'RTN TO COMP'],
	['4311', 'X..35', 'RTN TO NAME'],
	['4312', 'X..70', 'RTN TO ADD1'],
	['4313', 'X..70', 'RTN TO ADD2'],
	['4314', 'X..70', 'RTN TO SUB'],
	['4315', 'X..70', 'RTN TO LOC'],
	['4316', 'X..70', 'RTN TO REG'],
	['4317', 'X2', 'RTN TO COUNTRY'],
	['4318', 'X..20', 'RTN TO POST'],
	['4319', 'X..30', 'RTN TO PHONE'],
	['4320', 'X..35', 'SRV DESCRIPTION'],
	['4321', 'N1', 'DANGEROUS GOODS'],
	['4322', 'N1', 'AUTH TO LEAVE'],
	['4323', 'N1', 'SIG REQUIRED'],
	['4324', 'N6,yymmd0 N4,hhmm', 'NOT BEF DEL DT'],
	['4325', 'N6,yymmd0 N4,hhmm', 'NOT AFT DEL DT'],
	['4326', 'N6,yymmdd', 'REL DATE', 'release date'],
	['4330', 'N6 [X1]', 'MAX TEMP F.', 'maximum temperature in Fahrenheit'],
	['4331', 'N6 [X1]', 'MAX TEMP C.', 'maximum temperature in Celsius'],
	['4332', 'N6 [X1]', 'MIN TEMP F.', 'minimum temperature in Fahrenheit'],
	['4333', 'N6 [X1]', 'MIN TEMP C.', 'minimum temperature in Celsius'],
	['7001', 'N13', 'NSN', 'NATO stock number'],
	['7002', 'X..30', 'MEAT CUT'],
	['7003', 'N6,yymmdd N4,hhmm', 'EXPIRY TIME', 'expiry date and time'],
	['7004', 'N..4', 'ACTIVE POTENCY', 'active potency'],
	['7005', 'X..12', 'CATCH AREA'],
	['7006', 'N6,yymmdd', 'FIRST FREEZE DATE', 'first freeze date'],
	['7007', 'N6,yymmdd [N6,yymmdd]', 'HARVEST DATE', 'harvest date'],
	['7008', 'X..3', 'AQUATIC SPECIES'],
	['7009', 'X..10', 'FISHING GEAR TYPE'],
	['7010', 'X..2', 'PROD METHOD'],
	['7011', 'N6,yymmdd [N4,hhmm]', 'TEST BY DATE', 'test by date'],
	['7020', 'X..20', 'REFURB LOT', 'refurbishment lot'],
	['7021', 'X..20', 'FUNC STAT', 'functional status'],
	['7022', 'X..20', 'REV STAT', 'revision status'],
	['7023', 'X..30', 'GIAI - ASSEMBLY', 'GIAI of an assembly'],
	['7030-7039', 'N3 X..27', 'PROCESSOR', 'approval number of processor'],
	['7040', 'N1 X3', 'UIC+EXT', 'GS1 UIC with extension'],
	['710-715', 'X..20', 'NHRN', 'national healthcare reimbursement number'],
	['7230-7239', 'X2 X..28', 'CERT', 'certification reference'],
	['7240', 'X..20', 'PROTOCOL', 'protocol ID'],
	['7241', 'N2', 'AIDC MEDIA TYPE'],
	['7242', 'X..25', 'VCN', 'version control number'],
	['7250', 'N8,yyyymmdd', 'DOB', 'date of birth'],
	['7251', 'N12', 'DOB TIME', 'date and time of birth'],
	['7252', 'N1', 'BIO SEX', 'biological sex'],
	['7253', 'X..40', 'FAMILY NAME', 'family name of person'],
	['7254', 'X..40', 'GIVEN NAME', 'given name of person'],
	['7255', 'X..10', 'SUFFIX', 'name suffix of person'],
	['7256', 'X..90', 'FULL NAME', 'full name of person'],
	['7257', 'X..70', 'PERSON ADDR', 'address of person'],
	['7258', 'N1 X1 N1', 'BIRTH SEQUENCE', 'baby birth sequence indicator'],
	['7259', 'X..40', 'BABY', 'baby of family name'],
	['8001', 'N14', 'DIMENSIONS', 'roll dimensions'],
	['8002', 'X..20', 'CMT No.', 'cellular mobile telephone identifier'],
	['8003', 'N1 N13,csum [X..16]', 'GRAI', 'global returnable asset identifier'],
	['8004', 'X..30', 'GIAI', 'global individual asset identifier'],
	['8005', 'N6', 'PRICE PER UNIT', 'price per unit of measure'],
	['8006', 'N14,csum N4', 'ITIP', 'identification of an individual trade item piece'],
	['8007', 'X..34', 'IBAN'],
	['8008', 'N8,yymmddhh [N..4]', 'PROD TIME', 'production date and time'],
	['8009', 'X..50', 'OPTSEN', 'optically readable sensor indicator'],
	['8010', 'Y..30', 'CPID', 'component/part identifier'],
	['8011', 'N..12', 'CPID SERIAL', 'component/part identifier serial number'],
	['8012', 'X..20', 'VERSION', 'software version'],
	['8013', 'X..25,csumalpha', 'GMN', 'global model number'],
	['8017', 'N18,csum', 'GSRN - PROVIDER', 'GSRN of a service provider'],
	['8018', 'N18,csum', 'GSRN - RECIPIENT', 'GSRN of a service recipient'],
	['8019', 'N..10', 'SRIN', 'service relation instance number'],
	['8020', 'X..25', 'REF No.', 'payment slip reference number'],
	['8026', 'N14,csum N4', 'ITIP CONTENT', 'ITIP of contained items'],
	['8030', 'Z..90', 'DIGSIG', 'digital signature'],
	['8110', 'X..70', 'COUPON', 'coupon code (North America)'],
	['8111', 'N4', 'POINTS', 'loyalty points of a coupon'],
	['8112', 'X..70', 'COUPON', 'paperless coupon code (North America)'],
	['8200', 'X..70', 'PRODUCT URL', 'extended packaging URL'],
	['90', 'X..30', 'INTERNAL', 'mutually agreed information'],
	['91-99', 'X..90', 'INTERNAL', 'company internal information'],
];

/**
 * Trade measures 31nn-36nn: six digits whose fourth AI digit gives the decimal point position (0-5).
 * [three-digit stem, title].
 */
const MEASURE_STEMS: ReadonlyArray<readonly [string, string]> = [
	['310', 'NET WEIGHT (kg)'], ['311', 'LENGTH (m)'], ['312', 'WIDTH (m)'], ['313', 'HEIGHT (m)'],
	['314', 'AREA (m²)'], ['315', 'NET VOLUME (l)'], ['316', 'NET VOLUME (m³)'],
	['320', 'NET WEIGHT (lb)'], ['321', 'LENGTH (in)'], ['322', 'LENGTH (ft)'], ['323', 'LENGTH (yd)'],
	['324', 'WIDTH (in)'], ['325', 'WIDTH (ft)'], ['326', 'WIDTH (yd)'], ['327', 'HEIGHT (in)'],
	['328', 'HEIGHT (ft)'], ['329', 'HEIGHT (yd)'],
	['330', 'GROSS WEIGHT (kg)'], ['331', 'LENGTH (m), log'], ['332', 'WIDTH (m), log'], ['333', 'HEIGHT (m), log'],
	['334', 'AREA (m²), log'], ['335', 'VOLUME (l), log'], ['336', 'VOLUME (m³), log'], ['337', 'KG PER m²'],
	['340', 'GROSS WEIGHT (lb)'], ['341', 'LENGTH (in), log'], ['342', 'LENGTH (ft), log'], ['343', 'LENGTH (yd), log'],
	['344', 'WIDTH (in), log'], ['345', 'WIDTH (ft), log'], ['346', 'WIDTH (yd), log'], ['347', 'HEIGHT (in), log'],
	['348', 'HEIGHT (ft), log'], ['349', 'HEIGHT (yd), log'],
	['350', 'AREA (in²)'], ['351', 'AREA (ft²)'], ['352', 'AREA (yd²)'], ['353', 'AREA (in²), log'],
	['354', 'AREA (ft²), log'], ['355', 'AREA (yd²), log'], ['356', 'NET WEIGHT (t oz)'], ['357', 'NET VOLUME (oz)'],
	['360', 'NET VOLUME (qt)'], ['361', 'NET VOLUME (gal.)'], ['362', 'VOLUME (qt), log'], ['363', 'VOLUME (gal.), log'],
	['364', 'VOLUME (in³)'], ['365', 'VOLUME (ft³)'], ['366', 'VOLUME (yd³)'], ['367', 'VOLUME (in³), log'],
	['368', 'VOLUME (ft³), log'], ['369', 'VOLUME (yd³), log'],
];

const COMPONENT_PATTERN = /^(\[)?([NXYZ])(\.\.)?(\d+)(?:,([a-z0-9]+))?(\])?$/;

function parseComponent(token: string): AiComponent {
	const match = COMPONENT_PATTERN.exec(token);
	if (!match || Boolean(match[1]) !== Boolean(match[6])) throw new Error(`bad AI format component "${token}"`);
	const length = Number(match[4]);
	return {
		charset: match[2] as Gs1CharacterSet,
		minLength: match[3] ? 1 : length,
		maxLength: length,
		optional: Boolean(match[1]),
		linter: (match[5] as Gs1Linter | undefined) ?? null,
	};
}

function expandRange(ais: string): string[] {
	const [first, last] = ais.split('-');
	if (last === undefined) return [first];
	const result: string[] = [];
	for (let n = Number(first); n <= Number(last); n++) result.push(String(n).padStart(first.length, '0'));
	return result;
}

function buildDefinition(ai: string, format: string, title: string, label: string): AiDefinition {
	const components = format.split(' ').map(parseComponent);
	const required = components.filter((component) => !component.optional);
	const minLength = required.reduce((sum, component) => sum + component.minLength, 0);
	const maxLength = components.reduce((sum, component) => sum + component.maxLength, 0);
	return {
		ai,
		title,
		label,
		predefinedLength: PREDEFINED_LENGTH_PREFIXES.has(ai.slice(0, 2)),
		fixedLength: minLength === maxLength,
		minLength,
		maxLength,
		numeric: components.every((component) => component.charset === 'N'),
		isDate: components.length === 1 && (components[0].linter === 'yymmd0' || components[0].linter === 'yymmdd'),
		components,
	};
}

function buildTable(): Map<string, AiDefinition> {
	const table = new Map<string, AiDefinition>();
	for (const [ais, format, title, label] of TABLE) {
		for (const ai of expandRange(ais)) table.set(ai, buildDefinition(ai, format, title, label ?? title));
	}
	for (const [stem, title] of MEASURE_STEMS) {
		for (let decimals = 0; decimals <= 5; decimals++) {
			const label = `${title.toLowerCase()} with ${decimals} decimal${decimals === 1 ? '' : 's'}`;
			table.set(`${stem}${decimals}`, buildDefinition(`${stem}${decimals}`, 'N6', title, label));
		}
	}
	return table;
}

export const AI_DEFINITIONS: ReadonlyMap<string, AiDefinition> = buildTable();

export function getAiDefinition(ai: string): AiDefinition | undefined {
	return AI_DEFINITIONS.get(ai);
}

/**
 * The known AI that starts at `position` in `data`, if any. GS1 AIs form a prefix-free code (no AI is the
 * beginning of another), so the first 2-, 3- or 4-digit match is the only possible one.
 */
export function matchAiAt(data: string, position: number): AiDefinition | undefined {
	for (let length = 2; length <= 4; length++) {
		const code = data.slice(position, position + length);
		if (code.length < length || !/^\d+$/.test(code)) return undefined;
		const definition = AI_DEFINITIONS.get(code);
		if (definition) return definition;
	}
	return undefined;
}
