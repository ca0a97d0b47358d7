'use strict';
// The credentials the templates use, pointed at the local platform and its gateway stand-ins.
// Their ids are the ones the templates in workflows/ name, so imported templates run as they are.

const CREDENTIAL_IDS = {
	yueGongHuiApi: 'gonghuiPlatform01',
	platformCompanyOAuth2Api: 'gonghuiCompany001',
	weComRobotApi: 'gonghuiWeCom00001',
	dingTalkRobotApi: 'gonghuiDingTalk01',
	aliyunSmsApi: 'gonghuiSms0000001',
};

const CREDENTIAL_NAMES = {
	yueGongHuiApi: '粤工惠 (local platform)',
	platformCompanyOAuth2Api: 'Platform company meituan-demo (local)',
	weComRobotApi: 'WeCom robot (local sink)',
	dingTalkRobotApi: 'DingTalk robot (local sink)',
	aliyunSmsApi: 'Aliyun SMS (local sink)',
};

/**
 * One credential per demo platform company: n8n keeps credentials per node, so a workflow that asks
 * several companies has one Platform Company node (and credential) for each. The first is the
 * `platformCompanyOAuth2Api` credential above.
 */
const COMPANY_CREDENTIALS = [
	{ companyId: 'meituan-demo', id: CREDENTIAL_IDS.platformCompanyOAuth2Api, name: CREDENTIAL_NAMES.platformCompanyOAuth2Api },
	{ companyId: 'didi-demo', id: 'gonghuiCompany002', name: 'Platform company didi-demo (local)' },
	{ companyId: 'sf-demo', id: 'gonghuiCompany003', name: 'Platform company sf-demo (local)' },
	{ companyId: 'huolala-demo', id: 'gonghuiCompany004', name: 'Platform company huolala-demo (local)' },
];

/** Decrypted credential data by type, for the platform at `platformUrl` (http://127.0.0.1:5679). */
function localCredentialData(platformUrl, companyId = 'meituan-demo') {
	return {
		yueGongHuiApi: { baseUrl: `${platformUrl}/api/v1`, appKey: 'demo-app', secret: 'demo-secret-change-me' },
		platformCompanyOAuth2Api: {
			baseUrl: `${platformUrl}/companies/${companyId}`,
			grantType: 'clientCredentials',
			accessTokenUrl: `${platformUrl}/companies/${companyId}/oauth/token`,
			authUrl: '',
			scope: '',
			authQueryParameters: '',
			authentication: 'header',
			clientId: `${companyId}-client`,
			clientSecret: `${companyId}-secret`,
		},
		weComRobotApi: { baseUrl: `${platformUrl}/sinks/wecom`, webhookKey: 'demo-wecom-key' },
		dingTalkRobotApi: { baseUrl: `${platformUrl}/sinks/dingtalk`, accessToken: 'demo-dingtalk-token', secret: 'demo-dingtalk-secret' },
		aliyunSmsApi: {
			endpoint: `${platformUrl}/sinks/aliyun-sms`,
			accessKeyId: 'demo-access-key-id',
			accessKeySecret: 'demo-access-key-secret',
			signName: '粤工惠',
		},
	};
}

/** Every demo company's credential data by credential id (the test harness's `credentialsById`). */
function localCompanyCredentialData(platformUrl) {
	return Object.fromEntries(
		COMPANY_CREDENTIALS.map(({ companyId, id }) => [id, localCredentialData(platformUrl, companyId).platformCompanyOAuth2Api]),
	);
}

/** The same, in the shape `n8n import:credentials` reads, with every demo company's credential. */
function localCredentialsForImport(platformUrl) {
	const byType = Object.entries(localCredentialData(platformUrl)).map(([type, data]) => ({
		id: CREDENTIAL_IDS[type],
		name: CREDENTIAL_NAMES[type],
		type,
		data,
	}));
	const companies = localCompanyCredentialData(platformUrl);
	const moreCompanies = COMPANY_CREDENTIALS.filter(({ id }) => id !== CREDENTIAL_IDS.platformCompanyOAuth2Api).map(({ id, name }) => ({
		id,
		name,
		type: 'platformCompanyOAuth2Api',
		data: companies[id],
	}));
	return [...byType, ...moreCompanies];
}

module.exports = {
	CREDENTIAL_IDS,
	CREDENTIAL_NAMES,
	COMPANY_CREDENTIALS,
	localCredentialData,
	localCompanyCredentialData,
	localCredentialsForImport,
};
