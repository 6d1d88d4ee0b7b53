/** Makers for the codes inside a record: DIs (GS1 GTIN-14, MA), credit codes, registration numbers, YBBM, keys. */
import { gs1CheckDigit } from '../../nodes/udid/identifiers/gs1-check';
import { withMaCheckDigit } from '../../nodes/udid/identifiers/ma';
import { usccCheckCharacter } from '../../nodes/udid/identifiers/uscc';
import { hash2, mix32, unmix32, type Random } from './prng';

const SPACE = 1_000_000_000;
const { floor } = Math; // see prng.ts on globals inside jest
const MUL_1 = 738_219_481;
const MUL_2 = 412_356_791;
const ADD_2 = 271_828_182;

/** (a * x) mod 1e9 without leaving the exact range of doubles. */
function mulMod(a: number, x: number): number {
	const hi = floor(a / 100_000);
	const lo = a % 100_000;
	return (((hi * x) % SPACE) * 100_000 + lo * x) % SPACE;
}

/**
 * A seeded bijection on [0, 1e9): item numbers that look random but never collide, so every generated
 * product has its own DI, and a DI leads back to the record it was made for. Two affine steps (multipliers
 * coprime to 10) around a decimal digit rotation.
 */
export function scrambleItem(serial: number, seedHash: number): number {
	let x = ((serial % SPACE) + SPACE) % SPACE;
	x = (mulMod(MUL_1, x) + (seedHash % SPACE)) % SPACE;
	x = (x % 10_000) * 100_000 + floor(x / 10_000);
	return (mulMod(MUL_2, x) + ADD_2) % SPACE;
}

export function unscrambleItem(item: number, seedHash: number): number {
	let x = mulMod(INV_2, (item - ADD_2 + SPACE) % SPACE);
	x = (x % 100_000) * 10_000 + floor(x / 100_000);
	return mulMod(INV_1, (x - (seedHash % SPACE) + SPACE) % SPACE);
}

function inverseMod(a: number): number {
	let [r0, r1, t0, t1] = [BigInt(SPACE), BigInt(a), 0n, 1n];
	while (r1 !== 0n) {
		const q = r0 / r1;
		[r0, r1] = [r1, r0 - q * r1];
		[t0, t1] = [t1, t0 - q * t1];
	}
	return Number(((t0 % BigInt(SPACE)) + BigInt(SPACE)) % BigInt(SPACE));
}
const INV_1 = inverseMod(MUL_1);
const INV_2 = inverseMod(MUL_2);

const pad = (n: number, width: number) => `${n}`.padStart(width, '0');

/** GTIN-14 from an indicator digit (0 = the sales unit, 1-8 = package levels) and the 12-digit body. */
export function gtin14(indicator: number, body12: string): string {
	const first13 = indicator + body12;
	return first13 + gs1CheckDigit(first13);
}

/** 12-digit GTIN body with a Chinese GS1 prefix (690-699) and a unique item number. */
export function gs1Body(prefixDigit: number, item: number): string {
	return '69' + prefixDigit + pad(item, 9);
}

/**
 * MA (IDcode) product code shaped like MA.156.M0.100350.01004YA10017: the 9-digit item, then the check digit of
 * the parser's own MA implementation, so that simulator and parser cannot disagree. `level` varies the letters
 * per package level.
 */
export function maCode(org: string, item: number, level = 0): string {
	const digits = pad(item, 9);
	return withMaCheckDigit(`MA.156.M0.${org}.0${digits.slice(0, 4)}Y${'ABCDEFGHJ'[level]}${digits.slice(4)}`);
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid 18-character unified social credit code of an enterprise (91…) in `region`. */
export function makeUscc(region: string, r: Random): string {
	const org = r.chance(0.7) ? 'MA' + r.chars(USCC_ALPHABET, 7) : r.digits(8) + r.chars(USCC_ALPHABET, 1);
	const first17 = '91' + region + org;
	return first17 + usccCheckCharacter(first17)!;
}

export interface RegistrationContext {
	cls: 1 | 2 | 3;
	/** Two-digit category inside the number (14 for 注输护理, 40 for IVD …). */
	category: string;
	province: string;
	filing: string;
	foreign: boolean;
}

/** 国械注准20213140001, 苏械注准20212140123, 国械注进…, 苏苏械备20200012, 国械备… */
export function registrationNumber(ctx: RegistrationContext, r: Random): string {
	const year = r.int(2015, 2024);
	const serial = pad(r.int(1, ctx.cls === 1 ? 2999 : 1999), 4);
	if (ctx.cls === 1) return ctx.foreign ? `国械备${year}${serial}` : `${ctx.province}${ctx.filing}械备${year}${serial}`;
	if (ctx.foreign) return `国械注进${year}${ctx.cls}${ctx.category}${serial}`;
	return ctx.cls === 3
		? `国械注准${year}3${ctx.category}${serial}`
		: `${ctx.province}械注准${year}2${ctx.category}${serial}`;
}

/** 27-character medical-insurance consumable code, e.g. C14010218500001012300000003 (shape only). */
export function ybbmCode(category: string, r: Random): string {
	return 'C' + category + r.digits(4) + r.digits(3) + '00' + r.digits(4) + r.digits(5) + '0000' + r.digits(2);
}

/**
 * A stable 32-hex record key for (seed, day, index). The last 8 hex digits are a bijection of (day, index), so
 * keys never collide for indexes below 131072 and lead back to their record; the rest only makes them look
 * like database keys.
 */
export function recordKey(seedHash: number, dayOrdinal: number, index: number): string {
	const unique = mix32((((dayOrdinal & 0x7fff) * 131072 + index) ^ seedHash) >>> 0);
	const a = hash2(seedHash, unique);
	const b = hash2(a, 0x51ed);
	const c = hash2(b, index);
	return hex8(a) + hex8(b) + hex8(c) + hex8(unique);
}

/** The (day ordinal, index) a key was made from, when it has the simulator's shape. */
export function parseRecordKey(seedHash: number, key: string): { ordinal: number; index: number } | undefined {
	if (!/^[0-9a-f]{32}$/.test(key)) return undefined;
	const u = (unmix32(parseInt(key.slice(24), 16)) ^ seedHash) >>> 0;
	return { ordinal: Math.floor(u / 131072), index: u % 131072 };
}

/** The item number inside a sales-unit DI the simulator could have made (GS1 indicator 0, or MA level A). */
export function parseItem(di: string): number | undefined {
	let m = /^069\d(\d{9})\d$/.exec(di);
	if (m) return +m[1];
	m = /^MA\.156\.M0\.\d{6}\.0(\d{4})YA(\d{5})\d$/.exec(di);
	return m ? +(m[1] + m[2]) : undefined;
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
