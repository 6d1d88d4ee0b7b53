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
	close(name: string): void;
	/**
	 * `<name>raw</name>` in one piece, or `<name/>` (then valueStart === valueEnd): the common case, recognised
	 * without three calls. Positions index `text`; nothing is cut out yet, and `hash` and `check` are the name's
	 * tagFingerprint, so a handler finds a known tag without reading or allocating its name (most of the cost per
	 * tag, measured). The value is raw (entities encoded) unless `clean` says it holds no `&` and no character
	 * XML forbids.
	 */
	leaf(
		text: string,
		nameStart: number,
		nameEnd: number,
		hash: number,
		check: number,
		valueStart: number,
		valueEnd: number,
		clean: boolean,
	): void;
	/** Raw text between tags (entities encoded) or the content of a CDATA section (`cdata` true). */
	text(raw: string, cdata: boolean): void;
	/** A `<` that starts no tag (a bare `<` in a value): kept as text and counted by the caller. */
	bareLessThan(): void;
}

/**
 * Two independent 32-bit hashes of a tag name (a 31-multiplier polynomial and FNV-1a), computed as the scanner
 * reads the name. With the length they identify a tag without comparing its characters again: two names that
 * differ collide on both with odds of about 2^-64, and only a file crafted for it could make them (whose author
 * could as well write any value under the real tag).
 */
export function tagFingerprint(name: string): { hash: number; check: number } {
	let hash = 0;
	let check = FNV_OFFSET;
	for (let i = 0; i < name.length; i++) {
		const c = name.charCodeAt(i);
		hash = (Math.imul(hash, 31) + c) | 0;
		check = Math.imul(check ^ c, FNV_PRIME);
	}
	return { hash, check };
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

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

/** True when the `length` characters at `a` and at `b` are the same (an open tag's name and its close tag's). */
function sameName(text: string, a: number, b: number, length: number): boolean {
	for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
	return true;
}

export class XmlScanner {
	private tail = '';

	constructor(private readonly handler: ScannerHandler) {}

	write(chunk: string): void {
		let text = chunk;
		let start = 0;
		if (this.tail !== '') {
			// Finish the token the last chunk cut with a small joined string, then go on in the chunk itself:
			// joining the whole chunk made V8 copy it (~130 KB a chunk) before it could be read.
			let tail = this.tail;
			for (let take = Math.min(chunk.length, tail.length + 1024); ; take = Math.min(chunk.length, take * 4)) {
				const head = tail + chunk.slice(0, take);
				const consumed = this.scan(head, 0);
				if (consumed > tail.length) {
					start = consumed - tail.length;
					break;
				}
				if (take === chunk.length) {
					text = head;
					start = consumed;
					break;
				}
				tail = tail.slice(consumed); // tokens handled inside the tail are not handled again
			}
		}
		const consumed = start === text.length ? start : this.scan(text, start);
		this.tail = consumed === text.length ? '' : text.slice(consumed);
		if (this.tail.length > MAX_PENDING_TEXT && this.tail.charCodeAt(0) !== 60) this.flushLongText();
	}

	/** Hands over what is left; an unfinished tag at the very end becomes text (nothing is dropped). */
	end(): void {
		if (this.tail !== '') this.handler.text(this.tail, false);
		this.tail = '';
	}

	/** Scans complete tokens; returns where the first incomplete one starts. */
	private scan(text: string, from: number): number {
		const h = this.handler;
		const length = text.length;
		let pos = from;
		while (pos < length) {
			// tags mostly follow each other directly: look before calling indexOf
			const lt = text.charCodeAt(pos) === 60 ? pos : text.indexOf('<', pos);
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
				// the name, fingerprinted as it is read (see tagFingerprint)
				let i = lt + 1;
				let c = next;
				let hash = 0;
				let check = FNV_OFFSET;
				// letters and '_' are above '>': one comparison for most name characters
				while (
					c > Char.Greater ||
					(c !== Char.Greater && c !== Char.Slash && c !== 32 && c !== 9 && c !== 10 && c !== 13)
				) {
					hash = (Math.imul(hash, 31) + c) | 0;
					check = Math.imul(check ^ c, FNV_PRIME);
					if (++i >= length) return lt;
					c = text.charCodeAt(i);
				}
				const nameEnd = i;
				const gt = c === Char.Greater ? i : text.indexOf('>', i);
				if (gt < 0) return lt;
				if (text.charCodeAt(gt - 1) === Char.Slash) {
					h.leaf(text, lt + 1, nameEnd, hash, check, gt, gt, true);
					pos = gt + 1;
					continue;
				}
				// a leaf when text and `</name>` follow directly; the value is checked for dirt on the way
				let valueEnd = gt + 1;
				let clean = true;
				for (; valueEnd < length; valueEnd++) {
					const v = text.charCodeAt(valueEnd);
					if (v > 60) {
						if (v >= 0xfffe) clean = false;
					} else if (v === 60) break;
					else if (v === 38 || (v < 32 && v !== 9 && v !== 10 && v !== 13)) clean = false;
				}
				const nameLength = nameEnd - lt - 1;
				const closeEnd = valueEnd + 3 + nameLength;
				if (closeEnd > length) return lt; // cannot tell before the next chunk
				if (
					text.charCodeAt(valueEnd + 1) === Char.Slash &&
					text.charCodeAt(closeEnd - 1) === Char.Greater &&
					sameName(text, lt + 1, valueEnd + 2, nameLength)
				) {
					h.leaf(text, lt + 1, nameEnd, hash, check, gt + 1, valueEnd, clean);
					pos = closeEnd;
				} else {
					h.open(text.slice(lt + 1, nameEnd));
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
