/** Small, fast, seedable randomness: everything the simulator invents is a pure function of the seed. */

// Module-level aliases: inside jest's vm context every global lookup (Math, String …) goes through an
// interceptor and costs ~100x more, which made generation 5x slower there.
const { imul, floor } = Math;
const toText = String;

/** 32-bit FNV-1a of a string, finished with a murmur3 mix so that near-identical inputs spread well. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = imul(h, 0x01000193);
	}
	return mix32(h);
}

/** murmur3 finaliser: a bijection on 32-bit integers. */
export function mix32(value: number): number {
	let h = value | 0;
	h ^= h >>> 16;
	h = imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** Combines two 32-bit values into one hash (order matters). */
export function hash2(a: number, b: number): number {
	return mix32((imul(a ^ 0x9e3779b9, 0x27d4eb2f) + mix32(b)) | 0);
}

/** A uniform number in [0, 1) from a 32-bit hash. */
export function unit(hash: number): number {
	return (hash >>> 0) / 4294967296;
}

/** mulberry32 stream with a few helpers. */
export class Random {
	private state = 0;

	constructor(seed: number) {
		this.state = seed | 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		let t = (this.state = (this.state + 0x6d2b79f5) | 0);
		t = imul(t ^ (t >>> 15), t | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[floor(this.next() * items.length)];
	}

	/** Picks by weight: `[[item, weight], …]`. */
	weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
		let total = 0;
		for (const [, weight] of choices) total += weight;
		let roll = this.next() * total;
		for (const [item, weight] of choices) {
			roll -= weight;
			if (roll < 0) return item;
		}
		return choices[choices.length - 1][0];
	}

	/** `length` decimal digits (leading zeros allowed). */
	digits(length: number): string {
		let out = '';
		for (let left = length; left > 0; left -= 9) {
			const k = left < 9 ? left : 9;
			out += toText(floor(this.next() * 10 ** k)).padStart(k, '0');
		}
		return out;
	}

	/** `length` characters drawn from `alphabet`. */
	chars(alphabet: string, length: number): string {
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[floor(this.next() * alphabet.length)];
		return out;
	}
}

/** Inverse of a multiplication by odd `a` modulo 2^32 (Newton's iteration). */
function inverseOdd(a: number): number {
	let x = a;
	for (let i = 0; i < 5; i++) x = imul(x, 2 - imul(a, x));
	return x;
}
const INV_1 = inverseOdd(0x85ebca6b);
const INV_2 = inverseOdd(0xc2b2ae35);

/** Inverse of mix32: recovers what a record key or DI was made from. */
export function unmix32(value: number): number {
	let h = value | 0;
	h ^= h >>> 16;
	h = imul(h, INV_2);
	h ^= (h >>> 13) ^ (h >>> 26);
	h = imul(h, INV_1);
	h ^= h >>> 16;
	return h >>> 0;
}
