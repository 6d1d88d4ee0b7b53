/** Word lists for registrants and contacts: places, brand syllables, company suffixes, names. */

export interface Place {
	city: string;
	pinyin: string;
	/** Province abbreviation used in registration numbers (苏械注准…). */
	province: string;
	/** City abbreviation used in class I filing numbers (苏苏械备…). */
	filing: string;
	/** Administrative division code, the 3rd-8th characters of a credit code. */
	region: string;
	areaCode: string;
}

export const PLACES: readonly Place[] = [
	{ city: '苏州', pinyin: 'Suzhou', province: '苏', filing: '苏', region: '320594', areaCode: '512' },
	{ city: '无锡', pinyin: 'Wuxi', province: '苏', filing: '锡', region: '320214', areaCode: '510' },
	{ city: '常州', pinyin: 'Changzhou', province: '苏', filing: '常', region: '320411', areaCode: '519' },
	{ city: '深圳', pinyin: 'Shenzhen', province: '粤', filing: '深', region: '440305', areaCode: '755' },
	{ city: '广州', pinyin: 'Guangzhou', province: '粤', filing: '穗', region: '440112', areaCode: '20' },
	{ city: '杭州', pinyin: 'Hangzhou', province: '浙', filing: '杭', region: '330108', areaCode: '571' },
	{ city: '宁波', pinyin: 'Ningbo', province: '浙', filing: '甬', region: '330212', areaCode: '574' },
	{ city: '济南', pinyin: 'Jinan', province: '鲁', filing: '济', region: '370112', areaCode: '531' },
	{ city: '威海', pinyin: 'Weihai', province: '鲁', filing: '威', region: '371002', areaCode: '631' },
	{ city: '北京', pinyin: 'Beijing', province: '京', filing: '京昌', region: '110114', areaCode: '10' },
	{ city: '上海', pinyin: 'Shanghai', province: '沪', filing: '沪浦', region: '310115', areaCode: '21' },
	{ city: '武汉', pinyin: 'Wuhan', province: '鄂', filing: '汉', region: '420111', areaCode: '27' },
	{ city: '长沙', pinyin: 'Changsha', province: '湘', filing: '长', region: '430104', areaCode: '731' },
	{ city: '成都', pinyin: 'Chengdu', province: '川', filing: '蓉', region: '510107', areaCode: '28' },
	{ city: '郑州', pinyin: 'Zhengzhou', province: '豫', filing: '郑', region: '410122', areaCode: '371' },
	{ city: '新乡', pinyin: 'Xinxiang', province: '豫', filing: '新', region: '410728', areaCode: '373' },
	{ city: '石家庄', pinyin: 'Shijiazhuang', province: '冀', filing: '石', region: '130108', areaCode: '311' },
	{ city: '南昌', pinyin: 'Nanchang', province: '赣', filing: '洪', region: '360124', areaCode: '791' },
	{ city: '合肥', pinyin: 'Hefei', province: '皖', filing: '合', region: '340104', areaCode: '551' },
];

/** Syllables for brand names, with pinyin for English names, web domains and e-mail addresses. */
export const BRAND_SYLLABLES: ReadonlyArray<readonly [string, string]> = [
	['康', 'kang'],
	['瑞', 'rui'],
	['健', 'jian'],
	['华', 'hua'],
	['迈', 'mai'],
	['安', 'an'],
	['德', 'de'],
	['恒', 'heng'],
	['泰', 'tai'],
	['博', 'bo'],
	['盛', 'sheng'],
	['宁', 'ning'],
	['普', 'pu'],
	['欣', 'xin'],
	['百', 'bai'],
	['美', 'mei'],
	['达', 'da'],
	['科', 'ke'],
	['辉', 'hui'],
	['信', 'xin'],
	['鸿', 'hong'],
	['源', 'yuan'],
	['禾', 'he'],
	['润', 'run'],
	['威', 'wei'],
	['佳', 'jia'],
	['联', 'lian'],
	['创', 'chuang'],
	['医', 'yi'],
	['天', 'tian'],
	['正', 'zheng'],
	['仁', 'ren'],
	['和', 'he'],
	['悦', 'yue'],
	['昊', 'hao'],
];

export type CompanyKind = 'consumable' | 'ivd' | 'equipment';

export const COMPANY_SUFFIXES: Readonly<Record<CompanyKind, ReadonlyArray<readonly [string, string]>>> = {
	consumable: [
		['医疗器械有限公司', 'Medical Devices Co., Ltd.'],
		['医疗器械股份有限公司', 'Medical Devices Co., Ltd.'],
		['医疗用品有限公司', 'Medical Products Co., Ltd.'],
		['医用材料有限公司', 'Medical Materials Co., Ltd.'],
		['医疗科技有限公司', 'Medical Technology Co., Ltd.'],
		['生物医学工程有限公司', 'Biomedical Engineering Co., Ltd.'],
	],
	ivd: [
		['生物技术有限公司', 'Biotechnology Co., Ltd.'],
		['生物科技股份有限公司', 'Bio-Tech Co., Ltd.'],
		['生物工程有限公司', 'Bioengineering Co., Ltd.'],
		['诊断技术有限公司', 'Diagnostics Co., Ltd.'],
	],
	equipment: [
		['医疗电子有限公司', 'Medical Electronics Co., Ltd.'],
		['医疗设备有限公司', 'Medical Equipment Co., Ltd.'],
		['科技股份有限公司', 'Technology Co., Ltd.'],
		['医疗系统有限公司', 'Medical Systems Co., Ltd.'],
	],
};

/** Fictional foreign manufacturers (registered through a Chinese agent). */
export const FOREIGN_REGISTRANTS: ReadonlyArray<readonly [string, string, string]> = [
	['美迪瑞克斯公司', 'Medirex Inc.', 'medirex.com'],
	['百特林医疗器械公司', 'Baxlin Healthcare Corporation', 'baxlin.com'],
	['西泽医疗系统有限公司', 'Sizer Medical Systems GmbH', 'sizer-medical.de'],
	['奥林达医疗株式会社', 'Olinda Medical Co., Ltd.', 'olinda-med.co.jp'],
	['柯瑞恩医疗股份公司', 'Corian Medical AG', 'corian.ch'],
	['泰尔茂斯医疗有限公司', 'Termos Medical Ltd.', 'termos-medical.co.uk'],
	['罗舍特诊断有限公司', 'Roschet Diagnostics GmbH', 'roschet-dx.de'],
	['爱尔康迪公司', 'Alkondi S.A.', 'alkondi.fr'],
];

export const SURNAMES_PINYIN: readonly string[] = [
	'zhang',
	'wang',
	'li',
	'liu',
	'chen',
	'yang',
	'zhao',
	'huang',
	'zhou',
	'wu',
	'xu',
	'sun',
	'ma',
	'zhu',
	'hu',
];
export const GIVEN_PINYIN: readonly string[] = [
	'wei',
	'fang',
	'na',
	'min',
	'jing',
	'lei',
	'qiang',
	'jun',
	'yan',
	'tao',
	'ming',
	'chao',
	'xia',
	'hui',
	'ping',
];
