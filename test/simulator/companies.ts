/** The registrants (注册人/备案人) that generated records belong to: a fixed pool per seed. */
import { makeUscc } from './codes';
import { DEFAULT_APP } from './defaults';
import { hashString, Random } from './prng';
import {
	BRAND_SYLLABLES,
	COMPANY_SUFFIXES,
	FOREIGN_REGISTRANTS,
	PLACES,
	type CompanyKind,
	type Place,
} from './vocabulary';

export interface Company {
	name: string;
	nameEn: string;
	uscc: string;
	place: Place;
	kind: CompanyKind;
	foreign: boolean;
	/** Chinese brand (two syllables), used in trade names. */
	brand: string;
	/** Upper-case brand initials, used in catalogue numbers. */
	initials: string;
	domain: string;
	/** 690-699: the third digit of the company's GS1 prefix. */
	gs1Digit: number;
	/** Six-digit organisation part of its MA codes. */
	maOrg: string;
	/** Share of the company's products that carry MA codes instead of GS1. */
	maShare: number;
}

const POOL_SIZES: Readonly<Record<CompanyKind, number>> = { consumable: 160, ivd: 60, equipment: 60 };

export type CompanyPool = Readonly<Record<CompanyKind, readonly Company[]>>;

export function buildCompanies(seed: number): CompanyPool {
	const r = new Random(hashString(`companies|${seed}`));
	const used = new Set<string>();
	const pool: Record<CompanyKind, Company[]> = { consumable: [], ivd: [], equipment: [] };
	for (const kind of Object.keys(POOL_SIZES) as CompanyKind[]) {
		for (let i = 0; i < POOL_SIZES[kind]; i++) pool[kind].push(domesticCompany(kind, r, used));
	}
	// The demo app's credit codes belong to real (generated) registrants, so filters by them find records.
	const demoPlaces = ['苏州', '深圳', '北京'];
	DEFAULT_APP.creditCodes.forEach((uscc, i) => {
		const company = pool.consumable[i];
		company.uscc = uscc;
		company.place = PLACES.find((p) => p.city === demoPlaces[i])!;
		company.name = company.place.city + company.name.slice(company.name.indexOf(company.brand));
		company.nameEn = `${company.place.pinyin} ${company.nameEn.slice(company.nameEn.indexOf(' ') + 1)}`;
	});
	FOREIGN_REGISTRANTS.forEach(([name, nameEn, domain], i) => {
		const kind: CompanyKind = (['consumable', 'ivd', 'equipment'] as const)[i % 3];
		const agentPlace = PLACES.find((p) => p.city === (i % 2 ? '上海' : '北京'))!;
		pool[kind].push({
			name,
			nameEn,
			uscc: makeUscc(agentPlace.region, r), // a foreign registrant is known by its Chinese agent's code
			place: agentPlace,
			kind,
			foreign: true,
			brand: name.slice(0, 2),
			initials: nameEn.slice(0, 2).toUpperCase(),
			domain,
			gs1Digit: r.int(0, 9),
			maOrg: String(r.int(100000, 999999)),
			maShare: 0,
		});
	});
	return pool;
}

function domesticCompany(kind: CompanyKind, r: Random, used: Set<string>): Company {
	for (;;) {
		const place = r.pick(PLACES);
		const first = r.pick(BRAND_SYLLABLES);
		let second = r.pick(BRAND_SYLLABLES);
		while (second === first) second = r.pick(BRAND_SYLLABLES);
		const [suffix, suffixEn] = r.pick(COMPANY_SUFFIXES[kind]);
		const brand = first[0] + second[0];
		const name = place.city + brand + suffix;
		if (used.has(name)) continue;
		used.add(name);
		const brandPinyin = first[1] + second[1];
		const brandEn = brandPinyin[0].toUpperCase() + brandPinyin.slice(1);
		return {
			name,
			nameEn: `${place.pinyin} ${brandEn} ${suffixEn}`,
			uscc: makeUscc(place.region, r),
			place,
			kind,
			foreign: false,
			brand,
			initials: (first[1][0] + second[1][0]).toUpperCase(),
			domain: r.pick([
				`${brandPinyin}med.com`,
				`${brandPinyin}.com.cn`,
				`${place.pinyin.toLowerCase()}-${brandPinyin}.com`,
			]),
			gs1Digit: r.int(0, 9),
			maOrg: String(r.int(100000, 999999)),
			maShare: r.chance(0.25) ? 0.4 : 0,
		};
	}
}

/** Picks a company of `kind`, favouring the first ones (a few registrants publish most products). */
export function pickCompany(pool: CompanyPool, kind: CompanyKind, r: Random): Company {
	const list = pool[kind];
	return list[(list.length * r.next() * r.next()) | 0];
}
