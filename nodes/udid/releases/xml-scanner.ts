/**
 * A streaming tokenizer for the release parts: element-only XML (no attributes we need, no namespaces). It takes
 * text in chunks of any size and calls back for open tags, close tags and raw text (entities still encoded; the
 * caller decodes and repairs them). Memory is the unfinished tail of the last chunk, so it is bounded by the
 * longest tag or text run, not by the size of the part.
 *
 * Why not a library: on a realistic 5,000-record part saxes and htmlparser2 alone cost ~20 µs a record and sax
 * ~65 µs, above the whole pipeline's 15 µs budget; saxes (strict) stops being useful on the dirt real parts hold.
 * See bench/releases/compare-libs.ts and the commit that added it.
 */

export interface ScannerHandler {
	open(name: string): void;
	/** Also called right after `open` for a self-closing tag. */
	close(name: string): void;
	/** `<name>raw</name>` in one piece (the common case, recognised without three calls); entities encoded. */
	leaf(name: string, raw: string): void;
	/** Raw text between tags (entities encoded) or the content of a CDATA section (`cdata` true). */
	text(raw: string, cdata: boolean): void;
	/** A `<` that starts no tag (a bare `<` in a value): kept as text and counted by the caller. */
	bareLessThan(): void;
}

/** Text runs longer than this without a `<` are handed over in pieces so the tail stays bounded. */
const MAX_PENDING_TEXT = 1 << 20;

const enum Char {
	Bang = 33,
	Slash = 47,
	Question = 63,
	Greater = 62,
}

function isNameStart(code: number): boolean {
	// ASCII letters, '_', ':' and anything beyond ASCII (Chinese tag names are legal XML)
	return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || code > 127;
}

function nameEnd(text: string, from: number, to: number): number {
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === 32 || c === 9 || c === 10 || c === 13 || c === Char.Slash || c === Char.Greater) return i;
	}
	return to;
}

export class XmlScanner {
	private tail = '';

	constructor(private readonly handler: ScannerHandler) {}

	write(chunk: string): void {
		const text = this.tail === '' ? chunk : this.tail + chunk;
		const consumed = this.scan(text);
		this.tail = consumed === text.length ? '' : text.slice(consumed);
		if (this.tail.length > MAX_PENDING_TEXT && this.tail.charCodeAt(0) !== 60) this.flushLongText();
	}

	/** Hands over what is left; an unfinished tag at the very end becomes text (nothing is dropped). */
	end(): void {
		if (this.tail !== '') this.handler.text(this.tail, false);
		this.tail = '';
	}

	/** Scans complete tokens; returns where the first incomplete one starts. */
	private scan(text: string): number {
		const h = this.handler;
		const length = text.length;
		let pos = 0;
		while (pos < length) {
			const lt = text.indexOf('<', pos);
			if (lt < 0) return pos; // text may continue in the next chunk (an entity could be split)
			if (lt > pos) h.text(text.slice(pos, lt), false);
			if (lt + 1 >= length) return lt;
			const next = text.charCodeAt(lt + 1);
			if (next === Char.Slash) {
				const gt = text.indexOf('>', lt + 2);
				if (gt < 0) return lt;
				h.close(text.slice(lt + 2, nameEnd(text, lt + 2, gt)));
				pos = gt + 1;
			} else if (isNameStart(next)) {
				const gt = text.indexOf('>', lt + 1);
				if (gt < 0) return lt;
				const name = text.slice(lt + 1, nameEnd(text, lt + 1, gt));
				if (text.charCodeAt(gt - 1) === Char.Slash) {
					h.open(name);
					h.close(name);
					pos = gt + 1;
					continue;
				}
				const leafEnd = this.leafEnd(text, name, gt);
				if (leafEnd === -1) return lt;
				if (leafEnd > 0) {
					h.leaf(name, text.slice(gt + 1, leafEnd - 3 - name.length));
					pos = leafEnd;
				} else {
					h.open(name);
					pos = gt + 1;
				}
			} else if (next === Char.Question || next === Char.Bang) {
				const end = this.skipMarkup(text, lt);
				if (end < 0) return lt;
				pos = end;
			} else {
				h.bareLessThan();
				h.text('<', true);
				pos = lt + 1;
			}
		}
		return pos;
	}

	/**
	 * After `<name>` ending at `gt`: the position after `</name>` when text and that close tag follow directly,
	 * 0 when something else follows (a child element, a comment), -1 when the chunk ends before we can tell.
	 */
	private leafEnd(text: string, name: string, gt: number): number {
		const lt = text.indexOf('<', gt + 1);
		const closeEnd = lt + 3 + name.length;
		if (lt < 0 || closeEnd > text.length) return -1;
		if (text.charCodeAt(lt + 1) !== Char.Slash || text.charCodeAt(closeEnd - 1) !== Char.Greater) return 0;
		return text.startsWith(name, lt + 2) ? closeEnd : 0;
	}

	/** Processing instructions, comments, CDATA and DOCTYPE; returns the position after it, -1 when incomplete. */
	private skipMarkup(text: string, lt: number): number {
		if (text.startsWith('<![CDATA[', lt)) {
			const end = text.indexOf(']]>', lt + 9);
			if (end < 0) return -1;
			this.handler.text(text.slice(lt + 9, end), true);
			return end + 3;
		}
		if (text.length - lt < 9 && '<![CDATA['.startsWith(text.slice(lt))) return -1;
		const closer = text.startsWith('<!--', lt) ? '-->' : text.charCodeAt(lt + 1) === Char.Question ? '?>' : '>';
		const end = text.indexOf(closer, lt + 2);
		return end < 0 ? -1 : end + closer.length;
	}

	private flushLongText(): void {
		// keep a possibly split entity (at most 32 characters after the last '&') for the next chunk
		const amp = this.tail.lastIndexOf('&');
		const cut = amp >= 0 && this.tail.length - amp < 32 ? amp : this.tail.length;
		this.handler.text(this.tail.slice(0, cut), false);
		this.tail = this.tail.slice(cut);
	}
}
