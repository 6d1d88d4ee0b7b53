import { integerOf, recordKeyOf, rowListOf, rowListsOf } from '../../nodes/udid/client/row-checks';
import { dataSetSchema, intLike, recordKeySchema } from '../../nodes/udid/client/schemas';

/** The hand-written checks must accept and reject exactly what the zod schemas do, with the same result. */
const VALUES: unknown[] = [
	'k1',
	' k1 ',
	'',
	'   ',
	'\t',
	'abc def',
	'0',
	'-0',
	'007',
	' 12 ',
	'-3',
	'+3',
	'1.5',
	'1e3',
	'0x10',
	'12a',
	'١٢',
	0,
	-0,
	1,
	-7,
	1.5,
	2 ** 53,
	2 ** 53 + 2,
	-(2 ** 53),
	Number.MAX_SAFE_INTEGER,
	NaN,
	Infinity,
	-Infinity,
	null,
	undefined,
	true,
	false,
	[],
	['x'],
	{},
	{ a: 1 },
	() => 1,
	Symbol.for('x'),
	10n,
];

const zodResult = (schema: { safeParse: (v: unknown) => { success: boolean; data?: unknown } }, value: unknown) => {
	const r = schema.safeParse(value);
	return r.success ? r.data : undefined;
};

describe('hand-written row checks agree with the zod schemas', () => {
	it.each(
		VALUES.map((v) => [
			typeof v === 'symbol' ? 'symbol' : typeof v === 'bigint' ? '10n' : (JSON.stringify(v) ?? String(v)),
			v,
		]),
	)('record key and integer: %s', (_name, value) => {
		expect(recordKeyOf(value)).toEqual(zodResult(recordKeySchema, value));
		expect(integerOf(value)).toEqual(zodResult(intLike, value));
	});

	const DATA_SETS: unknown[] = [
		null,
		undefined,
		'',
		'oops',
		5,
		[],
		[{}],
		{},
		{ deviceInfo: [] },
		{ deviceInfo: null },
		{ deviceInfo: '' },
		{ deviceInfo: 'x' },
		{ deviceInfo: { a: 1 } },
		{ deviceInfo: [null, 5, 'x'] },
		{ deviceInfo: [{ a: 1 }, []] },
		{ deviceInfo: [{ a: 1 }], packingInfo: [{ b: 2 }] },
		{ deviceInfo: [{ a: 1 }], storageInfo: 7 },
		{ deviceInfo: [{ a: 1 }], clinicalInfo: [{}, null] },
		{ other: 1 },
	];
	it.each(DATA_SETS.map((d) => [JSON.stringify(d) ?? String(d), d]))('dataSet %s', (_name, dataSet) => {
		const keys = ['deviceInfo', 'packingInfo', 'storageInfo', 'clinicalInfo'];
		const mine = rowListsOf(dataSet, keys);
		const theirs = zodResult(dataSetSchema, dataSet) as Record<string, unknown[]> | undefined;
		if (theirs === undefined) {
			expect(mine).toHaveProperty('badPath');
		} else {
			expect(mine).not.toHaveProperty('badPath');
			for (const key of keys) expect((mine as Record<string, unknown[]>)[key]).toEqual(theirs[key]);
		}
	});

	it('returns a row list itself, not a copy, and names the first bad element', () => {
		const list = [{ a: '1' }, { b: '2' }];
		expect(rowListOf(list)).toBe(list);
		expect(rowListOf([{}, {}, null])).toEqual({ badIndex: 2 });
		expect(rowListOf('x')).toEqual({ badIndex: -1 });
	});
});
