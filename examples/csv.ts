/** RFC 4180 CSV of flat items: one column per key seen in any item, in first-seen order. */
export function toCsv(items: Array<Record<string, unknown>>): string {
	const columns: string[] = [];
	const known = new Set<string>();
	for (const item of items) {
		for (const key of Object.keys(item)) {
			if (known.has(key)) continue;
			known.add(key);
			columns.push(key);
		}
	}
	const cell = (value: unknown) => {
		const text =
			value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
		return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	return (
		[columns.map(cell).join(','), ...items.map((item) => columns.map((c) => cell(item[c])).join(','))].join('\r\n') +
		'\r\n'
	);
}
