/**
 * Plain English labels for AIs, used in messages and in `elements[].name` (e.g. "expiry date" for AI 17, whose
 * GS1 data title is "USE BY or EXPIRY"). Presentation only: every rule comes from the syntax dictionary, and an
 * AI without a label here is named by its GS1 data title.
 */
const LABELS: Readonly<Record<string, string>> = {
	'03': 'made-to-order GTIN',
	'00': 'SSCC',
	'01': 'GTIN',
	'02': 'GTIN of contained items',
	'10': 'batch/lot number',
	'11': 'production date',
	'12': 'due date',
	'13': 'packaging date',
	'15': 'best before date',
	'16': 'sell by date',
	'17': 'expiry date',
	'20': 'variant',
	'21': 'serial number',
	'22': 'consumer product variant',
	'235': 'third-party serial extension',
	'240': 'additional product identification',
	'241': 'customer part number',
	'242': 'made-to-order variation number',
	'243': 'packaging component number',
	'250': 'secondary serial number',
	'251': 'reference to source entity',
	'253': 'global document type identifier',
	'254': 'GLN extension component',
	'255': 'global coupon number',
	'30': 'variable count',
	'37': 'count of trade items',
	'3900-3909': 'amount payable',
	'3910-3919': 'amount payable with ISO currency',
	'3920-3929': 'price',
	'3930-3939': 'price with ISO currency',
	'3940-3943': 'percentage discount',
	'3950-3955': 'price per unit of measure',
	'400': 'customer purchase order number',
	'401': 'global identification number for consignment',
	'402': 'global shipment identification number',
	'403': 'routing code',
	'410': 'ship-to GLN',
	'411': 'bill-to GLN',
	'412': 'purchased-from GLN',
	'413': 'ship-for GLN',
	'414': 'GLN of a physical location',
	'415': 'invoicing party GLN',
	'416': 'production or service location GLN',
	'417': 'party GLN',
	'420': 'ship-to postal code',
	'421': 'ship-to postal code with country',
	'422': 'country of origin',
	'423': 'country of initial processing',
	'424': 'country of processing',
	'425': 'country of disassembly',
	'426': 'country of full process chain',
	'427': 'country subdivision of origin',
	'4326': 'release date',
	'4330': 'maximum temperature in Fahrenheit',
	'4331': 'maximum temperature in Celsius',
	'4332': 'minimum temperature in Fahrenheit',
	'4333': 'minimum temperature in Celsius',
	'7001': 'NATO stock number',
	'7003': 'expiry date and time',
	'7004': 'active potency',
	'7006': 'first freeze date',
	'7007': 'harvest date',
	'7011': 'test by date',
	'7020': 'refurbishment lot',
	'7021': 'functional status',
	'7022': 'revision status',
	'7023': 'GIAI of an assembly',
	'7030-7039': 'approval number of processor',
	'7040': 'GS1 UIC with extension',
	'710-716': 'national healthcare reimbursement number',
	'7230-7239': 'certification reference',
	'7240': 'protocol ID',
	'7242': 'version control number',
	'7250': 'date of birth',
	'7251': 'date and time of birth',
	'7252': 'biological sex',
	'7253': 'family name of person',
	'7254': 'given name of person',
	'7255': 'name suffix of person',
	'7256': 'full name of person',
	'7257': 'address of person',
	'7258': 'baby birth sequence indicator',
	'7259': 'baby of family name',
	'8001': 'roll dimensions',
	'8002': 'cellular mobile telephone identifier',
	'8003': 'global returnable asset identifier',
	'8004': 'global individual asset identifier',
	'8005': 'price per unit of measure',
	'8006': 'identification of an individual trade item piece',
	'8008': 'production date and time',
	'8009': 'optically readable sensor indicator',
	'8010': 'component/part identifier',
	'8011': 'component/part identifier serial number',
	'8012': 'software version',
	'8013': 'global model number',
	'8017': 'GSRN of a service provider',
	'8018': 'GSRN of a service recipient',
	'8019': 'service relation instance number',
	'8020': 'payment slip reference number',
	'8026': 'ITIP of contained items',
	'8030': 'digital signature',
	'8110': 'coupon code (North America)',
	'8111': 'loyalty points of a coupon',
	'8112': 'paperless coupon code (North America)',
	'8200': 'extended packaging URL',
	'90': 'mutually agreed information',
	'91-99': 'company internal information',
};

function expandRange(ais: string): string[] {
	const [first, last] = ais.split('-');
	if (last === undefined) return [first];
	const result: string[] = [];
	for (let n = Number(first); n <= Number(last); n++) result.push(String(n).padStart(first.length, '0'));
	return result;
}

const LABEL_BY_AI: ReadonlyMap<string, string> = new Map(
	Object.entries(LABELS).flatMap(([ais, label]) => expandRange(ais).map((ai) => [ai, label] as const)),
);

/** Trade measures 31nn-36nn: the fourth digit of the AI is the number of decimals. */
function measureLabel(ai: string, title: string): string | undefined {
	if (!/^3[1-6]\d\d$/.test(ai)) return undefined;
	const decimals = Number(ai[3]);
	return `${title.toLowerCase()} with ${decimals} decimal${decimals === 1 ? '' : 's'}`;
}

export function aiLabel(ai: string, title: string): string {
	return LABEL_BY_AI.get(ai) ?? measureLabel(ai, title) ?? title;
}

export { expandRange };
