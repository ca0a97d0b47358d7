/** The 21 prefecture-level cities of Guangdong (GB/T 2260) and their 附件1 targets for 2022. */
export interface CityTargets {
	/** 新建企业工会 */
	enterpriseUnions: number;
	/** 新发展会员 */
	members: number;
	/** 其中新就业形态劳动者会员 */
	newFormMembers: number;
}

export interface City {
	cityCode: string;
	cityName: string;
	nameEn: string;
	targets2022: CityTargets;
}

const table: Array<[string, string, string, number, number, number]> = [
	['440100', '广州', 'Guangzhou', 4300, 226100, 94200],
	['440300', '深圳', 'Shenzhen', 5000, 314700, 131100],
	['440400', '珠海', 'Zhuhai', 500, 33800, 14100],
	['440500', '汕头', 'Shantou', 480, 28300, 11800],
	['440600', '佛山', 'Foshan', 1370, 94800, 39500],
	['440200', '韶关', 'Shaoguan', 300, 15300, 6400],
	['441600', '河源', 'Heyuan', 220, 14200, 5900],
	['441400', '梅州', 'Meizhou', 290, 17900, 7500],
	['441300', '惠州', 'Huizhou', 750, 49400, 20600],
	['441500', '汕尾', 'Shanwei', 140, 9800, 4100],
	['441900', '东莞', 'Dongguan', 2300, 151700, 63200],
	['442000', '中山', 'Zhongshan', 1080, 55100, 23000],
	['440700', '江门', 'Jiangmen', 670, 38400, 16000],
	['441700', '阳江', 'Yangjiang', 260, 12200, 5100],
	['440800', '湛江', 'Zhanjiang', 500, 29600, 12300],
	['440900', '茂名', 'Maoming', 440, 27800, 11600],
	['441200', '肇庆', 'Zhaoqing', 470, 28400, 11800],
	['441800', '清远', 'Qingyuan', 320, 18300, 7600],
	['445100', '潮州', 'Chaozhou', 150, 8700, 3600],
	['445200', '揭阳', 'Jieyang', 250, 14700, 6100],
	['445300', '云浮', 'Yunfu', 210, 10800, 4500],
];

/** In the order of 附件1. */
export const CITIES: readonly City[] = Object.freeze(
	table.map(([cityCode, cityName, nameEn, enterpriseUnions, members, newFormMembers]) =>
		Object.freeze({
			cityCode,
			cityName,
			nameEn,
			targets2022: Object.freeze({ enterpriseUnions, members, newFormMembers }),
		}),
	),
);

export const CITY_CODES: readonly string[] = CITIES.map((c) => c.cityCode);

const byKey = new Map<string, City>();
for (const city of CITIES) {
	byKey.set(city.cityCode, city);
	byKey.set(city.cityName, city);
	byKey.set(city.cityName + '市', city);
	byKey.set(city.nameEn.toLowerCase(), city);
	byKey.set(city.nameEn.toLowerCase() + ' shi', city);
}

export interface ResolvedCity {
	cityCode: string;
	cityName: string;
	nameEn: string;
}

/**
 * A city named by code (440300, or a county-level code 4403xx), Chinese name (深圳 / 深圳市) or
 * pinyin (shenzhen, ShenZhen, "shen zhen"); `null` when it is not one of the 21.
 */
export function resolveCity(input: unknown): ResolvedCity | null {
	if (typeof input === 'number' && Number.isInteger(input)) input = String(input);
	if (typeof input !== 'string') return null;
	const text = input.trim();
	if (!text) return null;
	let city = byKey.get(text) ?? byKey.get(text.toLowerCase().replace(/[\s-]+/g, ''));
	if (!city && /^44\d{4}$/.test(text)) {
		city = byKey.get(text.slice(0, 4) + '00');
	}
	if (!city) return null;
	return { cityCode: city.cityCode, cityName: city.cityName, nameEn: city.nameEn };
}

export function cityByCode(code: string): City | undefined {
	const resolved = resolveCity(code);
	return resolved ? byKey.get(resolved.cityCode) : undefined;
}
