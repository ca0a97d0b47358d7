/** Clauses behind transfer decisions. */
export const RULES = {
	/** 会员劳动（工作）关系在哪里，会籍登记就在哪里，一次入会、动态接转。 */
	followsLabour: '正文 二（六）1；《工会会员会籍管理办法》',
	/** 蓄水池会员：有劳动合同关系的企业成立工会，应及时接转。 */
	reservoir: '正文 二（六）4；附件3 三',
	onlineTransfer: '正文 二（六）2',
	record: '正文 二（六）2',
} as const;
