/**
 * Demo credentials the local sinks accept (development, demos and tests only; never real keys):
 * - WeCom group robot webhook key:  `demo-wecom-key`
 *     → base URL http://127.0.0.1:5679/sinks/wecom  (real: https://qyapi.weixin.qq.com)
 * - DingTalk custom robot:          access token `demo-dingtalk-token`, secret `demo-dingtalk-secret`
 *     → base URL http://127.0.0.1:5679/sinks/dingtalk  (real: https://oapi.dingtalk.com)
 * - Aliyun SMS AccessKey:           `demo-access-key-id` / `demo-access-key-secret`, sign name `粤工惠`
 *     → endpoint http://127.0.0.1:5679/sinks/aliyun-sms/  (real: https://dysmsapi.aliyuncs.com)
 */
export const DEMO_WECOM_KEY = 'demo-wecom-key';
export const DEMO_DINGTALK_TOKEN = 'demo-dingtalk-token';
export const DEMO_DINGTALK_SECRET = 'demo-dingtalk-secret';
export const DEMO_ALIYUN_ACCESS_KEY_ID = 'demo-access-key-id';
export const DEMO_ALIYUN_ACCESS_KEY_SECRET = 'demo-access-key-secret';
export const DEMO_SMS_SIGN_NAME = '粤工惠';
