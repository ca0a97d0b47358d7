/** Reference lists the demo data is drawn from. */

/**
 * County-level codes (GB/T 2260) for the first six digits of resident IDs: Guangdong's own and
 * the provinces gig workers in Guangdong come from. Distinct codes, so IDs never collide.
 */
export const AREA_CODES = [
	// Guangdong
	'440103', '440104', '440106', '440111', '440303', '440304', '440305', '440306', '440307', '440511',
	'440604', '440606', '441302', '441900', '442000', '440703', '440802', '440902', '445102', '445202',
	'441402', '441502', '441602',
	// Hunan, Guangxi, Jiangxi, Sichuan, Guizhou, Hubei, Henan, Fujian, Yunnan, Chongqing, Anhui …
	'430102', '430521', '431021', '450102', '450721', '450881', '360121', '360732', '510129', '511602',
	'522422', '520102', '420117', '421182', '411527', '410102', '350583', '530381', '500229', '340824',
	'320321', '370983', '130628', '610125', '622701', '460003', '210881', '230281', '140202', '150403',
	'640122', '650102', '630102', '540102', '110105', '310115', '120101', '330127', '220182', '810000',
];

export const SURNAMES = (
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪' +
	'范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
).split('');
export const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '司徒'];
export const GIVEN_CHARS = (
	'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉力俊峰鑫宇浩凯健波宁斌红玉兰志国海林鹏飞云龙晨阳欣怡佳' +
	'琪子涵梓轩思雨博文嘉豪家乐振华永康德胜春梅秋菊冬生金水木火土'
).split('');

export const MOBILE_PREFIXES = [
	'130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157',
	'158', '159', '166', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189', '191',
	'198', '199',
];

export const EMPLOYER_BRANDS = ['顺达', '骏驰', '迅捷', '恒通', '安达', '捷运', '万家', '腾飞', '鸿运', '众邦', '新丰', '广源', '粤通', '宏图', '嘉信', '盛世'];
export const EMPLOYER_KINDS = ['配送服务', '物流', '速递', '运输', '供应链管理'];

export interface DemoCompany {
	companyId: string;
	name: string;
	/** The first 17 characters of its unified social credit code; the check character is computed. */
	usciBase: string;
	group: 'delivery_rider' | 'ride_hailing_driver' | 'courier' | 'truck_driver';
	/** Cities where the company has a platform-enterprise union. */
	unionCities: string[];
}

export const DEMO_COMPANIES: readonly DemoCompany[] = [
	{ companyId: 'meituan-demo', name: '美团配送（演示）', usciBase: '91440300MA5DEM001', group: 'delivery_rider', unionCities: ['440300', '440100'] },
	{ companyId: 'didi-demo', name: '滴滴出行（演示）', usciBase: '91440100MA5DEM002', group: 'ride_hailing_driver', unionCities: ['440100'] },
	{ companyId: 'sf-demo', name: '顺丰速运（演示）', usciBase: '91440300MA5DEM003', group: 'courier', unionCities: ['440300', '441900'] },
	{ companyId: 'huolala-demo', name: '货拉拉（演示）', usciBase: '91440100MA5DEM004', group: 'truck_driver', unionCities: ['440600'] },
];

/** How the groups split among new-form workers, and how each group's workers are engaged. */
export const GROUP_WEIGHTS: Record<string, number> = {
	delivery_rider: 35,
	courier: 25,
	ride_hailing_driver: 20,
	truck_driver: 12,
	other: 8,
};

export const RELATION_WEIGHTS: Record<string, Record<string, number>> = {
	delivery_rider: { labor_contract: 25, platform_managed: 45, civil: 25, dispatch: 5 },
	courier: { labor_contract: 55, platform_managed: 15, civil: 10, dispatch: 20 },
	ride_hailing_driver: { labor_contract: 10, platform_managed: 40, civil: 50, dispatch: 0 },
	truck_driver: { labor_contract: 25, platform_managed: 15, civil: 60, dispatch: 0 },
	other: { labor_contract: 20, platform_managed: 0, civil: 80, dispatch: 0 },
};
