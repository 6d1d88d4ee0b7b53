/**
 * Finds the field of a known tag from its length and the fingerprint the scanner computed while reading it,
 * without cutting the name out of the text or comparing it again: the parser's hot path (about 75 tags a record;
 * a native startsWith per tag cost ~2 µs a record, measured). An open-addressed table; a tag it does not hold
 * (unknown, or spelled in another case) is left to the caller's slower path through the dictionary.
 */
import type { FileField } from './mapping';
import { tagFingerprint } from './xml-scanner';

interface Slot {
	length: number;
	hash: number;
	check: number;
	field: FileField;
}

export class TagTable {
	private readonly slots: Array<Slot | undefined>;
	private readonly mask: number;

	constructor(tags: ReadonlyMap<string, FileField>) {
		let size = 16;
		while (size < tags.size * 4) size *= 2;
		this.mask = size - 1;
		this.slots = new Array<Slot | undefined>(size).fill(undefined);
		for (const [tag, field] of tags) {
			const { hash, check } = tagFingerprint(tag);
			let at = hash & this.mask;
			while (this.slots[at] !== undefined) at = (at + 1) & this.mask;
			this.slots[at] = { length: tag.length, hash, check, field };
		}
	}

	/** The field of the tag of this length and fingerprint; undefined when the table lacks it. */
	find(length: number, hash: number, check: number): FileField | undefined {
		for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
			const slot = this.slots[at];
			if (slot === undefined) return undefined;
			if (slot.hash === hash && slot.check === check && slot.length === length) return slot.field;
		}
	}
}
