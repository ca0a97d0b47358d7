/** The clauses approval decisions cite (粤工总〔2021〕30号 and the laws it rests on). */
export const RULES = {
	/** 会员实名制：会员纳入数据库动态管理 — the data a registration needs. */
	realNameRecord: '正文 二（六）2',
	residentId: '正文 二（六）2；GB 11643-1999',
	usci: 'GB 32100-2015',
	minimumAge: '《劳动法》第十五条',
	cityFederation: '附件3 一',
	oneMembership: '正文 二（六）1',
	otherGroup: '附件2 说明4',
	realName: '正文 一；正文 二（五）3',
	transfer: '正文 二（六）4；附件3 三',
	relation: '正文 二（四）',
	adminApproval: '附件3 三',
	adminWorkflow: '附件3 五',
} as const;
