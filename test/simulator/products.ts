/**
 * Product templates: what a kind of device is called, how it is classified, registered, packed, stored and
 * sized, and how its models (规格型号) look. The generator picks one per record, weighted.
 */
import type { Random } from './prng';
import type { CompanyKind } from './vocabulary';

export type SizeRow = readonly [type: string, value: string, unit: string];
export interface ModelChoice {
	model: string;
	sizes: SizeRow[];
}
/** [condition, min, max, unit] */
export type StorageSpec = readonly [string, string, string, string];

export interface ProductTemplate {
	name: string;
	/** 2017 catalogue code (device) or IVD subcategory. */
	flbm: string;
	yflbm: string;
	cls: 1 | 2 | 3;
	kind: CompanyKind;
	weight: number;
	sterile?: 'EO' | 'RAD' | 'STEAM';
	reusable?: boolean;
	sterilizeBeforeUse?: boolean;
	kit?: boolean;
	directMarking?: boolean;
	/** MR safety code; default '3' (no MR information on the label). */
	mr?: readonly string[];
	model: (r: Random) => ModelChoice;
	useUnits: readonly number[];
	/** Package levels bottom-up: level name and the quantities of the level below it holds. */
	packs: ReadonlyArray<readonly [string, readonly number[]]>;
	storage: readonly StorageSpec[];
	description: string;
	specialStorage?: string;
}

const ROOM: StorageSpec = ['储存温度', '-20', '40', '℃'];
const DRY: StorageSpec = ['储存湿度', '0', '80', '%RH'];
const FRIDGE: StorageSpec = ['储存温度', '2', '8', '℃'];
const AMBIENT: StorageSpec = ['储存温度', '2', '30', '℃'];
const OPERATING: StorageSpec = ['运行温度', '5', '40', '℃'];
const PRESSURE: StorageSpec = ['大气压力', '70', '106', 'kPa'];

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const oneOf = <T>(r: Random, items: readonly T[]) => r.pick(items);
const NEEDLES = [
	['0.45', '16'],
	['0.55', '20'],
	['0.6', '25'],
	['0.7', '30'],
	['0.8', '38'],
] as const;

export const PRODUCTS: readonly ProductTemplate[] = [
	{
		name: '一次性使用无菌注射器 带针',
		flbm: '14-01-02',
		yflbm: '6815',
		cls: 3,
		kind: 'consumable',
		weight: 9,
		sterile: 'EO',
		model: (r) => {
			const ml = oneOf(r, ['1', '2', '2.5', '3', '5', '10', '20', '30', '50']);
			const [od, len] = oneOf(r, NEEDLES);
			return {
				model: `${ml}ml ${od}×${len}${r.chance(0.5) ? ' RWLB' : ' TWSB'}`,
				sizes: [
					['容量', ml, 'ml'],
					['外径', od, 'mm'],
					['长度', len, 'mm'],
				],
			};
		},
		useUnits: [1],
		packs: [
			['盒', [50, 100]],
			['箱', [8, 10, 20]],
		],
		storage: [ROOM, DRY],
		description: '由外套、芯杆、活塞和注射针组成，供抽吸液体或在抽吸液体后注射用。',
		specialStorage: '应贮存在相对湿度不超过80%，无腐蚀性气体和通风良好的清洁室内。',
	},
	{
		name: '一次性使用输液器 带针',
		flbm: '14-02-01',
		yflbm: '6866',
		cls: 3,
		kind: 'consumable',
		weight: 7,
		sterile: 'EO',
		model: (r) => {
			const [od, len] = oneOf(r, NEEDLES);
			const kind = oneOf(r, ['普通型', '精密过滤型', '避光型']);
			return {
				model: `${kind} ${od}×${len} TWLB`,
				sizes: [
					['外径', od, 'mm'],
					['长度', len, 'mm'],
				],
			};
		},
		useUnits: [1],
		packs: [
			['中盒', [25, 50]],
			['箱', [8, 10]],
		],
		storage: [ROOM, DRY],
		description: '由瓶塞穿刺器、滴斗、药液过滤器、流量调节器、静脉针等组成，供重力输液用。',
	},
	{
		name: '一次性使用静脉留置针',
		flbm: '14-01-08',
		yflbm: '6815',
		cls: 3,
		kind: 'consumable',
		weight: 4,
		sterile: 'EO',
		model: (r) => {
			const g = oneOf(r, [
				['18G', '1.3'],
				['20G', '1.1'],
				['22G', '0.9'],
				['24G', '0.7'],
			] as const);
			return {
				model: `${oneOf(r, ['Y型', '直型', '正压Y型'])} ${g[0]}`,
				sizes: [
					['外径', g[1], 'mm'],
					['针管规格', g[0], 'G'],
				],
			};
		},
		useUnits: [1],
		packs: [
			['盒', [50]],
			['箱', [8, 16]],
		],
		storage: [ROOM],
		description: '由保护套、针管、导管座、针座等组成，供插入外周血管进行输液用。',
	},
	{
		name: '医用外科口罩',
		flbm: '14-14-02',
		yflbm: '6864',
		cls: 2,
		kind: 'consumable',
		weight: 8,
		sterile: 'EO',
		model: (r) => {
			const size = oneOf(r, [
				['17.5', '9.5', '成人'],
				['14.5', '9.5', '儿童'],
			] as const);
			return {
				model: `${size[0]}cm×${size[1]}cm ${oneOf(r, ['平面耳挂式', '平面绑带式'])} ${size[2]}`,
				sizes: [
					['长度', fmt(+size[0] * 10, 0), 'mm'],
					['宽度', fmt(+size[1] * 10, 0), 'mm'],
				],
			};
		},
		useUnits: [1, 10, 50],
		packs: [
			['盒', [10, 50]],
			['箱', [20, 40]],
		],
		storage: [ROOM, DRY],
		description: '由口罩体、鼻夹和口罩带组成，口罩体分内、中、外三层，供临床医务人员在有创操作等过程中佩戴。',
	},
	{
		name: '医用防护口罩',
		flbm: '14-14-03',
		yflbm: '6864',
		cls: 2,
		kind: 'consumable',
		weight: 3,
		model: (r) => ({ model: oneOf(r, ['折叠耳挂式', '杯型头戴式', 'KN95折叠式']), sizes: [] }),
		useUnits: [1, 5, 20],
		packs: [
			['盒', [20, 30]],
			['箱', [20]],
		],
		storage: [ROOM, DRY],
		description: '适用于医疗工作环境下，过滤空气中的颗粒物，阻隔飞沫、血液、体液、分泌物等。',
	},
	{
		name: '一次性使用医用橡胶检查手套',
		flbm: '14-13-02',
		yflbm: '6866',
		cls: 2,
		kind: 'consumable',
		weight: 5,
		model: (r) => ({
			model: `${oneOf(r, ['S', 'M', 'L', 'XL'])} ${oneOf(r, ['有粉', '无粉', '麻面无粉'])}`,
			sizes: [],
		}),
		useUnits: [50, 100],
		packs: [['箱', [10, 20]]],
		storage: [['储存温度', '0', '40', '℃']],
		description: '采用天然胶乳制成，供医疗检查时戴在检查者手上，防止检查者与患者之间交叉感染。',
	},
	{
		name: '一次性使用无菌导尿管',
		flbm: '14-05-01',
		yflbm: '6866',
		cls: 2,
		kind: 'consumable',
		weight: 3,
		sterile: 'EO',
		model: (r) => {
			const fr = oneOf(r, ['8', '10', '12', '14', '16', '18', '20', '22']);
			return { model: `Fr${fr} ${oneOf(r, ['单腔', '双腔', '三腔'])}`, sizes: [['外径', fmt(+fr / 3, 2), 'mm']] };
		},
		useUnits: [1],
		packs: [
			['盒', [10, 20]],
			['箱', [20, 25]],
		],
		storage: [ROOM],
		description: '由导管、导管接头、球囊等组成，供临床经尿道插入膀胱导尿用。',
	},
	{
		name: '医用脱脂纱布块',
		flbm: '14-10-04',
		yflbm: '6864',
		cls: 2,
		kind: 'consumable',
		weight: 4,
		sterile: 'EO',
		model: (r) => {
			const [w, l] = oneOf(r, [
				['5', '5'],
				['7.5', '7.5'],
				['10', '10'],
				['10', '20'],
			] as const);
			return {
				model: `${w}cm×${l}cm-${oneOf(r, ['8', '12', '16'])}层`,
				sizes: [
					['宽度', w, 'cm'],
					['长度', l, 'cm'],
				],
			};
		},
		useUnits: [1, 2, 5, 10],
		packs: [
			['袋', [10, 50]],
			['箱', [20, 50]],
		],
		storage: [DRY],
		description: '由医用脱脂纱布经折叠、切割而成，用于手术、伤口护理中吸收渗出液。',
	},
	{
		name: '医用棉签',
		flbm: '14-10-09',
		yflbm: '6864',
		cls: 1,
		kind: 'consumable',
		weight: 3,
		model: (r) => ({ model: `${oneOf(r, ['7.5', '10', '15'])}cm 单头`, sizes: [] }),
		useUnits: [50, 100],
		packs: [
			['包', [20, 50]],
			['箱', [20]],
		],
		storage: [DRY],
		description: '由脱脂棉和棉签棒组成，用于清洁、涂抹药液。',
	},
	{
		name: '医用透明敷料',
		flbm: '14-10-02',
		yflbm: '6864',
		cls: 2,
		kind: 'consumable',
		weight: 2,
		sterile: 'RAD',
		model: (r) => {
			const [w, l] = oneOf(r, [
				['6', '7'],
				['10', '12'],
				['10', '25'],
			] as const);
			return {
				model: `${w}cm×${l}cm`,
				sizes: [
					['宽度', w, 'cm'],
					['长度', l, 'cm'],
				],
			};
		},
		useUnits: [1],
		packs: [
			['盒', [50, 100]],
			['箱', [10]],
		],
		storage: [ROOM],
		description: '由聚氨酯薄膜、医用压敏胶和离型纸组成，用于覆盖和固定导管穿刺部位。',
	},
	{
		name: '一次性使用无菌手术衣',
		flbm: '14-13-05',
		yflbm: '6864',
		cls: 2,
		kind: 'consumable',
		weight: 2,
		sterile: 'EO',
		model: (r) => ({ model: `${oneOf(r, ['M', 'L', 'XL', 'XXL'])} ${oneOf(r, ['标准型', '加强型'])}`, sizes: [] }),
		useUnits: [1],
		packs: [['箱', [30, 40]]],
		storage: [DRY],
		description: '由衣身、袖子、袖口和系带组成，供手术室医务人员穿着，起隔离防护作用。',
	},
	{
		name: '一次性使用麻醉穿刺包',
		flbm: '08-05-04',
		yflbm: '6866',
		cls: 3,
		kind: 'consumable',
		weight: 1,
		sterile: 'EO',
		kit: true,
		model: (r) => ({ model: `${oneOf(r, ['AS-E', 'AS-S', 'AS-E/S'])} ${oneOf(r, ['普通型', '可视型'])}`, sizes: [] }),
		useUnits: [1],
		packs: [['箱', [20, 30]]],
		storage: [ROOM],
		description: '由硬膜外穿刺针、腰椎穿刺针、导管、注射器、过滤器等组成，供临床麻醉穿刺用。',
	},
	{
		name: '一次性使用换药包',
		flbm: '14-10-08',
		yflbm: '6864',
		cls: 2,
		kind: 'consumable',
		weight: 2,
		sterile: 'EO',
		kit: true,
		model: (r) => ({ model: `${oneOf(r, ['Ⅰ型', 'Ⅱ型', 'Ⅲ型'])}`, sizes: [] }),
		useUnits: [1],
		packs: [['箱', [50, 100]]],
		storage: [DRY],
		description: '由换药碗、镊子、棉球、纱布块、治疗巾组成，供临床换药用。',
	},
	{
		name: '植入式心脏起搏器',
		flbm: '12-01-01',
		yflbm: '6846',
		cls: 3,
		kind: 'equipment',
		weight: 1,
		sterile: 'EO',
		mr: ['1', '1', '2'],
		model: (r) => ({
			model: `${oneOf(r, ['SR', 'DR', 'VDD'])}${r.int(100, 999)}${oneOf(r, ['', 'MRI'])}`,
			sizes: [['厚度', fmt(r.int(60, 75) / 10), 'mm']],
		}),
		useUnits: [1],
		packs: [],
		storage: [['储存温度', '-18', '55', '℃']],
		description: '由脉冲发生器和电池组成，植入体内，用于治疗缓慢性心律失常。',
	},
	{
		name: '药物洗脱冠脉支架系统',
		flbm: '13-06-03',
		yflbm: '6846',
		cls: 3,
		kind: 'consumable',
		weight: 2,
		sterile: 'EO',
		mr: ['1'],
		model: (r) => {
			const d = oneOf(r, ['2.25', '2.5', '2.75', '3.0', '3.5', '4.0']);
			const l = oneOf(r, ['13', '15', '18', '23', '28', '33', '38']);
			return {
				model: `${d}mm×${l}mm`,
				sizes: [
					['直径', d, 'mm'],
					['长度', l, 'mm'],
				],
			};
		},
		useUnits: [1],
		packs: [],
		storage: [['储存温度', '0', '25', '℃']],
		description: '由药物洗脱支架和快速交换球囊扩张导管组成，用于改善冠状动脉狭窄患者的心肌灌注。',
		specialStorage: '避光、干燥、阴凉处保存。',
	},
	{
		name: '人工晶状体',
		flbm: '16-06-01',
		yflbm: '6822',
		cls: 3,
		kind: 'consumable',
		weight: 2,
		sterile: 'STEAM',
		mr: ['0'],
		model: (r) => {
			const dpt = (r.int(10, 60) / 2).toFixed(1);
			return {
				model: `${oneOf(r, ['AQ', 'HL', 'YC'])}-${r.int(100, 999)} +${dpt}D`,
				sizes: [
					['光学部直径', '6.0', 'mm'],
					['屈光度', `+${dpt}`, 'D'],
				],
			};
		},
		useUnits: [1],
		packs: [['盒', [1]]],
		storage: [['储存温度', '0', '45', '℃']],
		description: '由光学部和支撑部组成，用于白内障摘除术后植入眼后房，矫正无晶状体眼的视力。',
	},
	{
		name: '金属锁定接骨板',
		flbm: '13-03-01',
		yflbm: '6846',
		cls: 3,
		kind: 'consumable',
		weight: 3,
		sterilizeBeforeUse: true,
		mr: ['1', '3'],
		model: (r) => {
			const holes = r.int(3, 14);
			const len = holes * 12 + r.int(10, 30);
			return {
				model: `${oneOf(r, ['桡骨远端', '锁骨', '胫骨近端外侧', '肱骨近端'])}锁定板 ${holes}孔 左`,
				sizes: [
					['长度', `${len}`, 'mm'],
					['孔数', `${holes}`, '孔'],
				],
			};
		},
		useUnits: [1],
		packs: [],
		storage: [DRY],
		description: '由纯钛或钛合金制成，与锁定螺钉配合使用，供骨折内固定用。',
	},
	{
		name: '组织剪',
		flbm: '02-06-01',
		yflbm: '6806',
		cls: 1,
		kind: 'consumable',
		weight: 2,
		reusable: true,
		sterilizeBeforeUse: true,
		directMarking: true,
		model: (r) => {
			const len = oneOf(r, ['14', '16', '18', '20', '22']);
			return { model: `${len}cm ${oneOf(r, ['直', '弯'])} ${oneOf(r, ['尖', '圆'])}`, sizes: [['长度', len, 'cm']] };
		},
		useUnits: [1],
		packs: [['盒', [10]]],
		storage: [DRY],
		description: '由头部、关节和柄部组成，头部刃口锋利，供手术时剪切组织用。',
	},
	{
		name: '医用电子体温计',
		flbm: '07-03-01',
		yflbm: '6820',
		cls: 2,
		kind: 'equipment',
		weight: 3,
		reusable: true,
		mr: ['2', '3'],
		model: (r) => ({
			model: `${oneOf(r, ['MT', 'TH', 'ET'])}-${r.int(100, 999)}${oneOf(r, ['', 'A', 'B'])}`,
			sizes: [],
		}),
		useUnits: [1],
		packs: [
			['盒', [10, 20]],
			['箱', [10, 20]],
		],
		storage: [['储存温度', '-20', '55', '℃'], ['储存湿度', '15', '93', '%RH'], OPERATING],
		description: '由温度传感器、液晶显示器、纽扣电池、专用集成电路及其他电子元器件组成，用于测量人体体温。',
	},
	{
		name: '电子血压计',
		flbm: '07-03-03',
		yflbm: '6820',
		cls: 2,
		kind: 'equipment',
		weight: 3,
		reusable: true,
		model: (r) => ({
			model: `${oneOf(r, ['BP', 'U', 'HEM'])}-${r.int(10, 99)}${oneOf(r, ['0', '1', '5'])}${oneOf(r, ['', 'A', 'T'])}`,
			sizes: [],
		}),
		useUnits: [1],
		packs: [['箱', [4, 6, 10]]],
		storage: [['储存温度', '-20', '60', '℃'], ['储存湿度', '10', '93', '%RH'], PRESSURE],
		description: '由主机、袖带组成，采用示波法测量人体收缩压、舒张压和脉率。',
	},
	{
		name: '彩色多普勒超声诊断系统',
		flbm: '06-07-02',
		yflbm: '6823',
		cls: 2,
		kind: 'equipment',
		weight: 1,
		reusable: true,
		directMarking: true,
		mr: ['2'],
		model: (r) => ({
			model: `${oneOf(r, ['DC', 'Vinno', 'M'])}-${r.int(5, 90)}${oneOf(r, ['', ' Pro', ' Exp'])}`,
			sizes: [],
		}),
		useUnits: [1],
		packs: [],
		storage: [['储存温度', '-20', '55', '℃'], ['储存湿度', '10', '95', '%RH'], PRESSURE],
		description: '由主机、探头、显示器组成，用于腹部、心脏、妇产、浅表器官等部位的超声诊断。',
	},
	{
		name: '医用压缩式雾化器',
		flbm: '08-04-01',
		yflbm: '6856',
		cls: 2,
		kind: 'equipment',
		weight: 1,
		reusable: true,
		model: (r) => ({ model: `NE-C${r.int(10, 99)}${oneOf(r, ['', 'S'])}`, sizes: [] }),
		useUnits: [1],
		packs: [['箱', [4, 6]]],
		storage: [['储存温度', '-10', '40', '℃'], DRY],
		description: '由压缩机、雾化杯、送气管和面罩组成，将药液雾化后供患者吸入。',
	},
	{
		name: '葡萄糖测定试剂盒（葡萄糖氧化酶法）',
		flbm: '6840-001',
		yflbm: '6840',
		cls: 2,
		kind: 'ivd',
		weight: 4,
		model: (r) => ({ model: oneOf(r, ['25条/盒', '50条/盒', '100条/盒', '25条×2/盒']), sizes: [] }),
		useUnits: [25, 50, 100],
		packs: [['箱', [40, 60, 100]]],
		storage: [AMBIENT, DRY],
		description: '与配套血糖仪配合使用，用于体外定量检测人体新鲜毛细血管全血中的葡萄糖浓度。',
		specialStorage: '开瓶后3个月内使用，避免阳光直射。',
	},
	{
		name: '新型冠状病毒（2019-nCoV）抗原检测试剂盒（胶体金法）',
		flbm: '6840-003',
		yflbm: '6840',
		cls: 3,
		kind: 'ivd',
		weight: 2,
		model: (r) => ({ model: oneOf(r, ['1人份/盒', '5人份/盒', '20人份/盒', '25人份/盒']), sizes: [] }),
		useUnits: [1, 5, 20, 25],
		packs: [['箱', [50, 100, 200]]],
		storage: [AMBIENT],
		description: '用于体外定性检测鼻拭子样本中新型冠状病毒（2019-nCoV）N蛋白抗原。',
	},
	{
		name: '肌酐测定试剂盒（肌氨酸氧化酶法）',
		flbm: '6840-002',
		yflbm: '6840',
		cls: 2,
		kind: 'ivd',
		weight: 3,
		model: (r) => {
			const a = oneOf(r, ['4×60ml', '2×45ml', '1×60ml', '4×20ml']);
			return { model: `R1:${a} R2:${oneOf(r, ['1×20ml', '2×15ml', '1×15ml'])}`, sizes: [] };
		},
		useUnits: [1],
		packs: [['箱', [10, 20]]],
		storage: [FRIDGE],
		description: '用于体外定量测定人血清、血浆或尿液中肌酐的含量。',
		specialStorage: '2-8℃避光保存，严禁冷冻。',
	},
	{
		name: '乙型肝炎病毒表面抗原检测试剂盒（化学发光微粒子免疫检测法）',
		flbm: '6840-003',
		yflbm: '6840',
		cls: 3,
		kind: 'ivd',
		weight: 2,
		model: (r) => ({ model: oneOf(r, ['100测试/盒', '2×100测试/盒', '50测试/盒']), sizes: [] }),
		useUnits: [1],
		packs: [['箱', [10, 24]]],
		storage: [FRIDGE],
		description: '用于体外定量检测人血清和血浆中乙型肝炎病毒表面抗原（HBsAg）。',
	},
	{
		name: '一次性使用真空采血管',
		flbm: '22-13-01',
		yflbm: '6841',
		cls: 2,
		kind: 'consumable',
		weight: 3,
		sterile: 'RAD',
		model: (r) => {
			const ml = oneOf(r, ['2', '3', '4', '5']);
			return {
				model: `${oneOf(r, ['EDTA-K2', '促凝', '肝素锂', '枸橼酸钠1:9'])} ${ml}ml 13×75mm`,
				sizes: [
					['容量', ml, 'ml'],
					['外径', '13', 'mm'],
					['长度', '75', 'mm'],
				],
			};
		},
		useUnits: [100],
		packs: [['箱', [12, 18]]],
		storage: [['储存温度', '4', '25', '℃']],
		description: '由管体、胶塞、塑料盖和添加剂组成，供采集静脉血液样本用。',
	},
	{
		name: '牙科种植体',
		flbm: '17-08-01',
		yflbm: '6863',
		cls: 3,
		kind: 'consumable',
		weight: 1,
		sterile: 'RAD',
		mr: ['1'],
		model: (r) => {
			const d = oneOf(r, ['3.3', '3.75', '4.1', '4.8', '5.0']);
			const l = oneOf(r, ['8', '10', '11.5', '13']);
			return {
				model: `Φ${d}×${l}mm`,
				sizes: [
					['直径', d, 'mm'],
					['长度', l, 'mm'],
				],
			};
		},
		useUnits: [1],
		packs: [],
		storage: [ROOM, DRY],
		description: '由纯钛制成，植入上、下颌骨内，为修复体提供支持和固位。',
	},
];

export const STERILISATION: Readonly<Record<'EO' | 'RAD' | 'STEAM', string>> = {
	EO: '环氧乙烷灭菌',
	RAD: '辐照灭菌',
	STEAM: '湿热灭菌',
};
