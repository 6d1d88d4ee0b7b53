/**
 * Key qualifiers in a GS1 Digital Link path, checked against the primary key's `dlpkey` attribute in the
 * syntax dictionary: "dlpkey=22,10,21|235" means the qualifiers after /01/{GTIN} are any of 22, 10, 21 in that
 * order, or 235 alone; "dlpkey" alone means the key takes no qualifiers.
 */
import type { AiDefinition } from './gs1-ai';

/** True when `qualifiers` keep the order of `sequence` and use nothing else. */
function followsSequence(qualifiers: readonly string[], sequence: readonly string[]): boolean {
	let position = -1;
	for (const ai of qualifiers) {
		const next = sequence.indexOf(ai, position + 1);
		if (next < 0) return false;
		position = next;
	}
	return true;
}

/** "its key qualifiers are (22), (10), (21) in that order, or (235)" — for messages. */
function describeSequences(primaryKey: AiDefinition): string {
	if (primaryKey.dlQualifierSequences.length === 0) return 'it takes no key qualifiers';
	const sequences = primaryKey.dlQualifierSequences.map((sequence) => {
		const list = sequence.map((ai) => `(${ai})`).join(', ');
		return sequence.length > 1 ? `${list} in that order` : list;
	});
	return `its key qualifiers are ${sequences.join(', or ')}`;
}

/** Problems with the qualifiers that follow `primaryKey` in the path (empty when they fit its dlpkey rule). */
export function dlPathProblems(primaryKey: AiDefinition, qualifiers: readonly string[]): string[] {
	if (qualifiers.length === 0) return [];
	const key = `(${primaryKey.ai}) ${primaryKey.label}`;
	const allowed = primaryKey.dlQualifierSequences;
	const strangers = qualifiers.filter((ai) => !allowed.some((sequence) => sequence.includes(ai)));
	if (strangers.length > 0) {
		const list = strangers.map((ai) => `(${ai})`).join(', ');
		return [`AI ${list} cannot follow primary key ${key} in a Digital Link path: ${describeSequences(primaryKey)}`];
	}
	if (allowed.some((sequence) => followsSequence(qualifiers, sequence))) return [];
	const given = qualifiers.map((ai) => `(${ai})`).join(', ');
	return [
		`Digital Link key qualifiers ${given} after ${key} are out of order or mixed: ${describeSequences(primaryKey)}`,
	];
}
