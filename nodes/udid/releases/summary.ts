/** Turns a part's summary into short English lines for logs, warnings and item fields. */
import { describeWarnings } from './mapping';
import type { PartSummary } from './part-parser';
import type { RepairCounts } from './text-repair';

const REPAIR_WORDS: Record<keyof RepairCounts, string> = {
	controlCharacters: 'control characters illegal in XML removed',
	bareAmpersands: 'bare & kept as &',
	htmlEntities: 'HTML entities (e.g. &nbsp;) decoded',
	unknownEntities: 'unknown entities kept as text',
	illegalReferences: 'references to illegal code points (e.g. &#1;) removed',
	bareLessThans: 'bare < kept as <',
	mismatchedTags: 'mismatched end tags closed',
};

/** One line for the header check (when it fails), the repairs, rejected records and dictionary warnings. */
export function describeSummary(summary: PartSummary, where: string): string[] {
	const lines: string[] = [];
	if (!summary.countMatches) {
		const said = `numberRkeyecordXML says ${summary.headerCount}`;
		lines.push(`${where}: header count mismatch: ${said}, ${summary.devicesRead} device records were read`);
	}
	const repairs = (Object.keys(REPAIR_WORDS) as Array<keyof RepairCounts>).filter((k) => summary.repairs[k] > 0);
	if (repairs.length) {
		const what = repairs.map((k) => `${summary.repairs[k]} ${REPAIR_WORDS[k]}`);
		lines.push(`${where}: repaired ${what.join('; ')}`);
	}
	for (const r of summary.rejected.slice(0, 10)) {
		lines.push(`${where}: device #${r.index + 1} not emitted: ${r.reason}`);
	}
	if (summary.rejected.length > 10) lines.push(`${where}: ${summary.rejected.length - 10} more devices not emitted`);
	if (summary.strayValues) lines.push(`${where}: ${summary.strayValues} values outside the known structure ignored`);
	for (const line of describeWarnings(summary.warnings)) lines.push(`${where}: ${line}`);
	return lines;
}
