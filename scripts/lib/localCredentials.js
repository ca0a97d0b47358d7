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

/** The same, in the shape `n8n import:credentials` reads. */
function localCredentialsForImport(platformUrl) {
	return Object.entries(localCredentialData(platformUrl)).map(([type, data]) => ({
		id: CREDENTIAL_IDS[type],
		name: CREDENTIAL_NAMES[type],
		type,
		data,
	}));
}

module.exports = { CREDENTIAL_IDS, CREDENTIAL_NAMES, localCredentialData, localCredentialsForImport };
