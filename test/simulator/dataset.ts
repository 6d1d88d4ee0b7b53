/**
 * The simulated database: which device versions exist on which day, as of the simulator's clock, including
 * versions published later (publish) and earlier versions of updated records. Records are generated on
 * demand (a page needs only its 20) and cached with a bound.
 */
import { canonicalKey } from '../../nodes/udid/fields';
import { FIRST_DAY, MAX_RECORDS_PER_DAY } from './defaults';
import { addDays, chinaDate, dateOfOrdinal, dayStartMs, daysOfMonth, DAY_MS } from './china-time';
import { recordKey } from './codes';
import {
	baseCount,
	dayOf,
	deriveVersion,
	earlierVersions,
	generateRecord,
	generatorContext,
	locateDi,
	locateKey,
	publishOffset,
	type Day,
	type GeneratorContext,
} from './generator';
import { hash2, hashString, Random } from './prng';
import type { DeviceRecord } from './types';

export interface DatasetOptions {
	seed: number;
	perDay: number;
	now: () => Date;
	/** Upper bound of records kept in memory (whole days plus single records). */
	cacheRecords?: number;
}

interface Published {
	record: DeviceRecord;
	/** Epoch ms it became visible. */
	time: number;
	/** Order among publishes (ties on `time` go to the later one). */
	seq: number;
}

/** A list of records, newest first, whose members are only generated when read. */
export interface RecordList {
	total: number;
	get(position: number): DeviceRecord;
}

export interface QueryFilters {
	/** '1' newly published (新增), '2' changed (更新). */
	dataType?: string;
	zxxsdycpbs?: string;
	cpmctymc?: string;
	ggxh?: string;
	ylqxzcrbarmc?: string;
	zczbhhzbapzbh?: string;
}

/** Substring filters: the request names them in lower case, the records carry the canonical codes. */
const FUZZY = (['cpmctymc', 'ggxh', 'ylqxzcrbarmc', 'zczbhhzbapzbh'] as const).map(
	(name) => [name, canonicalKey('device', name)] as const,
);

export class Dataset {
	readonly ctx: GeneratorContext;
	private readonly perDay: number;
	private readonly now: () => Date;
	private readonly cacheRecords: number;
	/** Whole generated days (base records in publish order), least recently used first. */
	private readonly days = new Map<string, DeviceRecord[]>();
	private cachedDayRecords = 0;
	/** Single generated records by `${date}#${index}`, oldest first. */
	private readonly singles = new Map<string, DeviceRecord>();
	private readonly publishedByDate = new Map<string, Published[]>();
	/** Records published as new, by key. */
	private readonly publishedNew = new Map<string, Published>();
	/** Published new versions of existing records, by key. */
	private readonly publishedUpdates = new Map<string, Published[]>();
	/** Positions (in the unfiltered list) of the records matching a filtered query, by query and state. */
	private readonly filtered = new Map<string, Int32Array>();
	private publishSeq = 0;

	constructor(options: DatasetOptions) {
		this.ctx = generatorContext(options.seed);
		this.perDay = options.perDay;
		this.now = options.now;
		this.cacheRecords = options.cacheRecords ?? 24_000;
	}

	private nowMs(): number {
		return this.now().getTime();
	}

	today(): string {
		return chinaDate(this.nowMs());
	}

	private day(date: string): Day {
		return dayOf(this.ctx, date);
	}

	/** Records the generator publishes on `date` over the whole day. */
	baseCount(date: string): number {
		// Capped at half the per-day index space, so publishes on the day keep unique keys and DIs.
		return date < FIRST_DAY ? 0 : Math.min(baseCount(this.day(date), this.perDay), MAX_RECORDS_PER_DAY / 2);
	}

	/** How many of the day's generated records are published at `nowMs` (they are spread over the 24 hours). */
	private visibleBase(dayInfo: Day, count: number, nowMs: number): number {
		return this.publishedBy(dayInfo, count, nowMs - dayStartMs(dayInfo.date));
	}

	/** How many of `count` records of the day have a publish offset ≤ `offset` ms. */
	private publishedBy(dayInfo: Day, count: number, offset: number): number {
		if (count === 0 || offset < 0) return 0;
		if (offset >= DAY_MS) return count;
		const i = Math.floor((offset * count) / DAY_MS);
		if (i >= count) return count;
		return publishOffset(dayInfo, i, count) <= offset ? i + 1 : i;
	}

	private baseRecord(dayInfo: Day, index: number): DeviceRecord {
		const whole = this.days.get(dayInfo.date);
		if (whole) return whole[index];
		const id = `${dayInfo.date}#${index}`;
		let record = this.singles.get(id);
		if (!record) {
			record = generateRecord(this.ctx, dayInfo, index);
			this.singles.set(id, record);
			if (this.singles.size > this.cacheRecords / 4) this.singles.delete(this.singles.keys().next().value!);
		}
		return record;
	}

	/** Every generated record of a day, in publish order, cached (least recently used days go first). */
	private wholeDay(dayInfo: Day): DeviceRecord[] {
		const date = dayInfo.date;
		let records = this.days.get(date);
		if (records) {
			this.days.delete(date);
			this.days.set(date, records);
			return records;
		}
		const count = this.baseCount(date);
		records = new Array<DeviceRecord>(count);
		for (let i = 0; i < count; i++)
			records[i] = this.singles.get(`${date}#${i}`) ?? generateRecord(this.ctx, dayInfo, i);
		this.days.set(date, records);
		this.cachedDayRecords += count;
		while (this.cachedDayRecords > (this.cacheRecords * 3) / 4 && this.days.size > 1) {
			const [oldest, dropped] = this.days.entries().next().value!;
			this.days.delete(oldest);
			this.cachedDayRecords -= dropped.length;
		}
		return records;
	}

	/** What D001 for `date` holds right now, newest first. */
	dayList(date: string): RecordList {
		const nowMs = this.nowMs();
		const dayInfo = this.day(date);
		const count = this.baseCount(date);
		const visible = this.visibleBase(dayInfo, count, nowMs);
		const extras = (this.publishedByDate.get(date) ?? []).filter((p) => p.time <= nowMs);
		if (extras.length === 0) return { total: visible, get: (p) => this.baseRecord(dayInfo, visible - 1 - p) };
		extras.sort((a, b) => b.time - a.time || b.seq - a.seq);
		// Position of each published record in the merged list: it follows the base records published after it.
		const start = dayStartMs(date);
		const positions = extras.map(
			(p, k) => k + visible - Math.min(visible, this.publishedBy(dayInfo, count, p.time - start)),
		);
		return {
			total: visible + extras.length,
			get: (position) => {
				let lo = 0;
				let hi = positions.length;
				while (lo < hi) {
					const mid = (lo + hi) >> 1;
					if (positions[mid] < position) lo = mid + 1;
					else hi = mid;
				}
				if (lo < positions.length && positions[lo] === position) return extras[lo].record;
				return this.baseRecord(dayInfo, visible - 1 - (position - lo));
			},
		};
	}

	/** The days of a month, newest first, concatenated. */
	monthList(month: string): RecordList {
		const lists = daysOfMonth(month)
			.reverse()
			.map((date) => this.dayList(date));
		const total = lists.reduce((sum, list) => sum + list.total, 0);
		return {
			total,
			get: (position) => {
				let rest = position;
				for (const list of lists) {
					if (rest < list.total) return list.get(rest);
					rest -= list.total;
				}
				throw new RangeError(`position ${position} beyond ${total}`);
			},
		};
	}

	/** D001's result set for a day (requestType 1) or month (2) with optional filters. */
	query(requestType: '1' | '2', rangeValue: string, filters: QueryFilters): RecordList {
		const list = requestType === '1' ? this.dayList(rangeValue) : this.monthList(rangeValue);
		const active = Object.entries(filters).filter(([, value]) => value !== undefined && value !== '');
		if (active.length === 0) return list;
		const cacheKey = `${requestType}|${rangeValue}|${JSON.stringify(active)}|${this.signature(requestType, rangeValue)}`;
		let positions = this.filtered.get(cacheKey);
		if (!positions) {
			if (requestType === '1') this.wholeDay(this.day(rangeValue));
			const found: number[] = [];
			for (let p = 0; p < list.total; p++) if (matchesFilters(list.get(p), filters)) found.push(p);
			positions = Int32Array.from(found);
			this.filtered.set(cacheKey, positions);
			if (this.filtered.size > 32) this.filtered.delete(this.filtered.keys().next().value!);
		}
		const matches = positions;
		return { total: matches.length, get: (p) => list.get(matches[p]) };
	}

	/** Changes whenever what a range holds changes (time passing on today, publishes). */
	private signature(requestType: '1' | '2', rangeValue: string): string {
		const dates = requestType === '1' ? [rangeValue] : daysOfMonth(rangeValue);
		return dates.map((date) => `${this.dayList(date).total}/${this.publishedByDate.get(date)?.length ?? 0}`).join(',');
	}

	dayRecords(date: string): DeviceRecord[] {
		if (this.baseCount(date) > 0 && date <= this.today()) this.wholeDay(this.day(date));
		return materialise(this.dayList(date));
	}

	monthRecords(month: string): DeviceRecord[] {
		return daysOfMonth(month)
			.reverse()
			.flatMap((date) => this.dayRecords(date));
	}

	/** The first version of a key (generated or published as new) and when it became visible. */
	private origin(key: string): Published | undefined {
		const published = this.publishedNew.get(key);
		if (published) return published;
		const location = locateKey(this.ctx, key);
		if (!location) return undefined;
		const date = dateOfOrdinal(location.ordinal);
		const count = this.baseCount(date);
		if (location.index >= count) return undefined;
		const dayInfo = this.day(date);
		const record = this.baseRecord(dayInfo, location.index);
		if (record.deviceRecordKey !== key) return undefined;
		return { record, time: dayStartMs(date) + publishOffset(dayInfo, location.index, count), seq: -1 };
	}

	/** Every version of a key, newest first; `all` includes versions not yet visible. */
	versionsOf(key: string, all = false): DeviceRecord[] {
		const nowMs = this.nowMs();
		const origin = this.origin(key);
		const versions: DeviceRecord[] = [];
		if (origin && (all || origin.time <= nowMs)) versions.push(origin.record, ...earlierVersions(origin.record));
		for (const update of this.publishedUpdates.get(key) ?? [])
			if (all || update.time <= nowMs) versions.push(update.record);
		return versions.sort((a, b) => +b.versionNumber - +a.versionNumber);
	}

	findByDi(di: string): DeviceRecord | undefined {
		const location = locateDi(this.ctx, di.trim());
		if (!location) return undefined;
		const dayInfo = this.day(dateOfOrdinal(location.ordinal));
		const count = this.baseCount(dayInfo.date);
		const candidate =
			location.index < count
				? this.baseRecord(dayInfo, location.index)
				: this.publishedNew.get(recordKey(this.ctx.seedHash, dayInfo.ordinal, location.index))?.record;
		if (!candidate || candidate.ZXXSDYCPBS !== di.trim()) return undefined;
		return this.versionsOf(candidate.deviceRecordKey)[0];
	}

	/**
	 * Publishes `count` versions on `date` now: `updates` of them new versions of records published on that day
	 * or the six days before, the rest new records (version 1, 新增). They head the day's list. Returns them
	 * newest first.
	 */
	publish(date: string, count: number, updates = 0): DeviceRecord[] {
		const nowMs = this.nowMs();
		const time = Math.max(nowMs, dayStartMs(date));
		const seq = ++this.publishSeq;
		const r = new Random(hash2(this.ctx.seedHash, hashString(`publish|${date}|${seq}`)));
		const dayInfo = this.day(date);
		const list = this.publishedByDate.get(date) ?? [];
		this.publishedByDate.set(date, list);
		const made: Published[] = [];
		const chosen = new Set<string>();
		const wanted = Math.min(Math.max(0, updates), count);
		const sources = [0, 1, 2, 3, 4, 5, 6].map((back) => this.dayList(addDays(date, -back))).filter((l) => l.total > 0);
		for (let i = 0; i < wanted && sources.length; i++) {
			const source = r.pick(sources);
			const picked = source.get(r.int(0, source.total - 1));
			const key = picked.deviceRecordKey;
			if (chosen.has(key)) continue;
			chosen.add(key);
			const latest = this.versionsOf(key, true)[0] ?? picked;
			const record = deriveVersion(latest, +latest.versionNumber + 1, date, `publish|${seq}`);
			const entry = { record, time, seq: seq * 100_000 + made.length };
			const versions = this.publishedUpdates.get(key) ?? [];
			versions.push(entry);
			this.publishedUpdates.set(key, versions);
			made.push(entry);
		}
		const newOnes = count - made.length;
		const firstIndex =
			this.baseCount(date) + list.filter((p) => this.publishedNew.get(p.record.deviceRecordKey) === p).length;
		for (let i = 0; i < newOnes; i++) {
			const record = generateRecord(this.ctx, dayInfo, firstIndex + i, true);
			const entry = { record, time, seq: seq * 100_000 + made.length };
			this.publishedNew.set(record.deviceRecordKey, entry);
			made.push(entry);
		}
		list.push(...made);
		return made.map((p) => p.record).reverse();
	}
}

export function matchesFilters(record: DeviceRecord, filters: QueryFilters): boolean {
	if (filters.dataType && record.versionStatus !== (filters.dataType === '1' ? '新增' : '更新')) return false;
	if (filters.zxxsdycpbs && record.ZXXSDYCPBS !== filters.zxxsdycpbs) return false;
	for (const [param, code] of FUZZY) {
		const wanted = filters[param];
		if (wanted && !(record[code] as string).includes(wanted)) return false;
	}
	return true;
}

export function materialise(list: RecordList): DeviceRecord[] {
	const out = new Array<DeviceRecord>(list.total);
	for (let p = 0; p < list.total; p++) out[p] = list.get(p);
	return out;
}
