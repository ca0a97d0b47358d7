import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

export type Channel = 'weCom' | 'dingTalk' | 'sms';

const CHANNEL_NAMES: Record<Channel, [string, string]> = {
	weCom: ['企业微信机器人', 'WeCom robot'],
	dingTalk: ['钉钉机器人', 'DingTalk robot'],
	sms: ['阿里云短信', 'Aliyun SMS'],
};

/** What a gateway's error code means, in Chinese and English. */
const MEANINGS: Record<string, [string, string]> = {
	'weCom:93000': ['Webhook Key 无效，或机器人已被移出群', 'the webhook key is not valid, or the robot was removed from the group'],
	'weCom:45009': ['超过每分钟 20 条的发送频率', 'over the limit of 20 messages a minute'],
	'weCom:40058': ['内容超过长度限制', 'the content is longer than allowed'],
	'weCom:40008': ['消息类型不合法', 'the message type is not valid'],
	'weCom:44004': ['内容为空', 'the content is empty'],
	'weCom:44001': ['上传的文件为空', 'the uploaded file is empty'],
	'weCom:40006': ['文件大小不合法（5 字节至 20MB）', 'the file size is not valid (5 bytes to 20 MB)'],
	'weCom:40009': ['图片大小不合法（至多 2MB）', 'the image size is not valid (at most 2 MB)'],
	'weCom:40007': ['文件 media_id 无效或已过期', 'the file media_id is not valid or has expired'],
	'weCom:40035': ['参数不合法', 'a parameter is not valid'],
	'dingTalk:300001': ['access_token 无效', 'the access token is not valid'],
	'dingTalk:300005': ['access_token 无效', 'the access token is not valid'],
	'dingTalk:310000': ['加签校验失败或时间戳与钉钉时间相差超过 1 小时，请检查 Secret 与服务器时间', 'the signature or timestamp was refused: check the secret and the server clock'],
	'dingTalk:130101': ['超过每分钟 20 条的发送频率，机器人被限流 10 分钟', 'over 20 messages a minute: the robot is blocked for 10 minutes'],
	'dingTalk:460101': ['消息超过 20000 字节', 'the message is longer than 20000 bytes'],
	'dingTalk:40035': ['缺少参数或参数不合法', 'a parameter is missing or not valid'],
	'sms:SignatureDoesNotMatch': ['签名不匹配，请检查 AccessKey Secret', 'the signature does not match: check the AccessKey secret'],
	'sms:InvalidAccessKeyId.NotFound': ['AccessKey ID 不存在', 'the AccessKey ID does not exist'],
	'sms:InvalidTimeStamp.Expired': ['请求时间与阿里云相差超过 15 分钟，请检查服务器时间', 'the request time is more than 15 minutes off: check the server clock'],
	'sms:isv.MOBILE_NUMBER_ILLEGAL': ['手机号码格式错误', 'a mobile number is not valid'],
	'sms:isv.BUSINESS_LIMIT_CONTROL': ['触发号码发送频率流控', 'the number\'s sending limit was reached'],
	'sms:isv.SMS_SIGNATURE_ILLEGAL': ['短信签名不存在或未通过审核', 'the sign name does not exist or is not approved'],
	'sms:isv.SMS_TEMPLATE_ILLEGAL': ['短信模板不存在或未通过审核', 'the template does not exist or is not approved'],
	'sms:isv.INVALID_JSON_PARAM': ['模板参数不是只含字符串值的 JSON', 'the template parameters are not JSON with string values only'],
	'sms:isv.PARAM_LENGTH_LIMIT': ['模板变量超过长度限制', 'a template variable is longer than allowed'],
	'sms:isv.TEMPLATE_MISSING_PARAMETERS': ['模板缺少变量', 'the template is missing variables'],
	'sms:isv.AMOUNT_NOT_ENOUGH': ['账户余额不足', 'the account balance is too low'],
};

/** A gateway's refusal as a bilingual NodeApiError; `code` is its errcode or Code. */
export function gatewayError(
	node: INode,
	channel: Channel,
	code: string | number,
	gatewayMessage: string,
	itemIndex: number,
	response: JsonObject,
	httpCode?: number,
): NodeApiError {
	const [zhName, enName] = CHANNEL_NAMES[channel];
	const [zh, en] = MEANINGS[`${channel}:${code}`] ?? ['网关拒绝了请求', 'the gateway refused the request'];
	const error = new NodeApiError(node, response, {
		itemIndex,
		message: `${zhName}发送失败（${code}）：${zh} / The ${enName} refused the message (${code}): ${en}`,
		description: gatewayMessage ? `${channel === 'sms' ? 'Message' : 'errmsg'}: ${gatewayMessage}` : undefined,
		httpCode: httpCode !== undefined ? String(httpCode) : undefined,
	});
	// The gateway's own code, so a workflow can branch on it (e.g. 93000: the robot's key is wrong).
	error.context.code = String(code);
	return error;
}
